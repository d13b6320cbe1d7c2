import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseDto } from '@gridenforce/backend/contracts';
import { paths } from '@/config/paths';

/** Cases the server thinks may be the same incident (same category, close in space and time). */
export function DuplicateHints({ kase }: { kase: CaseDto }) {
  const { t } = useTranslation();
  if (!kase.possibleDuplicates.length) return null;
  return (
    <section className="card dup-hints" aria-labelledby="dups-h" data-testid="duplicate-hints">
      <h2 id="dups-h">{t('case.duplicates')}</h2>
      <p className="hint">{t(kase.allowedActions.includes('merge') ? 'case.duplicatesMergeHint' : 'case.duplicatesHint')}</p>
      <ul>
        {kase.possibleDuplicates.map((d) => (
          <li key={d.id}>
            <Link to={paths.case(d.id)}>{d.caseNo}</Link> <span className="muted small">{t('case.distance', { m: Math.round(d.distanceM) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '@/config/paths';
import type { CaseDto } from '@gridenforce/backend/contracts';
import { Loading, QueryError } from '@/components/ui/query-state';
import { useFormatters } from '@/lib/format';
import { useCaseTimeline } from '../api/get-case-timeline';
import { PhotoThumb } from './case-photos';

/** Every recorded step, oldest first: who, in which role, when, what changed, note, photos. */
export function CaseTimeline({ kase }: { kase: CaseDto }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const q = useCaseTimeline(kase.id, kase.seq);
  const photoById = new Map(kase.photos.map((p) => [p.id, p]));
  return (
    <section className="card" aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t('case.timeline')}</h2>
      {q.isPending ? <Loading /> : q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <ol className="timeline" data-testid="case-timeline">
          {q.data.map((ev) => (
            <li key={ev.seq} className="timeline-item" data-action={ev.action}>
              <div className="timeline-head">
                <strong>{t(`action.${ev.action}`, { defaultValue: ev.action })}</strong>
                {ev.action === 'joint' && typeof ev.data.step === 'string' ? (
                  <span className="small">
                    {' '}
                    · {t(`joint.step.${ev.data.step}`, { defaultValue: ev.data.step })}
                    {typeof ev.data.jointCaseId === 'string' ? (
                      <>
                        {' '}
                        <Link to={paths.jointCase(ev.data.jointCaseId)}>{t('joint.viewShort')}</Link>
                      </>
                    ) : null}
                  </span>
                ) : null}
                {ev.from !== ev.to && ev.to ? (
                  <span className="muted small">
                    {' '}
                    {ev.from ? `${t(`status.${ev.from}`)} → ` : ''}
                    {t(`status.${ev.to}`)}
                  </span>
                ) : null}
                <time className="muted small" dateTime={ev.at}>
                  {f.dateTime(ev.at)}
                </time>
              </div>
              <div className="small">
                {ev.actor ? t('common.nameRole', { name: ev.actor.displayName, role: t(`role.${ev.actor.role}`) }) : t('case.system')}
              </div>
              {ev.note ? <p className="timeline-note">{ev.note}</p> : null}
              {ev.attachments.length ? (
                <div className="thumbs">
                  {ev.attachments.map((id) => {
                    const p = photoById.get(id);
                    return p ? <PhotoThumb key={id} photo={p} /> : null;
                  })}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

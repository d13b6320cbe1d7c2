import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '@/components/ui/status-badge';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { useLocalName } from '@/lib/i18n';
import { useDefinitions } from '../api/get-definitions';
import { useDrillDown } from '../api/get-drill';
import type { DrillItem, DrillSpec } from '../api/types';

function itemHref(it: DrillItem): string | null {
  if (it.type === 'case') return paths.case(it.id);
  if (it.type === 'joint_case') return paths.jointCase(it.id);
  return null;
}

/** The cases (or joint-work items) behind one figure: exactly what was counted, `times` units each. */
export function DrillDown({ period, spec, unitName, onClose }: { period: string; spec: DrillSpec; unitName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const defs = useDefinitions();
  const q = useDrillDown(period, spec);
  const def = defs.data?.find((d) => d.key === spec.indicator);
  const title = `${unitName} · ${def ? local(def.name, spec.indicator) : spec.indicator} · ${t(`evaluations.${spec.part}`)}`;
  return (
    <section className="card ev-drill" aria-labelledby="ev-drill-h" data-testid="drill-down" data-indicator={spec.indicator} data-part={spec.part}>
      <div className="list-head">
        <h2 id="ev-drill-h">
          {t('evaluations.drillTitle')}: {title}
        </h2>
        <button type="button" className="btn btn-small" onClick={onClose} data-testid="drill-close">
          {t('evaluations.close')}
        </button>
      </div>
      {def ? <p className="small muted">{spec.part === 'numerator' ? def.numerator : def.denominator || def.numerator}</p> : null}
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <p data-testid="drill-count">
          {t('evaluations.drillCount', { n: q.data.count, objects: q.data.items.length })}
        </p>
      ) : null}
      {q.isSuccess && !q.data.items.length ? <Empty>{t('evaluations.drillEmpty')}</Empty> : null}
      {q.data?.items.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('evaluations.object')}</th>
              <th scope="col">{t('evaluations.objectType')}</th>
              <th scope="col">{t('evaluations.statusCol')}</th>
              <th scope="col" className="num">{t('evaluations.times')}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((it) => {
              const href = itemHref(it);
              const label = it.caseNo ?? it.id;
              return (
                <tr key={`${it.type}:${it.id}`} data-testid="drill-item">
                  <td>
                    {href ? (
                      <Link to={href} className="case-link" data-testid="drill-case-link">
                        {label}
                      </Link>
                    ) : (
                      label
                    )}
                  </td>
                  <td>{t(`evaluations.objectTypes.${it.type}`, { defaultValue: it.type })}</td>
                  <td>{it.status && it.type === 'case' ? <StatusBadge status={it.status} /> : (it.status ?? '—')}</td>
                  <td className="num">{it.times}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

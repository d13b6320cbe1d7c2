import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '@/components/ui/query-state';
import { useLocalName } from '@/lib/i18n';
import { useDefinitions } from '../api/get-definitions';
import { useScores } from '../api/get-scores';

/** Composite scores and grades (A ≥ 90 … E < 40) per team, inspector and dispatcher. */
export function ScoresTable({ period }: { period: string }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const id = useId();
  const q = useScores(period);
  const defs = useDefinitions();
  const compName = (k: string) => (k === 'volumeScore' ? t('evaluations.volumeScore') : local(defs.data?.find((d) => d.key === k)?.name, k));
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
  const name = (n: unknown, code: string) => (typeof n === 'string' ? n : n ? local(n as { zh: string; en: string }, code) : code);
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="evaluation-scores">
      <h2 id={`${id}-h`}>{t('evaluations.scores')}</h2>
      <p className="hint">{t('evaluations.gradeScale')}</p>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data
        ? Object.entries(q.data.scores).map(([group, rows]) => (
            <details key={group} className="ev-scores-group" data-testid="scores-group" data-group={group} open={group === 'team'}>
              <summary>
                <h3>{t(`evaluations.levels.${group}`, { defaultValue: group })}</h3> <span className="small muted">{t('evaluations.unitsCount', { n: rows.length })}</span>
              </summary>
              <div className="table-scroll ev-scores-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('evaluations.unit')}</th>
                    <th scope="col" className="num">{t('evaluations.score')}</th>
                    <th scope="col">{t('evaluations.grade')}</th>
                    <th scope="col">{t('evaluations.components')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{name(r.name, r.code)}</th>
                      <td className="num">{r.score === null ? '—' : r.score.toFixed(2)}</td>
                      <td>{r.grade ? <span className={`badge grade-${r.grade}`}>{r.grade}</span> : '—'}</td>
                      <td className="small">
                        {r.components.map((c) => `${compName(c.key)} ${pct(c.rate)} ×${c.weight}`).join(' · ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            </details>
          ))
        : null}
    </section>
  );
}

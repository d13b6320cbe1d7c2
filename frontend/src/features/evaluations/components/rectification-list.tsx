import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { errorMessage } from '@/lib/error-message';
import { useFormatters } from '@/lib/format';
import { useUser } from '@/lib/session';
import { useConfirmRectification, useMarkRectificationDone, useRectifications } from '../api/rectifications';
import type { RectificationDto } from '../api/types';
import { useTeamName } from '../lib/team-names';

/**
 * Rectification items (整改) per team with their state: open → done (the team leader, with evidence)
 * → confirmed (the legal office), or sent back to open.
 */
export function RectificationList({ batchId }: { batchId: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const teamName = useTeamName();
  const q = useRectifications(batchId);
  const byTeam = new Map<string, RectificationDto[]>();
  for (const r of q.data ?? []) byTeam.set(r.team, [...(byTeam.get(r.team) ?? []), r]);
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="rectifications">
      <h2 id={`${id}-h`}>{t('evaluations.rectifications')}</h2>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && !q.data.length ? <Empty>{t('evaluations.noRectifications')}</Empty> : null}
      {[...byTeam].map(([team, rows]) => {
        const done = rows.filter((r) => r.status === 'confirmed').length;
        return (
          <div key={team} data-testid="rectification-team" data-team={team}>
            <h3>
              {teamName(team)} <span className="small muted">{t('evaluations.rectProgress', { done, total: rows.length })}</span>
            </h3>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('evaluations.case')}</th>
                  <th scope="col">{t('evaluations.findingText')}</th>
                  <th scope="col">{t('evaluations.statusCol')}</th>
                  <th scope="col">{t('actions.title')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <RectRow key={r.id} r={r} />
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}

function RectRow({ r }: { r: RectificationDto }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const user = useUser();
  const id = useId();
  const done = useMarkRectificationDone();
  const confirm = useConfirmRectification();
  const [text, setText] = useState('');
  const error = done.error ?? confirm.error;
  return (
    <tr data-testid="rectification-row" data-status={r.status}>
      <td>
        <Link to={paths.case(r.caseId)} className="case-link">
          {r.caseNo}
        </Link>
      </td>
      <td>
        {r.text}
        {r.evidence ? (
          <p className="small">
            {t('evaluations.evidence')}: {r.evidence} ({f.dateTime(r.doneAt)})
          </p>
        ) : null}
        {r.note ? (
          <p className="small muted">
            {t('evaluations.confirmNote')}: {r.note}
          </p>
        ) : null}
      </td>
      <td>
        <span className={`badge rect-${r.status}`}>{t(`evaluations.rectStatus.${r.status}`, { defaultValue: r.status })}</span>
      </td>
      <td>
        {user.role === 'team_leader' && r.status === 'open' ? (
          <form
            className="ev-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (text.trim()) done.mutate({ id: r.id, evidence: text.trim() });
            }}
          >
            <label htmlFor={`${id}-ev`} className="visually-hidden">
              {t('evaluations.evidence')}
            </label>
            <input id={`${id}-ev`} value={text} maxLength={2000} placeholder={t('evaluations.evidence')} onChange={(e) => setText(e.target.value)} />
            <button type="submit" className="btn btn-small btn-primary" disabled={done.isPending || !text.trim()}>
              {t('evaluations.markDone')}
            </button>
          </form>
        ) : null}
        {user.role === 'legal_officer' && r.status === 'done' ? (
          <div className="ev-inline-form">
            <label htmlFor={`${id}-note`} className="visually-hidden">
              {t('evaluations.confirmNote')}
            </label>
            <input id={`${id}-note`} value={text} maxLength={2000} placeholder={t('evaluations.confirmNote')} onChange={(e) => setText(e.target.value)} />
            <button type="button" className="btn btn-small btn-primary" disabled={confirm.isPending} data-testid="rect-confirm" onClick={() => confirm.mutate({ id: r.id, accepted: true, note: text.trim() })}>
              {t('evaluations.confirm')}
            </button>
            <button type="button" className="btn btn-small" disabled={confirm.isPending} onClick={() => confirm.mutate({ id: r.id, accepted: false, note: text.trim() })}>
              {t('evaluations.sendBack')}
            </button>
          </div>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {errorMessage(error, t)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

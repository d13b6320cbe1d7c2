import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '@/components/ui/query-state';
import { OverdueBadge } from '@/components/ui/status-badge';
import { useFormatters } from '@/lib/format';
import { useReceipts } from '../api/get-receipts';
import type { RecipientRow } from '../api/types';
import { PriorityBadge, ReceiptBadge } from './instruction-badges';
import '../i18n';
import '../instructions.css';

const FILTERS = ['all', 'pending', 'unread', 'acknowledged', 'overdue'] as const;
type Filter = (typeof FILTERS)[number];
const matches: Record<Filter, (r: RecipientRow) => boolean> = {
  all: () => true,
  pending: (r) => r.status !== 'acknowledged',
  unread: (r) => r.status === 'unread',
  acknowledged: (r) => r.status === 'acknowledged',
  overdue: (r) => r.overdue,
};

/**
 * The sender's receipt view: who has read and acknowledged, with replies, and who has not by the
 * deadline (overdue); filterable, not-yet-acknowledged first (the server's order).
 */
export function ReceiptsView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const fid = useId();
  const q = useReceipts(id);
  const [filter, setFilter] = useState<Filter>('all');
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const { instruction: ins, summary, recipients } = q.data;
  const shown = recipients.filter(matches[filter]);
  const tg = ins.targets;
  const units = tg.teamIds.length + tg.zoneIds.length + tg.gridIds.length;
  const namedUsers = tg.userIds
    .map((u) => recipients.find((r) => r.userId === u)?.displayName)
    .filter(Boolean)
    .join(i18n.language === 'en' ? ', ' : '、');
  return (
    <div data-testid="instruction-receipts">
      <h1>
        {ins.title} <PriorityBadge priority={ins.priority} />
      </h1>
      <section className="card" aria-label={t('instructions.facts')}>
        {ins.body ? <p className="instruction-body">{ins.body}</p> : null}
        <p className="small muted">
          {t('instructions.from', { name: ins.sender.displayName, role: t(`role.${ins.sender.role}`, { defaultValue: ins.sender.role }) })} · {f.dateTime(ins.sentAt)}
          {ins.deadline ? ` · ${t('instructions.deadline')} ${f.dateTime(ins.deadline)}` : ''}
        </p>
        <p data-testid="receipt-summary" data-acknowledged={summary.acknowledged} data-recipients={summary.recipients}>
          {t('instructions.summary', summary)}
        </p>
        <p className="small" data-testid="receipt-targets">
          {t('instructions.targetsLabel')}：
          {[
            units ? t('instructions.targetUnits', { teams: tg.teamIds.length, zones: tg.zoneIds.length, cells: tg.gridIds.length }) : null,
            tg.userIds.length ? t('instructions.targetUsersNames', { count: tg.userIds.length, names: namedUsers }) : null,
          ]
            .filter(Boolean)
            .join('；')}
        </p>
        {summary.overdue ? (
          <p className="receipt-pending" data-testid="receipt-overdue">
            {t('instructions.pendingByDeadline', { count: summary.overdue })}
          </p>
        ) : summary.recipients > 0 && summary.acknowledged === summary.recipients ? (
          <p className="small">{t('instructions.allAcknowledged')}</p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="recipients-h">
        <h2 id="recipients-h">{t('instructions.recipients')}</h2>
        <div className="receipt-filter">
          <div className="field">
            <label htmlFor={`${fid}-filter`}>{t('instructions.receiptFilter')}</label>
            <select id={`${fid}-filter`} value={filter} onChange={(e) => setFilter(e.target.value as Filter)} data-testid="receipt-filter">
              {FILTERS.map((x) => (
                <option key={x} value={x}>
                  {t(`instructions.filter.${x}`)} ({recipients.filter(matches[x]).length})
                </option>
              ))}
            </select>
          </div>
        </div>
        {shown.length === 0 ? <p className="muted">{t('instructions.noneInFilter')}</p> : null}
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('instructions.recipient')}</th>
              <th scope="col">{t('instructions.statusCol')}</th>
              <th scope="col">{t('instructions.readAt')}</th>
              <th scope="col">{t('instructions.ackedAtCol')}</th>
              <th scope="col">{t('instructions.reply')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.userId} data-testid="receipt-row" data-status={r.status} data-overdue={r.overdue}>
                <td>
                  {r.displayName} <span className="muted small">{t(`role.${r.role}`, { defaultValue: r.role })}</span>
                </td>
                <td>
                  <ReceiptBadge status={r.status} /> {r.overdue ? <OverdueBadge /> : null}
                </td>
                <td className="small">{f.dateTime(r.readAt)}</td>
                <td className="small">{f.dateTime(r.acknowledgedAt)}</td>
                <td className="small">{r.reply ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '@/components/ui/query-state';
import { OverdueBadge } from '@/components/ui/status-badge';
import { useFormatters } from '@/lib/format';
import { useReceipts } from '../api/get-receipts';
import { PriorityBadge, ReceiptBadge } from './instruction-badges';

/** The sender's receipt view: who has read and acknowledged, with replies, and who is overdue. */
export function ReceiptsView({ id }: { id: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const q = useReceipts(id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const { instruction: ins, summary, recipients } = q.data;
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
      </section>
      <section className="card" aria-labelledby="recipients-h">
        <h2 id="recipients-h">{t('instructions.recipients')}</h2>
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
            {recipients.map((r) => (
              <tr key={r.userId} data-testid="receipt-row" data-status={r.status}>
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

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { OverdueBadge } from '@/components/ui/status-badge';
import { errorMessage } from '@/lib/error-message';
import { useFormatters } from '@/lib/format';
import { toast } from '@/lib/toast';
import { useAcknowledge } from '../api/acknowledge';
import { useInbox } from '../api/get-inbox';
import { useMarkRead } from '../api/mark-read';
import type { InboxItem } from '../api/types';
import { PriorityBadge, ReceiptBadge } from './instruction-badges';

function AckForm({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const id = useId();
  const ack = useAcknowledge(item.id);
  const [reply, setReply] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ack.mutate(reply.trim(), { onSuccess: () => toast('success', t('instructions.acknowledged')) });
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-reply`}>{t('instructions.reply')}</label>
        <input id={`${id}-reply`} value={reply} onChange={(e) => setReply(e.target.value)} maxLength={1000} />
      </div>
      <button type="submit" className="btn btn-primary btn-small" disabled={ack.isPending} data-testid="instruction-ack">
        {t('instructions.ack')}
      </button>
      {ack.error ? (
        <p className="form-error" role="alert">
          {errorMessage(ack.error, t)}
        </p>
      ) : null}
    </form>
  );
}

function InboxRow({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const read = useMarkRead();
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const toggle = () => {
    const next = !open;
    setOpen(next);
    // Opening it is reading it: the sender sees the read receipt.
    if (next && item.receipt.status === 'unread') read.mutate(item.id);
  };
  return (
    <li className={`task-card ${item.receipt.status === 'unread' ? 'is-unread' : ''} ${item.receipt.overdue ? 'is-overdue' : ''}`} data-testid="inbox-item" data-status={item.receipt.status}>
      <div className="work-item-head">
        <button type="button" className="link-button" aria-expanded={open} aria-controls={bodyId} onClick={toggle} data-testid="inbox-open">
          {item.title}
        </button>
        <PriorityBadge priority={item.priority} />
        <ReceiptBadge status={item.receipt.status} />
        {item.receipt.overdue ? <OverdueBadge /> : null}
      </div>
      <p className="small muted">
        {t('instructions.from', { name: item.sender.displayName, role: t(`role.${item.sender.role}`, { defaultValue: item.sender.role }) })} · {f.dateTime(item.sentAt)}
        {item.deadline ? ` · ${t('instructions.deadline')} ${f.dateTime(item.deadline)}` : ''}
      </p>
      {open ? (
        <div id={bodyId}>
          {item.body ? <p className="instruction-body">{item.body}</p> : null}
          {item.receipt.status === 'acknowledged' ? (
            <p className="small">
              {t('instructions.ackedAt', { at: f.dateTime(item.receipt.acknowledgedAt) })}
              {item.receipt.reply ? ` · ${item.receipt.reply}` : ''}
            </p>
          ) : (
            <AckForm item={item} />
          )}
        </div>
      ) : null}
    </li>
  );
}

/** The instruction inbox (指令): newest first, unread marked; opening reads it, the reply acknowledges it. */
export function InboxList() {
  const { t } = useTranslation();
  const id = useId();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const q = useInbox({ unread: unreadOnly || undefined });
  const rows = q.data?.pages.flatMap((p) => p.data) ?? [];
  const unread = q.data?.pages[0]?.meta?.unread;
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="instruction-inbox" aria-busy={q.isFetching}>
      <div className="list-head">
        <h2 id={`${id}-h`}>
          {t('instructions.inbox')} {unread !== undefined ? <span className="muted small">{t('instructions.unreadCount', { count: unread })}</span> : null}
        </h2>
        <div className="field-inline">
          <input id={`${id}-u`} type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          <label htmlFor={`${id}-u`}>{t('instructions.unreadOnly')}</label>
        </div>
      </div>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && !rows.length ? <Empty>{t('instructions.none')}</Empty> : null}
      {rows.length ? (
        <ul className="task-list">
          {rows.map((i) => (
            <InboxRow key={i.id} item={i} />
          ))}
        </ul>
      ) : null}
      {q.hasNextPage ? (
        <button type="button" className="btn" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {t('common.more')}
        </button>
      ) : null}
    </section>
  );
}

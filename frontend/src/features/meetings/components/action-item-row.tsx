import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OverdueBadge } from '@/components/ui/status-badge';
import { errorMessage } from '@/lib/error-message';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { toast } from '@/lib/toast';
import { useTransitionActionItem } from '../api/transition-action-item';
import type { ActionItemDto, ItemAction } from '../api/types';

/** Who owns an action item, in the current language. */
export function useOwnerName() {
  const { t } = useTranslation();
  const local = useLocalName();
  return (o: ActionItemDto['owner']) =>
    o.kind === 'agency' && o.agency ? local(o.agency.name, o.agency.code) : o.kind === 'team' && o.team ? local(o.team.name, o.team.code) : t('meetings.ownerBureau');
}

function ItemActionForm({ item, action, onDone }: { item: ActionItemDto; action: ItemAction; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const m = useTransitionActionItem(item.id);
  const [evidence, setEvidence] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const lines = evidence.split('\n').map((s) => s.trim()).filter(Boolean);
    if (action === 'done' && !lines.length) return setError(t('items.err.evidence'));
    if (action === 'cancel' && !note.trim()) return setError(t('items.err.note'));
    setError(null);
    m.mutate(action === 'done' ? { action, evidence: lines, note: note.trim() || undefined } : { action, note: note.trim() }, {
      onSuccess: () => {
        toast('success', t('items.saved', { action: t(`items.action.${action}`) }));
        onDone();
      },
    });
  };
  return (
    <form className="transition-form card" onSubmit={submit} noValidate aria-label={t(`items.action.${action}`)} data-testid={`item-form-${action}`}>
      {action === 'done' ? (
        <div className="field">
          <label htmlFor={`${id}-ev`}>
            {t('items.evidence')} <span className="req">*</span>
          </label>
          <textarea id={`${id}-ev`} value={evidence} onChange={(e) => setEvidence(e.target.value)} rows={3} autoFocus />
          <p className="hint">{t('items.evidenceHint')}</p>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-note`}>
          {t('form.note')}
          {action === 'cancel' ? <span className="req"> *{t('form.required')}</span> : null}
        </label>
        <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} autoFocus={action === 'cancel'} />
      </div>
      {error || m.error ? (
        <p className="form-error" role="alert">
          {error ?? errorMessage(m.error, t)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={m.isPending} data-testid="item-submit">
          {t('form.confirm', { action: t(`items.action.${action}`) })}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** An action item (督办事项): owner, due, status (overdue flagged), evidence, and the allowed actions. */
export function ActionItemRow({ item }: { item: ActionItemDto }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const owner = useOwnerName();
  const [open, setOpen] = useState<ItemAction | null>(null);
  return (
    <li className={`task-card ${item.overdue ? 'is-overdue' : ''}`} data-testid="action-item" data-status={item.status}>
      <div className="work-item-head">
        <strong>{item.title}</strong>
        <span className={`badge item-${item.status}`}>{t(`items.status.${item.status}`)}</span>
        {item.overdue ? <OverdueBadge /> : null}
      </div>
      <p className="small">
        {t('items.owner')}: {owner(item.owner)} · {t('items.dueAt')} <time dateTime={item.dueAt}>{f.dateTime(item.dueAt)}</time>
      </p>
      {item.evidence.length ? (
        <div className="small">
          {t('items.evidence')}:
          <ul>
            {item.evidence.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {item.note ? <p className="small muted">{item.note}</p> : null}
      {item.allowedActions.length ? (
        <div className="action-buttons" role="group" aria-label={t('items.actions', { title: item.title })}>
          {item.allowedActions.map((a) => (
            <button
              key={a}
              type="button"
              className={`btn btn-small ${a === 'done' ? 'btn-primary' : 'btn-danger-outline'}`}
              aria-expanded={open === a}
              data-testid={`item-action-${a}`}
              onClick={() => setOpen(open === a ? null : a)}
            >
              {t(`items.action.${a}`)}
            </button>
          ))}
        </div>
      ) : null}
      {open && item.allowedActions.includes(open) ? <ItemActionForm key={open} item={item} action={open} onDone={() => setOpen(null)} /> : null}
    </li>
  );
}

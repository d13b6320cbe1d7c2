import { useDeferredValue, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '@/components/ui/status-badge';
import { errorMessage } from '@/lib/error-message';
import { useLocalName } from '@/lib/i18n';
import { toast } from '@/lib/toast';
import { useAddAgendaItem, type AgendaInput } from '../api/add-agenda-item';
import { useAgendaCaseSearch, useAgendaJointCaseSearch } from '../api/search-agenda-refs';
import '../i18n';
import '../meetings.css';

type Kind = 'topic' | 'case' | 'joint_case';
interface Picked {
  id: string;
  /** Case number, or the joint case's title. */
  label: string;
  detail: string;
}

/** Search results as buttons: each adds its reference (keyboard: Tab to a result, Enter). */
function Hits({ label, items, onPick }: { label: string; items: (Picked & { extra?: ReactNode })[]; onPick: (p: Picked) => void }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  return (
    <ul className="search-hits" aria-label={label} data-testid="agenda-ref-hits">
      {items.map((h) => (
        <li key={h.id}>
          <button type="button" className="btn btn-small" onClick={() => onPick(h)} aria-label={t('meetings.pickRef', { label: h.label })} data-testid="agenda-ref-hit">
            + {h.label}
          </button>{' '}
          {h.extra} <span className="small">{h.detail}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Adding an agenda item (bureau): a free topic, a case picked by its number or text, or a joint
 * case picked by its title or its cases' numbers, with an optional title of its own. Cases and
 * joint cases already on the agenda (`onAgenda`, their ids) are not offered again.
 */
export function AddAgendaForm({ meetingId, onAgenda }: { meetingId: string; onAgenda: Set<string> }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const id = useId();
  const add = useAddAgendaItem(meetingId);
  const [kind, setKind] = useState<Kind>('topic');
  const [title, setTitle] = useState('');
  const [term, setTerm] = useState('');
  const [picked, setPicked] = useState<Picked | null>(null);
  const [error, setError] = useState<string | null>(null);
  const deferred = useDeferredValue(term);
  const cases = useAgendaCaseSearch(kind === 'case' ? deferred : '');
  const joints = useAgendaJointCaseSearch(kind === 'joint_case' ? deferred : '');

  const reset = () => {
    setTitle('');
    setTerm('');
    setPicked(null);
    setError(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let body: AgendaInput;
    if (kind === 'topic') {
      if (!title.trim()) return setError(t('meetings.err.topic'));
      body = { kind: 'topic', title: title.trim() };
    } else {
      if (!picked) return setError(t(kind === 'case' ? 'meetings.err.pickCase' : 'meetings.err.pickJointCase'));
      const own = title.trim() || undefined;
      body = kind === 'case' ? { kind: 'case', caseId: picked.id, title: own } : { kind: 'joint_case', jointCaseId: picked.id, title: own };
    }
    setError(null);
    add.mutate(body, {
      onSuccess: () => {
        toast('success', t('meetings.agendaAdded'));
        reset();
      },
    });
  };

  const caseHits = (cases.data ?? []).filter((c) => !onAgenda.has(c.id)).map((c) => ({
    id: c.id,
    label: c.caseNo,
    detail: `${local(c.category.name, c.category.code)} · ${c.description}`,
    extra: <StatusBadge status={c.status} />,
  }));
  const jointHits = joints.hits.filter((j) => !onAgenda.has(j.id)).map((j) => ({
    id: j.id,
    label: j.title,
    detail: `${j.cases.map((c) => c.caseNo).join('、')} · ${t(`meetings.jointStatus.${j.status}`, { defaultValue: j.status })}`,
  }));
  const searching = deferred.trim().length >= (kind === 'case' ? 2 : 1);
  const none = searching && !picked && ((kind === 'case' && cases.isSuccess && !caseHits.length) || (kind === 'joint_case' && joints.isSuccess && !jointHits.length));

  return (
    <form className="agenda-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`} data-testid="add-agenda-form">
      <h3 id={`${id}-h`}>{t('meetings.addAgenda')}</h3>
      <fieldset>
        <legend>{t('meetings.agendaKindLabel')}</legend>
        <div className="agenda-kinds">
          {(['topic', 'case', 'joint_case'] as const).map((k) => (
            <div className="field-inline" key={k}>
              <input
                type="radio"
                id={`${id}-k-${k}`}
                name={`${id}-k`}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  reset();
                }}
              />
              <label htmlFor={`${id}-k-${k}`}>{t(`meetings.agendaKind.${k}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {kind !== 'topic' ? (
        picked ? (
          <ul className="chips" aria-label={t('meetings.pickedRef')}>
            <li className="chip" data-testid="agenda-picked-ref">
              <span>
                <strong>{picked.label}</strong> <span className="small muted">{picked.detail}</span>
              </span>
              <button type="button" className="btn btn-small btn-ghost" aria-label={t('meetings.unpickRef', { label: picked.label })} onClick={() => setPicked(null)}>
                ×
              </button>
            </li>
          </ul>
        ) : (
          <>
            <div className="field">
              <label htmlFor={`${id}-q`}>{t(kind === 'case' ? 'meetings.searchCase' : 'meetings.searchJointCase')}</label>
              <input id={`${id}-q`} type="search" value={term} onChange={(e) => setTerm(e.target.value)} autoComplete="off" maxLength={100} aria-describedby={`${id}-qh`} data-testid="agenda-ref-search" />
              <p className="hint" id={`${id}-qh`}>
                {t(kind === 'case' ? 'meetings.searchCaseHint' : 'meetings.searchJointCaseHint')}
              </p>
            </div>
            <div aria-live="polite">{none ? <p className="muted small">{t('meetings.noRefFound')}</p> : null}</div>
            {searching ? <Hits label={t('meetings.refResults')} items={kind === 'case' ? caseHits : jointHits} onPick={setPicked} /> : null}
          </>
        )
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-title`}>
          {kind === 'topic' ? t('meetings.addTopic') : t('meetings.agendaTitleOptional')}
          {kind === 'topic' ? <span className="req"> *</span> : null}
        </label>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} data-testid="agenda-title" />
      </div>
      {error || add.error ? (
        <p className="form-error" role="alert">
          {error ?? errorMessage(add.error, t)}
        </p>
      ) : null}
      <button type="submit" className="btn btn-small btn-primary" disabled={add.isPending} data-testid="agenda-add-submit">
        + {t('meetings.addAgendaSubmit')}
      </button>
    </form>
  );
}

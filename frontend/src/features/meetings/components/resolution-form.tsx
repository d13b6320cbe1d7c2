import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTeams } from '@/api/get-teams';
import { errorMessage, fieldErrors } from '@/lib/error-message';
import { isoToShanghaiLocalInput, shanghaiLocalInputToIso } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { toast } from '@/lib/toast';
import { useAddResolution, type OwnerInput } from '../api/add-resolution';
import type { MeetingDto } from '../api/types';

interface ItemDraft {
  title: string;
  /** `bureau`, `team:<id>` or `agency:<id>`. */
  owner: string;
  due: string;
}

const dueIn = (days: number) => isoToShanghaiLocalInput(new Date(Date.now() + days * 86_400_000).toISOString());
const emptyItem = (): ItemDraft => ({ title: '', owner: 'bureau', due: dueIn(7) });

function toOwner(v: string): OwnerInput {
  const [kind, ref] = v.split(':');
  if (kind === 'team' && ref) return { kind: 'team', teamId: ref };
  if (kind === 'agency' && ref) return { kind: 'agency', agencyId: ref };
  return { kind: 'bureau' };
}

/** A resolution (决议) with its action items: owner (bureau, a team or an invited agency) and due date. */
export function ResolutionForm({ meeting, onDone }: { meeting: MeetingDto; onDone: () => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const id = useId();
  const teams = useTeams();
  const add = useAddResolution(meeting.id);
  const [text, setText] = useState('');
  const [agendaItemId, setAgendaItemId] = useState('');
  const [items, setItems] = useState<ItemDraft[]>([emptyItem()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const setItem = (i: number, patch: Partial<ItemDraft>) => setItems((cur) => cur.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!text.trim()) errs.text = t('meetings.err.resolution');
    const filled = items.filter((x) => x.title.trim());
    filled.forEach((x, i) => {
      if (!shanghaiLocalInputToIso(x.due)) errs[`item${i}`] = t('meetings.err.itemDue', { n: i + 1 });
    });
    setErrors(errs);
    if (Object.keys(errs).length) return;
    add.mutate(
      {
        text: text.trim(),
        agendaItemId: agendaItemId || undefined,
        actionItems: filled.map((x) => ({ title: x.title.trim(), owner: toOwner(x.owner), dueAt: shanghaiLocalInputToIso(x.due)! })),
      },
      {
        onSuccess: () => {
          toast('success', t('meetings.resolutionAdded'));
          onDone();
        },
        onError: (err) => setErrors(fieldErrors(err)),
      },
    );
  };

  return (
    <form className="card transition-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`} data-testid="resolution-form">
      <h3 id={`${id}-h`}>{t('meetings.addResolution')}</h3>
      {Object.keys(errors).length ? (
        <div className="form-error" role="alert">
          <ul>
            {Object.entries(errors).map(([k, m]) => (
              <li key={k}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-text`}>
          {t('meetings.resolutionText')} <span className="req">*</span>
        </label>
        <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={4000} autoFocus />
      </div>
      {meeting.agenda.length ? (
        <div className="field">
          <label htmlFor={`${id}-agenda`}>{t('meetings.resolutionAgenda')}</label>
          <select id={`${id}-agenda`} value={agendaItemId} onChange={(e) => setAgendaItemId(e.target.value)}>
            <option value="">—</option>
            {meeting.agenda
              .filter((a) => !a.hidden)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}
                </option>
              ))}
          </select>
        </div>
      ) : null}
      {items.map((x, i) => (
        <fieldset key={i} className="task-fields">
          <legend>{t('items.n', { n: i + 1 })}</legend>
          <div className="field">
            <label htmlFor={`${id}-i${i}-title`}>{t('items.titleLabel')}</label>
            <input id={`${id}-i${i}-title`} value={x.title} onChange={(e) => setItem(i, { title: e.target.value })} maxLength={500} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-i${i}-owner`}>{t('items.owner')}</label>
            <select id={`${id}-i${i}-owner`} value={x.owner} onChange={(e) => setItem(i, { owner: e.target.value })}>
              <option value="bureau">{t('meetings.ownerBureau')}</option>
              <optgroup label={t('meetings.ownerAgencies')}>
                {meeting.invitedAgencies.map((a) => (
                  <option key={a.id} value={`agency:${a.id}`}>
                    {local(a.name, a.code)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('meetings.ownerTeams')}>
                {(teams.data ?? []).map((tm) => (
                  <option key={tm.id} value={`team:${tm.id}`}>
                    {local(tm.name, tm.code ?? tm.id)}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-i${i}-due`}>{t('items.dueAt')}</label>
            <input id={`${id}-i${i}-due`} type="datetime-local" value={x.due} onChange={(e) => setItem(i, { due: e.target.value })} />
          </div>
          {items.length > 1 ? (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setItems((cur) => cur.filter((_, j) => j !== i))}>
              {t('items.remove')}
            </button>
          ) : null}
        </fieldset>
      ))}
      <button type="button" className="btn btn-small" onClick={() => setItems((cur) => [...cur, emptyItem()])}>
        + {t('items.add')}
      </button>
      {add.error && !Object.keys(errors).length ? (
        <p className="form-error" role="alert">
          {errorMessage(add.error, t)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={add.isPending} data-testid="resolution-submit">
          {add.isPending ? t('form.submitting') : t('meetings.addResolutionSubmit')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/get-agencies';
import { paths } from '@/config/paths';
import { errorMessage, fieldErrors } from '@/lib/error-message';
import { isoToShanghaiLocalInput, shanghaiLocalInputToIso } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { toast } from '@/lib/toast';
import { useCreateMeeting } from '../api/create-meeting';

/** Scheduling a liaison meeting (bureau): regular (monthly) or ad hoc, invited agencies, first topics. */
export function CreateMeetingForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const navigate = useNavigate();
  const id = useId();
  const agencies = useAgencies();
  const create = useCreateMeeting();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'regular' | 'ad_hoc'>('ad_hoc');
  const [when, setWhen] = useState(() => isoToShanghaiLocalInput(new Date(Date.now() + 2 * 86_400_000).toISOString()));
  const [location, setLocation] = useState('');
  const [day, setDay] = useState('15');
  const [invited, setInvited] = useState<string[]>([]);
  const [topics, setTopics] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const scheduledAt = shanghaiLocalInputToIso(when);
    const d = Number(day);
    if (!title.trim()) errs.title = t('meetings.err.title');
    if (!scheduledAt) errs.scheduledAt = t('meetings.err.when');
    if (kind === 'regular' && !(Number.isInteger(d) && d >= 1 && d <= 28)) errs.recurrence = t('meetings.err.day');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    create.mutate(
      {
        title: title.trim(),
        kind,
        scheduledAt: scheduledAt!,
        location: location.trim(),
        recurrence: kind === 'regular' ? { freq: 'monthly', day: d, interval: 1 } : undefined,
        invitedAgencyIds: invited,
        agenda: topics
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((title) => ({ kind: 'topic' as const, title })),
      },
      {
        onSuccess: (m) => {
          toast('success', t('meetings.created', { title: m.title }));
          onDone();
          navigate(paths.meeting(m.id));
        },
        onError: (err) => setErrors(fieldErrors(err)),
      },
    );
  };
  const err = (k: string) => (errors[k] ? <p className="field-error">{errors[k]}</p> : null);

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-h`} data-testid="create-meeting-form">
      <h2 id={`${id}-h`}>{t('meetings.create')}</h2>
      <div className="field">
        <label htmlFor={`${id}-title`}>
          {t('meetings.title')} <span className="req">*</span>
        </label>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} aria-invalid={errors.title ? true : undefined} />
        {err('title')}
      </div>
      <fieldset>
        <legend>{t('meetings.kind')}</legend>
        {(['ad_hoc', 'regular'] as const).map((k) => (
          <div className="field-inline" key={k}>
            <input type="radio" id={`${id}-kind-${k}`} name={`${id}-kind`} checked={kind === k} onChange={() => setKind(k)} />
            <label htmlFor={`${id}-kind-${k}`}>{t(`meetings.kinds.${k}`)}</label>
          </div>
        ))}
      </fieldset>
      {kind === 'regular' ? (
        <div className="field">
          <label htmlFor={`${id}-day`}>{t('meetings.monthlyDay')}</label>
          <input id={`${id}-day`} type="number" min={1} max={28} inputMode="numeric" value={day} onChange={(e) => setDay(e.target.value)} aria-invalid={errors.recurrence ? true : undefined} />
          {err('recurrence')}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-when`}>
          {t('meetings.scheduledAt')} <span className="req">*</span>
        </label>
        <input id={`${id}-when`} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} aria-invalid={errors.scheduledAt ? true : undefined} />
        <p className="hint">{t('form.shanghaiTime')}</p>
        {err('scheduledAt')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-loc`}>{t('meetings.location')}</label>
        <input id={`${id}-loc`} value={location} onChange={(e) => setLocation(e.target.value)} maxLength={200} />
      </div>
      <fieldset>
        <legend>{t('meetings.invited')}</legend>
        <div className="check-grid">
          {(agencies.data ?? []).map((a) => (
            <div className="field-inline" key={a.id}>
              <input
                type="checkbox"
                id={`${id}-ag-${a.id}`}
                checked={invited.includes(a.id)}
                onChange={(e) => setInvited((cur) => (e.target.checked ? [...cur, a.id] : cur.filter((x) => x !== a.id)))}
              />
              <label htmlFor={`${id}-ag-${a.id}`}>{local(a.name, a.code ?? a.id)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-topics`}>{t('meetings.topics')}</label>
        <textarea id={`${id}-topics`} value={topics} onChange={(e) => setTopics(e.target.value)} rows={3} />
        <p className="hint">{t('meetings.topicsHint')}</p>
      </div>
      {create.error && !Object.keys(errors).length ? (
        <p className="form-error" role="alert">
          {errorMessage(create.error, t)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="create-meeting-submit">
          {create.isPending ? t('form.submitting') : t('meetings.createSubmit')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '@/config/paths';
import { errorMessage } from '@/lib/error-message';
import { useAddAgendaItem } from '../api/add-agenda-item';
import type { MeetingDto } from '../api/types';

/** The agenda: topics, cases, joint cases and items carried over from earlier meetings; the bureau adds topics. */
export function AgendaSection({ meeting }: { meeting: MeetingDto }) {
  const { t } = useTranslation();
  const id = useId();
  const add = useAddAgendaItem(meeting.id);
  const [topic, setTopic] = useState('');
  const canAdd = meeting.allowedActions.includes('add_agenda');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!topic.trim()) return;
    add.mutate({ kind: 'topic', title: topic.trim() }, { onSuccess: () => setTopic('') });
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('meetings.agenda')}</h2>
      {meeting.agenda.length ? (
        <ol className="agenda" data-testid="meeting-agenda">
          {meeting.agenda.map((a) => (
            <li key={a.id} data-kind={a.kind}>
              <span className="badge">{t(`meetings.agendaKind.${a.kind}`, { defaultValue: a.kind })}</span> {a.title}
              {a.case ? (
                <>
                  {' '}
                  · <Link to={paths.case(a.case.id)}>{a.case.caseNo}</Link>
                </>
              ) : null}
              {a.jointCaseId ? (
                <>
                  {' '}
                  · <Link to={paths.jointCase(a.jointCaseId)}>{t('meetings.openJointCase')}</Link>
                </>
              ) : null}
              {a.carriedOver?.item ? (
                <span className="small muted">
                  {' '}
                  · {t(`items.status.${a.carriedOver.item.status}`)}
                  {a.carriedOver.item.overdue ? ` · ${t('case.overdue')}` : ''}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t('meetings.noAgenda')}</p>
      )}
      {canAdd ? (
        <form className="inline-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-topic`}>{t('meetings.addTopic')}</label>
            <input id={`${id}-topic`} value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={300} />
          </div>
          <button type="submit" className="btn btn-small" disabled={add.isPending || !topic.trim()}>
            + {t('meetings.addTopicSubmit')}
          </button>
          {add.error ? (
            <p className="form-error" role="alert">
              {errorMessage(add.error, t)}
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}

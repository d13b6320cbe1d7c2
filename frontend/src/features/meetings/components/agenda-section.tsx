import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '@/config/paths';
import type { AgendaItemDto, MeetingDto } from '../api/types';
import { AddAgendaForm } from './add-agenda-form';
import '../i18n';

/** One agenda entry: its content with links to the case or joint case, or the reason it is withheld. */
function AgendaEntry({ a, resolved }: { a: AgendaItemDto; resolved: number }) {
  const { t } = useTranslation();
  if (a.hidden) {
    return (
      <li data-kind={a.kind} data-hidden={a.hidden} data-testid="agenda-item">
        <span className="badge">{t(`meetings.agendaKind.${a.kind}`, { defaultValue: a.kind })}</span>{' '}
        <em className="muted">{t(`meetings.hidden.${a.hidden}`, { defaultValue: t('meetings.hidden.other') })}</em>
      </li>
    );
  }
  return (
    <li data-kind={a.kind} data-testid="agenda-item">
      <span className="badge">{t(`meetings.agendaKind.${a.kind}`, { defaultValue: a.kind })}</span> {a.title}
      {a.case ? (
        <>
          {' '}
          · <Link to={paths.case(a.case.id)} data-testid="agenda-case-link">{a.case.caseNo}</Link>
        </>
      ) : null}
      {a.jointCase ? (
        <>
          {' '}
          ·{' '}
          <Link to={paths.jointCase(a.jointCase.id)} data-testid="agenda-joint-link">
            {t('meetings.jointCaseLink', { title: a.jointCase.title })}
          </Link>
          {a.jointCase.caseNos.length ? <span className="small muted"> ({a.jointCase.caseNos.join('、')})</span> : null}
          <span className="small muted"> · {t(`meetings.jointStatus.${a.jointCase.status}`, { defaultValue: a.jointCase.status })}</span>
        </>
      ) : a.jointCaseId ? (
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
      {resolved ? <span className="small muted"> · {t('meetings.resolutionsOnItem', { count: resolved })}</span> : null}
    </li>
  );
}

/** The agenda: topics, cases, joint cases and items carried over from earlier meetings; the bureau adds items. */
export function AgendaSection({ meeting }: { meeting: MeetingDto }) {
  const { t } = useTranslation();
  const id = useId();
  const canAdd = meeting.allowedActions.includes('add_agenda');
  const resolvedOn = (agendaId: string) => meeting.resolutions.filter((r) => r.agendaItemId === agendaId).length;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('meetings.agenda')}</h2>
      {meeting.agenda.length ? (
        <ol className="agenda" data-testid="meeting-agenda">
          {meeting.agenda.map((a) => (
            <AgendaEntry key={a.id} a={a} resolved={resolvedOn(a.id)} />
          ))}
        </ol>
      ) : (
        <p className="muted">{t('meetings.noAgenda')}</p>
      )}
      {canAdd ? (
        <AddAgendaForm meetingId={meeting.id} onAgenda={new Set(meeting.agenda.flatMap((a) => [a.case?.id, a.jointCaseId].filter((x): x is string => !!x)))} />
      ) : null}
    </section>
  );
}

import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { errorMessage } from '@/lib/error-message';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { toast } from '@/lib/toast';
import { useConcludeMeeting } from '../api/conclude-meeting';
import { useDownloadMinutes } from '../api/download-minutes';
import { useMeeting } from '../api/get-meeting';
import type { MeetingDto } from '../api/types';
import { ActionItemRow } from './action-item-row';
import { AgendaSection } from './agenda-section';
import { AttendanceEditor } from './attendance-editor';
import { MinutesEditor } from './minutes-editor';
import { ResolutionForm } from './resolution-form';
import '../i18n';

/** Which agenda item a resolution answers, and how far its action items are tracked to done. */
function ResolutionMeta({ agendaTitle, items }: { agendaTitle: string | null; items: MeetingDto['resolutions'][number]['actionItems'] }) {
  const { t } = useTranslation();
  const done = items.filter((i) => i.status === 'done').length;
  const open = items.filter((i) => i.status === 'open').length;
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <p className="small muted">
      {agendaTitle ? <span>{t('meetings.resolutionFor', { title: agendaTitle })}</span> : null}
      {agendaTitle && items.length ? ' · ' : null}
      {items.length ? (
        <span data-testid="resolution-progress" data-done={done} data-total={items.length}>
          {t('meetings.itemsProgress', { done, total: items.length })}
          {open ? t('meetings.itemsProgressOpen', { open }) : ''}
          {overdue ? t('meetings.itemsProgressOverdue', { overdue }) : ''}
        </span>
      ) : null}
    </p>
  );
}

/** A liaison meeting: facts, agenda, attendance, minutes, resolutions → action items, minutes PDF, conclude. */
export function MeetingDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const q = useMeeting(id);
  const conclude = useConcludeMeeting(id);
  const download = useDownloadMinutes(id);
  const [resolving, setResolving] = useState(false);
  const [nextId, setNextId] = useState<string | null>(null);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const m = q.data;
  const can = (a: string) => m.allowedActions.includes(a as never);
  const agendaTitle = (agendaId: string | null) => {
    const a = agendaId ? m.agenda.find((x) => x.id === agendaId) : undefined;
    return a && !a.hidden ? a.title : null;
  };
  return (
    <div className="meeting-detail" data-testid="meeting-detail" data-status={m.status}>
      <header className="case-detail-head">
        <h1>
          {m.title} <span className={`badge meeting-${m.status}`}>{t(`meetings.status.${m.status}`)}</span>
        </h1>
      </header>
      <section className="card" aria-label={t('meetings.facts')}>
        <dl className="facts">
          <dt>{t('meetings.kind')}</dt>
          <dd>
            {t(`meetings.kinds.${m.kind}`)}
            {m.recurrence ? ` · ${t('meetings.monthlyOn', { day: m.recurrence.day })} · ${t('meetings.occurrence', { n: m.occurrence })}` : ''}
          </dd>
          <dt>{t('meetings.scheduledAt')}</dt>
          <dd>{f.dateTime(m.scheduledAt)}</dd>
          <dt>{t('meetings.location')}</dt>
          <dd>{m.location || '—'}</dd>
          <dt>{t('meetings.convener')}</dt>
          <dd>{m.convener.displayName}</dd>
          <dt>{t('meetings.invited')}</dt>
          <dd>{m.invitedAgencies.map((a) => local(a.name, a.code)).join('、') || '—'}</dd>
          {m.heldAt ? (
            <>
              <dt>{t('meetings.heldAt')}</dt>
              <dd>{f.dateTime(m.heldAt)}</dd>
            </>
          ) : null}
        </dl>
        <div className="action-buttons">
          <button
            type="button"
            className="btn btn-small"
            disabled={download.isPending}
            data-testid="minutes-pdf"
            onClick={() => download.mutate(`minutes-${m.scheduledAt.slice(0, 10)}.pdf`)}
          >
            {download.isPending ? t('common.loading') : t('meetings.downloadPdf')}
          </button>
          {can('conclude') ? (
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={conclude.isPending}
              data-testid="meeting-conclude"
              onClick={() => {
                if (!window.confirm(t('meetings.concludeConfirm'))) return;
                conclude.mutate(undefined, {
                  onSuccess: (r) => {
                    setNextId(r.nextMeetingId);
                    toast('success', t('meetings.concluded'));
                  },
                });
              }}
            >
              {t('meetings.conclude')}
            </button>
          ) : null}
        </div>
        {download.error ? (
          <p className="form-error" role="alert">
            {errorMessage(download.error, t)}
          </p>
        ) : null}
        {nextId ? (
          <p className="notice" role="status">
            <Link to={paths.meeting(nextId)}>{t('meetings.nextMeeting')}</Link>
          </p>
        ) : null}
      </section>
      <div className="case-grid">
        <div className="case-main">
          <AgendaSection meeting={m} />
          <MinutesEditor key={`${m.id}-${m.status}`} meeting={m} />
          <section className="card" aria-labelledby="resolutions-h">
            <h2 id="resolutions-h">{t('meetings.resolutions')}</h2>
            {m.resolutions.length ? (
              <ol className="resolutions" data-testid="meeting-resolutions">
                {m.resolutions.map((r) => (
                  <li key={r.id} data-testid="resolution">
                    <p>{r.text}</p>
                    <ResolutionMeta agendaTitle={agendaTitle(r.agendaItemId)} items={r.actionItems} />
                    {r.actionItems.length ? (
                      <ul className="task-list">
                        {r.actionItems.map((i) => (
                          <ActionItemRow key={i.id} item={i} />
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t('meetings.noResolutions')}</p>
            )}
            {can('resolve') ? (
              resolving ? (
                <ResolutionForm meeting={m} onDone={() => setResolving(false)} />
              ) : (
                <button type="button" className="btn btn-small" onClick={() => setResolving(true)} data-testid="add-resolution">
                  + {t('meetings.addResolution')}
                </button>
              )
            ) : null}
          </section>
        </div>
        <div className="case-side">
          <AttendanceEditor key={`${m.id}-${m.attendance.length}`} meeting={m} />
        </div>
      </div>
    </div>
  );
}

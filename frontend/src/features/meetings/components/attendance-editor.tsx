import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/error-message';
import { useLocalName } from '@/lib/i18n';
import { toast } from '@/lib/toast';
import { useSetAttendance, type AttendanceInput } from '../api/set-attendance';
import type { MeetingDto } from '../api/types';

type Row = AttendanceInput & { key: string };

/** Who attended: one row per invited agency (and any other attendee added by name); present or not, with a note. */
export function AttendanceEditor({ meeting }: { meeting: MeetingDto }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const id = useId();
  const save = useSetAttendance(meeting.id);
  const canEdit = meeting.allowedActions.includes('attendance');
  const initial = (): Row[] => {
    const byAgency = new Map(meeting.attendance.filter((a) => a.agencyId).map((a) => [a.agencyId!, a]));
    const rows: Row[] = meeting.invitedAgencies.map((a) => {
      const e = byAgency.get(a.id);
      return { key: `a-${a.id}`, agencyId: a.id, name: e?.name ?? local(a.name, a.code), present: e?.present ?? false, note: e?.note ?? '' };
    });
    for (const e of meeting.attendance.filter((x) => !x.agencyId || !meeting.invitedAgencies.some((a) => a.id === x.agencyId))) {
      rows.push({ key: `n-${rows.length}`, agencyId: e.agencyId ?? undefined, userId: e.userId ?? undefined, name: e.name, present: e.present, note: e.note ?? '' });
    }
    return rows;
  };
  const [rows, setRows] = useState<Row[]>(initial);
  const [extra, setExtra] = useState('');
  const set = (key: string, patch: Partial<Row>) => setRows((cur) => cur.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  if (!canEdit) {
    return (
      <section className="card" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{t('meetings.attendance')}</h2>
        {meeting.attendance.length ? (
          <ul>
            {meeting.attendance.map((a, i) => (
              <li key={i}>
                {a.name} · {a.present ? t('meetings.present') : t('meetings.absent')}
                {a.note ? <span className="muted small"> ({a.note})</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('meetings.noAttendance')}</p>
        )}
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="attendance-editor">
      <h2 id={`${id}-h`}>{t('meetings.attendance')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('meetings.attendee')}</th>
            <th scope="col">{t('meetings.present')}</th>
            <th scope="col">{t('form.note')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const invited = meeting.invitedAgencies.find((a) => a.id === r.agencyId);
            const name = invited ? local(invited.name, invited.code) : r.name;
            return (
            <tr key={r.key}>
              <th scope="row">{name}</th>
              <td>
                <input type="checkbox" id={`${id}-${r.key}-p`} checked={r.present} onChange={(e) => set(r.key, { present: e.target.checked })} aria-label={t('meetings.presentFor', { name })} />
              </td>
              <td>
                <input value={r.note ?? ''} onChange={(e) => set(r.key, { note: e.target.value })} maxLength={300} aria-label={t('meetings.noteFor', { name })} />
              </td>
            </tr>
            );
          })}
        </tbody>
      </table>
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${id}-extra`}>{t('meetings.addAttendee')}</label>
          <input id={`${id}-extra`} value={extra} onChange={(e) => setExtra(e.target.value)} maxLength={100} />
        </div>
        <button
          type="button"
          className="btn btn-small"
          disabled={!extra.trim()}
          onClick={() => {
            setRows((cur) => [...cur, { key: `n-${Date.now()}`, name: extra.trim(), present: true, note: '' }]);
            setExtra('');
          }}
        >
          + {t('meetings.addAttendeeSubmit')}
        </button>
      </div>
      {save.error ? (
        <p className="form-error" role="alert">
          {errorMessage(save.error, t)}
        </p>
      ) : null}
      <button
        type="button"
        className="btn btn-primary save-attendance"
        disabled={save.isPending}
        data-testid="attendance-save"
        onClick={() =>
          save.mutate(
            rows.map(({ key: _key, note, ...r }) => ({ ...r, note: note?.trim() || undefined })),
            { onSuccess: () => toast('success', t('meetings.attendanceSaved')) },
          )
        }
      >
        {t('meetings.saveAttendance')}
      </button>
    </section>
  );
}

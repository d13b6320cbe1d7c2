import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';
import { useFormatters } from '@/lib/format';
import { toast } from '@/lib/toast';
import { useSaveMinutes } from '../api/save-minutes';
import type { MeetingDto } from '../api/types';

/**
 * The minutes (会议纪要), saved against the revision the writer started from. When someone else
 * saved meanwhile, the server refuses; the writer's text stays in the editor and theirs is shown,
 * to merge by hand and save again on the new revision.
 */
export function MinutesEditor({ meeting }: { meeting: MeetingDto }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const id = useId();
  const save = useSaveMinutes(meeting.id);
  const canEdit = meeting.allowedActions.includes('minutes');
  const current = meeting.minutes;
  const [text, setText] = useState(current?.text ?? '');
  const [base, setBase] = useState(current?.revision ?? 0);
  const conflict = save.error instanceof ApiError && save.error.code === 'MINUTES_CONFLICT';
  const theirs = conflict && current && current.revision !== base ? current : null;
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="minutes-editor">
      <h2 id={`${id}-h`}>{t('meetings.minutes')}</h2>
      {current ? (
        <p className="small muted" data-testid="minutes-revision" data-revision={current.revision}>
          {t('meetings.revision', { n: current.revision, name: current.updatedBy.displayName, at: f.dateTime(current.updatedAt) })}
        </p>
      ) : null}
      {canEdit ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('meetings.minutesText')}</label>
            <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={10} maxLength={50000} />
          </div>
          {theirs ? (
            <div className="notice" role="alert">
              <p>{t('meetings.minutesConflict', { name: theirs.updatedBy.displayName })}</p>
              <pre className="minutes-text">{theirs.text}</pre>
              <button type="button" className="btn btn-small" onClick={() => setBase(theirs.revision)}>
                {t('meetings.minutesMerged')}
              </button>
            </div>
          ) : save.error && !conflict ? (
            <p className="form-error" role="alert">
              {errorMessage(save.error, t)}
            </p>
          ) : null}
          <button
            type="button"
            className="btn btn-primary"
            disabled={save.isPending || !text.trim() || !!theirs}
            data-testid="minutes-save"
            onClick={() =>
              save.mutate(
                { text, baseRevision: base },
                {
                  onSuccess: (m) => {
                    setBase(m.minutes?.revision ?? base + 1);
                    toast('success', t('meetings.minutesSaved'));
                  },
                },
              )
            }
          >
            {t('meetings.saveMinutes')}
          </button>
        </>
      ) : current ? (
        <pre className="minutes-text">{current.text}</pre>
      ) : (
        <p className="muted">{t('meetings.noMinutes')}</p>
      )}
    </section>
  );
}

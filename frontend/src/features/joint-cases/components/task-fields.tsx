import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency } from '@/api/get-agencies';
import { isoToShanghaiLocalInput } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';

export interface TaskDraft {
  agencyId: string;
  description: string;
  /** `<input type="datetime-local">` value, Shanghai time. */
  due: string;
}

/** A due time a few days ahead, as a datetime-local value in Shanghai time. */
export const defaultDue = (days = 3) => isoToShanghaiLocalInput(new Date(Date.now() + days * 86_400_000).toISOString());

export const emptyTask = (agencyId = ''): TaskDraft => ({ agencyId, description: '', due: defaultDue() });

/** The inputs of one joint task: agency (among the participating ones), what to do, by when. */
export function TaskFields({
  value,
  onChange,
  agencies,
  legend,
  onRemove,
}: {
  value: TaskDraft;
  onChange: (v: TaskDraft) => void;
  agencies: Agency[];
  legend: string;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const local = useLocalName();
  const id = useId();
  const set = (patch: Partial<TaskDraft>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="task-fields">
      <legend>{legend}</legend>
      <div className="field">
        <label htmlFor={`${id}-agency`}>{t('task.agency')}</label>
        <select id={`${id}-agency`} value={value.agencyId} onChange={(e) => set({ agencyId: e.target.value })}>
          <option value="">—</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {local(a.name, a.code ?? a.id)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-desc`}>{t('task.description')}</label>
        <textarea id={`${id}-desc`} value={value.description} onChange={(e) => set({ description: e.target.value })} maxLength={2000} rows={2} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{t('task.dueAt')}</label>
        <input id={`${id}-due`} type="datetime-local" value={value.due} onChange={(e) => set({ due: e.target.value })} />
        <p className="hint">{t('form.shanghaiTime')}</p>
      </div>
      {onRemove ? (
        <button type="button" className="btn btn-small btn-ghost" onClick={onRemove}>
          {t('task.remove')}
        </button>
      ) : null}
    </fieldset>
  );
}

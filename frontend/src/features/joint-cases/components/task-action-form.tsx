import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/get-agencies';
import { errorMessage } from '@/lib/error-message';
import { shanghaiLocalInputToIso } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { toast } from '@/lib/toast';
import { useReassignJointTask } from '../api/reassign-joint-task';
import { useTransitionJointTask, type TaskTransitionInput } from '../api/transition-joint-task';
import type { JointTaskDto, TaskAction } from '../api/types';
import { defaultDue } from './task-fields';

/** Which text an action asks for, and whether it is required (as the API's schema says). */
const TEXT: Record<TaskAction, { key: 'note' | 'reason' | 'result'; required: boolean }> = {
  accept: { key: 'note', required: false },
  start: { key: 'note', required: false },
  decline: { key: 'reason', required: true },
  cancel: { key: 'reason', required: true },
  report: { key: 'result', required: true },
  reassign: { key: 'note', required: false },
};

/** The form of one task action: accept, decline (reason), start, report (result), cancel (reason), reassign. */
export function TaskActionForm({ task, action, onDone, onCancel }: { task: JointTaskDto; action: TaskAction; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const id = useId();
  const transition = useTransitionJointTask(task.jointCaseId, task.id);
  const reassign = useReassignJointTask(task.jointCaseId, task.id);
  const agencies = useAgencies(action === 'reassign');
  const [text, setText] = useState('');
  const [attachments, setAttachments] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [description, setDescription] = useState(task.description);
  const [due, setDue] = useState(defaultDue());
  const [error, setError] = useState<string | null>(null);
  const spec = TEXT[action];
  const mutation = action === 'reassign' ? reassign : transition;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (spec.required && !value) return setError(t(`task.err.${spec.key}`));
    const done = () => {
      toast('success', t('task.done', { action: t(`task.action.${action}`) }));
      onDone();
    };
    if (action === 'reassign') {
      const dueAt = shanghaiLocalInputToIso(due);
      if (!agencyId || !dueAt) return setError(t('task.err.reassign'));
      setError(null);
      reassign.mutate({ agencyId, dueAt, description: description.trim() || undefined, note: value || undefined }, { onSuccess: done });
      return;
    }
    setError(null);
    let body: TaskTransitionInput;
    if (action === 'decline' || action === 'cancel') body = { action, reason: value };
    else if (action === 'report') body = { action, result: value, attachments: attachments.split('\n').map((s) => s.trim()).filter(Boolean) };
    else body = { action, note: value || undefined };
    transition.mutate(body, { onSuccess: done });
  };

  return (
    <form className="transition-form card" onSubmit={submit} noValidate aria-label={t(`task.action.${action}`)} data-testid={`task-form-${action}`}>
      <h4>{t(`task.action.${action}`)}</h4>
      {action === 'reassign' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-agency`}>{t('task.newAgency')}</label>
            <select id={`${id}-agency`} value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
              <option value="">—</option>
              {(agencies.data ?? [])
                .filter((a) => a.id !== task.agency.id)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {local(a.name, a.code ?? a.id)}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-desc`}>{t('task.description')}</label>
            <textarea id={`${id}-desc`} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} rows={2} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-due`}>{t('task.dueAt')}</label>
            <input id={`${id}-due`} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
            <p className="hint">{t('form.shanghaiTime')}</p>
          </div>
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-text`}>
          {t(`task.${spec.key}`)}
          {spec.required ? <span className="req"> *{t('form.required')}</span> : null}
        </label>
        <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} maxLength={spec.key === 'result' ? 4000 : 2000} rows={3} autoFocus />
      </div>
      {action === 'report' ? (
        <div className="field">
          <label htmlFor={`${id}-att`}>{t('task.attachments')}</label>
          <textarea id={`${id}-att`} value={attachments} onChange={(e) => setAttachments(e.target.value)} rows={2} />
          <p className="hint">{t('task.attachmentsHint')}</p>
        </div>
      ) : null}
      {error || mutation.error ? (
        <p className="form-error" role="alert">
          {error ?? errorMessage(mutation.error, t)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending} data-testid="task-submit">
          {mutation.isPending ? t('form.submitting') : t('form.confirm', { action: t(`task.action.${action}`) })}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={mutation.isPending}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

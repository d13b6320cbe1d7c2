import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency } from '@/api/get-agencies';
import { errorMessage } from '@/lib/error-message';
import { shanghaiLocalInputToIso } from '@/lib/format';
import { toast } from '@/lib/toast';
import { useAddJointTask } from '../api/add-joint-task';
import type { JointCaseDto } from '../api/types';
import { emptyTask, TaskFields } from './task-fields';

/** The bureau adds a task for one of the participating agencies. */
export function AddTaskForm({ jc, onDone }: { jc: JointCaseDto; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddJointTask(jc.id);
  const agencies: Agency[] = jc.agencies.map((a) => ({ id: a.id, code: a.code, name: a.name }));
  const [draft, setDraft] = useState(emptyTask(agencies[0]?.id ?? ''));
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const dueAt = shanghaiLocalInputToIso(draft.due);
    if (!draft.agencyId || !draft.description.trim() || !dueAt) return setError(t('joint.err.task', { n: 1 }));
    setError(null);
    add.mutate(
      { agencyId: draft.agencyId, description: draft.description.trim(), dueAt },
      {
        onSuccess: () => {
          toast('success', t('task.added'));
          onDone();
        },
      },
    );
  };
  return (
    <form className="card transition-form" onSubmit={submit} noValidate aria-label={t('task.add')} data-testid="add-task-form">
      <TaskFields legend={t('task.add')} value={draft} onChange={setDraft} agencies={agencies} />
      {error || add.error ? (
        <p className="form-error" role="alert">
          {error ?? errorMessage(add.error, t)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={add.isPending}>
          {t('task.add')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

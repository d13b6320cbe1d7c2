import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/get-agencies';
import { paths } from '@/config/paths';
import { errorMessage, fieldErrors } from '@/lib/error-message';
import { shanghaiLocalInputToIso } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { toast } from '@/lib/toast';
import { useCaseRefs } from '../api/get-case-refs';
import { useOpenJointCase } from '../api/open-joint-case';
import { JOINT_REASONS, type JointReason } from '../api/types';
import { CasePicker, type PickedCase } from './case-picker';
import { emptyTask, TaskFields, type TaskDraft } from './task-fields';

/**
 * Opening a joint case (bureau): the cases it covers (pre-filled from the case page or the map
 * panel), why, the lead unit, the participating agencies and their first tasks.
 */
export function OpenJointCaseForm({ initialCaseIds }: { initialCaseIds: string[] }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const navigate = useNavigate();
  const id = useId();
  const agencies = useAgencies();
  const refs = useCaseRefs(initialCaseIds);
  const open = useOpenJointCase();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [reason, setReason] = useState<JointReason>('cross_domain');
  const [cases, setCases] = useState<PickedCase[]>([]);
  const [leadAgency, setLeadAgency] = useState('');
  const [agencyIds, setAgencyIds] = useState<string[]>([]);
  const [tasks, setTasks] = useState<TaskDraft[]>([]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  // The cases it starts from, once loaded (a case outside the caller's scope simply does not appear).
  const loaded = refs.map((r) => r.data).filter((c) => !!c);
  const loadedKey = loaded.map((c) => c.id).join();
  useEffect(() => {
    if (!loaded.length) return;
    setCases((cur) => {
      const have = new Set(cur.map((c) => c.id));
      const add = loaded.filter((c) => !have.has(c.id)).map((c) => ({ id: c.id, caseNo: c.caseNo, label: local(c.category.name, c.category.code) }));
      return add.length ? [...cur, ...add] : cur;
    });
    if (!title && loaded[0]) setTitle(t('joint.defaultTitle', { caseNo: loaded[0].caseNo, category: local(loaded[0].category.name, loaded[0].category.code) }));
  }, [loadedKey]); // eslint-disable-line react-hooks/exhaustive-deps -- only when the loaded set changes

  const chosenAgencies = (agencies.data ?? []).filter((a) => agencyIds.includes(a.id));
  const toggleAgency = (aid: string, on: boolean) => {
    setAgencyIds((cur) => (on ? [...cur, aid] : cur.filter((x) => x !== aid)));
    if (!on) setTasks((cur) => cur.filter((x) => x.agencyId !== aid));
    if (on) setTasks((cur) => (cur.some((x) => x.agencyId === aid) ? cur : [...cur, emptyTask(aid)]));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!title.trim()) errs.title = t('joint.err.title');
    if (!cases.length) errs.caseIds = t('joint.err.cases');
    if (!agencyIds.length) errs.agencyIds = t('joint.err.agencies');
    tasks.forEach((x, i) => {
      if (!x.agencyId || !x.description.trim() || !shanghaiLocalInputToIso(x.due)) errs[`tasks.${i}`] = t('joint.err.task', { n: i + 1 });
    });
    setErrors(errs);
    if (Object.keys(errs).length) {
      document.getElementById(`${id}-errors`)?.focus();
      return;
    }
    open.mutate(
      {
        title: title.trim(),
        description: description.trim(),
        reason,
        caseIds: cases.map((c) => c.id),
        lead: leadAgency ? { kind: 'agency', agencyId: leadAgency } : { kind: 'bureau' },
        agencyIds,
        tasks: tasks.map((x) => ({ agencyId: x.agencyId, description: x.description.trim(), dueAt: shanghaiLocalInputToIso(x.due)! })),
        note: note.trim() || undefined,
      },
      {
        onSuccess: (jc) => {
          toast('success', t('joint.opened', { title: jc.title }));
          navigate(paths.jointCase(jc.id), { replace: true });
        },
        onError: (err) => setErrors(fieldErrors(err)),
      },
    );
  };

  const errorList = Object.entries(errors);
  return (
    <form className="card joint-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`} data-testid="open-joint-case-form">
      <h1 id={`${id}-h`}>{t('joint.openTitle')}</h1>
      {errorList.length ? (
        <div className="form-error" id={`${id}-errors`} tabIndex={-1} role="alert">
          <p>{t('form.fixErrors')}</p>
          <ul>
            {errorList.map(([k, m]) => (
              <li key={k}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-title`}>
          {t('joint.title')} <span className="req">*</span>
        </label>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} aria-invalid={errors.title ? true : undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-desc`}>{t('joint.description')}</label>
        <textarea id={`${id}-desc`} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={4000} rows={3} />
      </div>
      <fieldset>
        <legend>{t('joint.reason')}</legend>
        {JOINT_REASONS.map((r) => (
          <div className="field-inline" key={r}>
            <input type="radio" id={`${id}-reason-${r}`} name={`${id}-reason`} checked={reason === r} onChange={() => setReason(r)} />
            <label htmlFor={`${id}-reason-${r}`}>{t(`joint.reasons.${r}`)}</label>
          </div>
        ))}
      </fieldset>
      <CasePicker value={cases} onChange={setCases} error={errors.caseIds} />
      <fieldset aria-describedby={errors.agencyIds ? `${id}-ag-err` : undefined}>
        <legend>
          {t('joint.agencies')} <span className="req">*</span>
        </legend>
        <div className="check-grid">
          {(agencies.data ?? []).map((a) => (
            <div className="field-inline" key={a.id}>
              <input type="checkbox" id={`${id}-ag-${a.id}`} checked={agencyIds.includes(a.id)} onChange={(e) => toggleAgency(a.id, e.target.checked)} />
              <label htmlFor={`${id}-ag-${a.id}`}>{local(a.name, a.code ?? a.id)}</label>
            </div>
          ))}
        </div>
        {errors.agencyIds ? (
          <p className="field-error" id={`${id}-ag-err`}>
            {errors.agencyIds}
          </p>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-lead`}>{t('joint.lead')}</label>
        <select id={`${id}-lead`} value={leadAgency} onChange={(e) => setLeadAgency(e.target.value)}>
          <option value="">{t('joint.leadBureau')}</option>
          {chosenAgencies.map((a) => (
            <option key={a.id} value={a.id}>
              {local(a.name, a.code ?? a.id)}
            </option>
          ))}
        </select>
      </div>
      <h2>{t('joint.tasks')}</h2>
      {tasks.map((x, i) => (
        <TaskFields
          key={i}
          legend={t('task.n', { n: i + 1 })}
          value={x}
          agencies={chosenAgencies}
          onChange={(v) => setTasks((cur) => cur.map((y, j) => (j === i ? v : y)))}
          onRemove={() => setTasks((cur) => cur.filter((_, j) => j !== i))}
        />
      ))}
      <button type="button" className="btn btn-small" onClick={() => setTasks((cur) => [...cur, emptyTask(chosenAgencies[0]?.id ?? '')])} disabled={!chosenAgencies.length}>
        + {t('task.add')}
      </button>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('form.note')}</label>
        <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
      </div>
      {open.error && !Object.keys(errors).length ? (
        <p className="form-error" role="alert">
          {errorMessage(open.error, t)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={open.isPending} data-testid="joint-open-submit">
          {open.isPending ? t('form.submitting') : t('joint.openSubmit')}
        </button>
      </div>
    </form>
  );
}

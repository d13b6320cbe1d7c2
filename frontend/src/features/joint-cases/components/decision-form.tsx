import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/error-message';
import { toast } from '@/lib/toast';
import { useDecideJointCase } from '../api/decide-joint-case';
import type { JointCaseDto } from '../api/types';

/** The joint decision (联合决定): closes the joint case; the server refuses while tasks are unsettled. */
export function DecisionForm({ jc, onDone }: { jc: JointCaseDto; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const decide = useDecideJointCase(jc.id);
  const [decision, setDecision] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!decision.trim()) return setError(t('joint.err.decision'));
    setError(null);
    decide.mutate(
      { decision: decision.trim(), note: note.trim() || undefined },
      {
        onSuccess: () => {
          toast('success', t('joint.decided'));
          onDone();
        },
      },
    );
  };
  return (
    <form className="card transition-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`} data-testid="decision-form">
      <h3 id={`${id}-h`}>{t('joint.decide')}</h3>
      <div className="field">
        <label htmlFor={`${id}-d`}>
          {t('joint.decision')} <span className="req">*</span>
        </label>
        <textarea id={`${id}-d`} value={decision} onChange={(e) => setDecision(e.target.value)} maxLength={4000} rows={4} autoFocus />
      </div>
      <div className="field">
        <label htmlFor={`${id}-n`}>{t('form.note')}</label>
        <textarea id={`${id}-n`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
      </div>
      {error || decide.error ? (
        <p className="form-error" role="alert">
          {error ?? errorMessage(decide.error, t)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={decide.isPending} data-testid="decision-submit">
          {decide.isPending ? t('form.submitting') : t('joint.decideSubmit')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

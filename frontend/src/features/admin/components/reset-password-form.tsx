import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/error-message';
import type { UserRow } from '../api/get-users';
import { useResetPassword } from '../api/user-mutations';
import { generatePassword, userErrors } from './user-form-model';

/**
 * Sets a new password for a user: one the administrator types, or one generated here and shown
 * exactly once after the server accepted it (it is not kept anywhere). The user's sessions end.
 */
export function ResetPasswordForm({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const reset = useResetPassword();
  const [mode, setMode] = useState<'generate' | 'manual'>('generate');
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => heading.current?.focus(), [shown]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.reset();
    const next = mode === 'generate' ? generatePassword() : password;
    reset.mutate(
      { id: user.id, password: next },
      {
        onSuccess: () => {
          setPassword('');
          setShown(mode === 'generate' ? next : '');
        },
      },
    );
  };

  const copy = async () => {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  if (shown !== null) {
    return (
      <section className="card" aria-labelledby={`${id}-h`} data-testid="password-reset-done">
        <h2 id={`${id}-h`} tabIndex={-1} ref={heading}>
          {t('admin.passwordResetDone', { name: user.username })}
        </h2>
        {shown ? (
          <div className="field">
            <label htmlFor={`${id}-shown`}>{t('admin.newPassword')}</label>
            <div className="inline-form">
              <input id={`${id}-shown`} readOnly value={shown} className="mono" data-testid="generated-password" onFocus={(e) => e.target.select()} />
              <button type="button" className="btn" onClick={() => void copy()}>
                {copied ? t('admin.copied') : t('admin.copy')}
              </button>
            </div>
            <p className="notice" role="status">
              {t('admin.shownOnce')}
            </p>
          </div>
        ) : null}
        <p className="hint">{t('admin.sessionsEnded')}</p>
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </section>
    );
  }

  const fieldError = reset.error ? (userErrors(reset.error, t).fields.password ?? null) : null;
  const other = reset.error && !fieldError ? errorMessage(reset.error, t) : null;
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-h`} data-testid="reset-password-form">
      <h2 id={`${id}-h`} tabIndex={-1} ref={heading}>
        {t('admin.resetPasswordFor', { name: user.username })}
      </h2>
      <fieldset>
        <legend>{t('admin.newPassword')}</legend>
        <div className="field-inline">
          <input type="radio" id={`${id}-gen`} name={`${id}-mode`} checked={mode === 'generate'} onChange={() => setMode('generate')} />
          <label htmlFor={`${id}-gen`}>{t('admin.generateOnce')}</label>
        </div>
        <div className="field-inline">
          <input type="radio" id={`${id}-man`} name={`${id}-mode`} checked={mode === 'manual'} onChange={() => setMode('manual')} />
          <label htmlFor={`${id}-man`}>{t('admin.setManually')}</label>
        </div>
      </fieldset>
      {mode === 'manual' ? (
        <div className="field">
          <label htmlFor={`${id}-pw`}>
            {t('admin.newPassword')} <span className="req">*</span>
          </label>
          <input
            id={`${id}-pw`}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={`${id}-pw-hint${fieldError ? ` ${id}-pw-err` : ''}`}
          />
          <p className="hint" id={`${id}-pw-hint`}>
            {t('admin.passwordHint')}
          </p>
          {fieldError ? (
            <p className="field-error" id={`${id}-pw-err`} role="alert">
              {fieldError}
            </p>
          ) : null}
        </div>
      ) : null}
      <p className="hint">{t('admin.sessionsEndOnReset')}</p>
      {other ? (
        <p className="form-error" role="alert">
          {other}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={reset.isPending} data-testid="reset-password-submit">
          {reset.isPending ? t('form.submitting') : t('admin.resetPassword')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

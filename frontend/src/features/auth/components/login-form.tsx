import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/error-message';
import type { Session } from '@/lib/session';
import { LoginInputSchema, useLogin } from '../api/login';

/** Username + password; errors from the API in the current language, announced to screen readers. */
export function LoginForm({ onSuccess }: { onSuccess: (s: Session) => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const uid = useId();
  const pid = useId();
  const eid = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = LoginInputSchema.safeParse({ username, password });
    if (!parsed.success) {
      setMissing({ username: !username.trim(), password: !password });
      return;
    }
    setMissing({});
    login.mutate(parsed.data, { onSuccess });
  };

  const error = login.error ? errorMessage(login.error, t) : null;
  return (
    <form className="login-form" onSubmit={submit} noValidate data-testid="login-form" aria-describedby={error ? eid : undefined}>
      <h1>{t('app.name')}</h1>
      <p className="muted">{t('login.subtitle')}</p>
      <div className="field">
        <label htmlFor={uid}>{t('login.username')}</label>
        <input
          id={uid}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={missing.username || undefined}
          required
          autoFocus
        />
        {missing.username ? <p className="field-error">{t('login.usernameRequired')}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={pid}>{t('login.password')}</label>
        <input
          id={pid}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={missing.password || undefined}
          required
        />
        {missing.password ? <p className="field-error">{t('login.passwordRequired')}</p> : null}
      </div>
      {error ? (
        <p id={eid} className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending}>
        {login.isPending ? t('login.signingIn') : t('login.submit')}
      </button>
    </form>
  );
}

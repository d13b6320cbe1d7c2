import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoginForm } from '@/features/auth/components/login-form';
import { LanguageSwitch } from '@/components/ui/language-switch';
import { homeFor } from '@/lib/authorization';
import { useSession } from '@/lib/session';
import { consumeSessionEndReason } from '../layouts/session-end';

/** Only same-app paths are followed after login (no open redirect). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export function LoginRoute() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const ended = consumeSessionEndReason();

  if (session) return <Navigate to={next ?? homeFor(session.user.role)} replace />;
  return (
    <div className="login-page">
      <div className="login-top">
        <LanguageSwitch />
      </div>
      <main className="login-card" id="main">
        {ended ? (
          <p className="notice" role="status">
            {t(ended === 'revoked' ? 'login.sessionRevoked' : 'login.sessionExpired')}
          </p>
        ) : null}
        <LoginForm onSuccess={(s) => navigate(next ?? homeFor(s.user.role), { replace: true })} />
      </main>
    </div>
  );
}

import { useEffect, useSyncExternalStore } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '@/components/ui/language-switch';
import { useLogout } from '@/features/auth/api/logout';
import { useMe } from '@/features/auth/api/get-me';
import { useUnreadInstructions } from '@/features/instructions/api/get-unread-count';
import { useOutboxSync } from '@/features/patrol/api/send-outbox';
import { PAGE_PATH, pagesFor } from '@/lib/authorization';
import { useLiveMode, useLiveUpdates } from '@/lib/live-updates';
import { useSession } from '@/lib/session';
import { paths } from '@/config/paths';
import { clearSessionEndReason } from './session-end';

function useOnline() {
  return useSyncExternalStore(
    (l) => {
      window.addEventListener('online', l);
      window.addEventListener('offline', l);
      return () => {
        window.removeEventListener('online', l);
        window.removeEventListener('offline', l);
      };
    },
    () => navigator.onLine,
    () => true,
  );
}

/** Header with role-aware navigation, language switch, connection state and sign-out. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const logout = useLogout();
  const online = useOnline();
  const live = useLiveMode();
  useMe(!!session && online);
  useLiveUpdates(!!session);
  const outbox = useOutboxSync(session?.user.id);
  const unread = useUnreadInstructions(!!session && pagesFor(session.user.role).includes('instructions'));

  useEffect(() => clearSessionEndReason(), []);

  if (!session) return null;
  const user = session.user;
  const pages = pagesFor(user.role);

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <NavLink to={paths.home} className="brand">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span>{t('app.shortName')}</span>
        </NavLink>
        <nav aria-label={t('nav.main')} className="main-nav">
          <ul>
            {pages.map((p) => (
              <li key={p}>
                <NavLink to={PAGE_PATH[p]} data-testid={`nav-${p}`}>
                  {t(`nav.${p}`)}
                  {p === 'instructions' && unread.data ? (
                    <>
                      <span className="nav-count" data-testid="unread-count" data-count={unread.data} aria-hidden="true">
                        {unread.data}
                      </span>
                      <span className="visually-hidden">{t('instructions.unreadCount', { count: unread.data })}</span>
                    </>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          {!online ? (
            <span className="pill pill-offline" role="status">
              {t('net.offline')}
            </span>
          ) : live === 'stream' ? (
            <span className="pill pill-live" title={t('net.liveHint')}>
              {t('net.live')}
            </span>
          ) : null}
          {outbox.pending > 0 ? (
            <span className="pill pill-queue" role="status" data-testid="outbox-pending">
              {t('patrol.queuedCount', { count: outbox.pending })}
            </span>
          ) : null}
          <span className="user-name" data-testid="current-user">
            {user.displayName}
            <span className="muted"> · {t(`role.${user.role}`)}</span>
          </span>
          <LanguageSwitch />
          <button
            type="button"
            className="btn btn-ghost"
            data-testid="logout"
            onClick={async () => {
              await logout();
              navigate(paths.login, { replace: true });
            }}
          >
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

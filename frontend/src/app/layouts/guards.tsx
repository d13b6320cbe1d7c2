import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { paths } from '@/config/paths';
import { canOpen, homeFor, type PageKey } from '@/lib/authorization';
import { useSession } from '@/lib/session';

/** Sends signed-out visitors to the login page, remembering where they wanted to go. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const loc = useLocation();
  if (!session) {
    const next = loc.pathname + loc.search;
    return <Navigate to={`${paths.login}${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return <>{children}</>;
}

/** A page outside the role's navigation redirects to the role's home (the server enforces access anyway). */
export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const session = useSession();
  if (!session) return null;
  if (!canOpen(session.user.role, page)) return <Navigate to={homeFor(session.user.role)} replace />;
  return <>{children}</>;
}

import { useSyncExternalStore } from 'react';
import type { Role } from '@gridenforce/backend/contracts';

/** The signed-in user as `POST /auth/login` returns it. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  gridIds: string[];
  teamId: string | null;
  agencyId: string | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

/**
 * Tokens live in localStorage so that a patrol phone that reopens the app offline is still signed
 * in and can send its queued reports when the network returns, and so that every tab shares one
 * rotating refresh token (the server revokes the whole family if an old one is reused).
 */
const KEY = 'gridenforce.session';
type Listener = () => void;
const listeners = new Set<Listener>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.accessToken !== 'string' || typeof s.refreshToken !== 'string' || !s.user?.id) return null;
    return s as Session;
  } catch {
    return null;
  }
}

function emit() {
  for (const l of listeners) l();
}

// Another tab signed in, refreshed or signed out.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY && e.key !== null) return;
    current = read();
    emit();
  });
}

export const sessionStore = {
  get(): Session | null {
    return current;
  },
  /** Re-reads storage: another tab may have rotated the tokens since this tab last looked. */
  reload(): Session | null {
    current = read();
    return current;
  },
  set(s: Session) {
    current = s;
    localStorage.setItem(KEY, JSON.stringify(s));
    emit();
  },
  clear() {
    if (!current && !localStorage.getItem(KEY)) return;
    current = null;
    localStorage.removeItem(KEY);
    emit();
  },
  subscribe(l: Listener) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

/** The current session (re-renders on sign-in, refresh and sign-out, also from other tabs). */
export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);
}

/** The signed-in user; only call below the authenticated layout. */
export function useUser(): SessionUser {
  const s = useSession();
  if (!s) throw new Error('useUser() outside an authenticated route');
  return s.user;
}

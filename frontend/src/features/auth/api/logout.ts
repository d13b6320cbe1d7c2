import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '@/lib/api-client';
import { sessionStore } from '@/lib/session';

/**
 * `POST /api/v1/auth/logout` with the refresh token (revokes its family), then forgets the session
 * locally whatever the answer, drops cached server data and asks the service worker to drop the
 * reference data it kept for offline use.
 */
export async function logout(): Promise<void> {
  const s = sessionStore.get();
  if (s) {
    try {
      await api('/auth/logout', { method: 'POST', body: { refreshToken: s.refreshToken }, auth: false });
    } catch {
      /* offline or already revoked: signing out locally is what matters */
    }
  }
  sessionStore.clear();
  navigator.serviceWorker?.controller?.postMessage({ type: 'clear-api-cache' });
}

export function useLogout() {
  const qc = useQueryClient();
  return useCallback(async () => {
    await logout();
    qc.clear();
  }, [qc]);
}

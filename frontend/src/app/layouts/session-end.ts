import { onSessionEnd } from '@/lib/api-client';

/**
 * Why the last session ended, shown once on the login page. The API client ends the session when
 * the server refuses a refresh; RequireAuth then redirects because the session store is empty.
 */
let reason: 'expired' | 'revoked' | null = null;
onSessionEnd((r) => {
  reason = r;
});

export function consumeSessionEndReason() {
  const r = reason;
  return r;
}

export function clearSessionEndReason() {
  reason = null;
}

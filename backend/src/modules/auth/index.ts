export { requireAuth, requireRole, caller, actorOf, toAuthUser, bearerToken } from './auth.middleware';
export { signAccessToken, verifyAccessToken } from './auth.tokens';
export type { AuthUser, Actor } from './auth.types';
export { revokeUserSessions } from './sessions.service';
export { sweepAuthRecords } from './auth.service';
export { createAuthRouter } from './auth.routes';

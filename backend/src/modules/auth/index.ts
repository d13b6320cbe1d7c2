export { requireAuth, requireRole, caller, toAuthUser, bearerToken } from './auth.middleware';
export { signAccessToken, verifyAccessToken } from './auth.tokens';
export type { AuthUser } from './auth.types';

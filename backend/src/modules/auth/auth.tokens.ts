import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Config } from '../../config';
import { unauthorized } from '../../core/errors';

/** Claims of the short-lived access token. `sv` is the user's session version. */
export interface AccessClaims {
  sub: string;
  role: string;
  sv: number;
}

const ALGORITHM = 'HS256' as const;

/**
 * The HMAC key as a KeyObject, made once per secret: given a string, jsonwebtoken first tries to
 * parse it as a public key on every call (a thrown and caught error per request).
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

export function signAccessToken(config: Config, claims: AccessClaims, nowSeconds: number): string {
  return jwt.sign({ role: claims.role, sv: claims.sv, iat: nowSeconds }, keyOf(config.JWT_SECRET), {
    algorithm: ALGORITHM,
    subject: claims.sub,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    expiresIn: config.ACCESS_TOKEN_TTL_SECONDS,
  });
}

/**
 * Verifies signature (HS256 only: `alg: none` and other algorithms are refused), issuer,
 * audience and expiry against the injected clock.
 */
export function verifyAccessToken(config: Config, token: string, nowSeconds: number): AccessClaims {
  try {
    const payload = jwt.verify(token, keyOf(config.JWT_SECRET), {
      algorithms: [ALGORITHM],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      clockTimestamp: nowSeconds,
    });
    if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.sv !== 'number') {
      throw unauthorized('Invalid token claims', 'TOKEN_INVALID');
    }
    return { sub: payload.sub, role: String(payload.role), sv: payload.sv };
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) throw unauthorized('Access token expired', 'TOKEN_EXPIRED');
    if (err instanceof jwt.JsonWebTokenError || err instanceof jwt.NotBeforeError) {
      throw unauthorized('Invalid access token', 'TOKEN_INVALID');
    }
    throw err;
  }
}

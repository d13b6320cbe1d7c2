/** The one application error. Services throw these through the factories below. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const validationFailed = (details: unknown, message = 'Request validation failed') =>
  new AppError(400, 'VALIDATION_FAILED', message, details);
export const unauthorized = (message = 'Authentication required', code = 'UNAUTHORIZED') =>
  new AppError(401, code, message);
export const forbidden = (message = 'Not allowed for your role', code = 'FORBIDDEN') =>
  new AppError(403, code, message);
/** Out-of-scope objects answer this too, so existence never leaks. */
export const notFound = (what: string, id?: string) =>
  new AppError(404, 'NOT_FOUND', id ? `${what} ${id} not found` : `${what} not found`);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(409, code, message, details);
export const payloadTooLarge = (message = 'Request body too large') =>
  new AppError(413, 'PAYLOAD_TOO_LARGE', message);
export const unsupportedMediaType = (message = 'Unsupported content type') =>
  new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', message);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new AppError(422, code, message, details);
export const tooManyRequests = (retryAfterSeconds: number, message = 'Too many requests') =>
  new AppError(429, 'TOO_MANY_REQUESTS', message, { retryAfterSeconds }, {
    'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });
export const serviceUnavailable = (message = 'Database unavailable, try again shortly') =>
  new AppError(503, 'SERVICE_UNAVAILABLE', message, undefined, { 'Retry-After': '2' });

/** MongoDB duplicate-key error (E11000), from an insert or an index build. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

const UNAVAILABLE_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongooseServerSelectionError',
]);

/** True when an error means "the database cannot be reached right now" (→ 503). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: string; message?: string; cause?: unknown };
  if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (e.name === 'MongooseError' && /buffering timed out|not connected|Client must be connected/i.test(e.message ?? '')) return true;
  if (e.message && /connection .* closed|ECONNREFUSED|ECONNRESET|Topology is closed/i.test(e.message)) return true;
  return e.cause ? isDatabaseUnavailable(e.cause) : false;
}

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

const SOCKET_GONE = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT']);

/** True when an error means "the database cannot be reached right now" (→ 503). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: string; message?: string; cause?: unknown; code?: unknown; syscall?: unknown };
  if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
  // The driver can surface the raw socket error when the server dies mid-write
  // ("This socket has been ended by the other party", EPIPE): no file system call involved.
  if (typeof e.code === 'string' && SOCKET_GONE.has(e.code) && (e.syscall === undefined || /^(write|read|connect)$/.test(String(e.syscall)))) return true;
  if (e.name === 'MongooseError' && /buffering timed out|not connected|Client must be connected/i.test(e.message ?? '')) return true;
  if (e.message && /connection .* closed|ECONNREFUSED|ECONNRESET|Topology is closed/i.test(e.message)) return true;
  return e.cause ? isDatabaseUnavailable(e.cause) : false;
}

const STORAGE_FULL = new Set(['ENOSPC', 'EDQUOT']);
const STORAGE_BROKEN = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'EIO']);

/**
 * A failed file-system write (photo store in a directory, exports) as a clear answer instead of a
 * generic 500: a full disk is 507 STORAGE_FULL, an unusable directory 503 STORAGE_UNAVAILABLE.
 */
export function storageFailure(err: unknown): AppError | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, syscall } = err as { code?: unknown; syscall?: unknown };
  if (typeof code !== 'string' || typeof syscall !== 'string') return null;
  if (STORAGE_FULL.has(code)) {
    return new AppError(507, 'STORAGE_FULL', 'Storage is full: nothing was saved; try again later', undefined, { 'Retry-After': '60' });
  }
  if (STORAGE_BROKEN.has(code)) {
    return new AppError(503, 'STORAGE_UNAVAILABLE', 'File storage is unavailable: nothing was saved; try again later', undefined, { 'Retry-After': '60' });
  }
  return null;
}

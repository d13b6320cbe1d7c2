import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { AppError, isDatabaseUnavailable, isDuplicateKey, serviceUnavailable } from '../../core/errors';
import { toXml } from './open311.xml';

/** Parser errors of express.urlencoded() (raw-body), by type. */
const PARSER_ERRORS: Record<string, [number, string]> = {
  'entity.too.large': [413, 'Request body too large'],
  'entity.parse.failed': [400, 'Request body could not be parsed'],
  'parameters.too.many': [413, 'Too many parameters'],
  'encoding.unsupported': [415, 'Unsupported body encoding'],
  'charset.unsupported': [415, 'Unsupported charset: send UTF-8'],
  'request.aborted': [400, 'Request aborted by the client'],
  'request.size.invalid': [400, 'Request size did not match Content-Length'],
};

function describe(e: AppError): string {
  if (e.code === 'VALIDATION_FAILED' && Array.isArray(e.details)) {
    const issues = (e.details as { path?: string; message?: string }[]).map((i) => `${i.path || 'request'}: ${i.message}`);
    return issues.join('; ');
  }
  return e.message;
}

function toAppError(err: unknown, req: Request): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) return serviceUnavailable();
  if (isDuplicateKey(err)) return new AppError(409, 'DUPLICATE', 'A record with the same key already exists');
  const type = (err as { type?: string }).type;
  const known = type ? PARSER_ERRORS[type] : undefined;
  if (known) return new AppError(known[0], 'BAD_REQUEST', known[1]);
  const status = (err as { status?: unknown; expose?: boolean }).status;
  if (typeof status === 'number' && status >= 400 && status < 500 && (err as { expose?: boolean }).expose) {
    return new AppError(status, 'BAD_REQUEST', (err as Error).message);
  }
  req.log?.error({ err }, 'open311: unhandled error');
  return new AppError(500, 'INTERNAL', 'Internal server error');
}

/**
 * GeoReport v2 errors: `[{ "code": 400, "description": "…" }]` (or `<errors><error>…` for .xml
 * resources) with the same HTTP status; Retry-After on 429 and 503.
 */
export const georeportErrorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const e = toAppError(err, req);
  if (e.status === 503) req.log?.warn({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'open311: database unavailable');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [k, v] of Object.entries(e.headers ?? {})) res.setHeader(k, v);
  const body = [{ code: e.status, description: describe(e) }];
  res.status(e.status);
  if (/\.xml$/i.test(req.path)) res.type('text/xml').send(toXml('errors', 'error', body));
  else res.json(body);
};

/** Unknown Open311 resources answer a GeoReport 404. */
export const georeportNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'ROUTE_NOT_FOUND', `No Open311 resource ${req.method} ${req.path}`));
};

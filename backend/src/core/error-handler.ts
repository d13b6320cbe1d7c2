import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isDatabaseUnavailable, isDuplicateKey, serviceUnavailable, storageFailure } from './errors';

interface HttpParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

/** Errors raised by express.json() / raw-body, mapped to the one error shape. */
function fromParserError(err: HttpParserError): AppError | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'MALFORMED_JSON', 'Request body is not valid JSON');
    case 'entity.too.large':
      return new AppError(413, 'PAYLOAD_TOO_LARGE', 'Request body too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding or charset');
    case 'request.aborted':
      return new AppError(400, 'REQUEST_ABORTED', 'Request aborted by the client');
    case 'request.size.invalid':
      return new AppError(400, 'BAD_REQUEST', 'Request size did not match Content-Length');
    default:
      return null;
  }
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'ROUTE_NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

/** Renders `{ error: { code, message, details, requestId } }`; never leaks stacks or driver messages. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let appError: AppError;
  if (err instanceof AppError) appError = err;
  else if (isDatabaseUnavailable(err)) appError = serviceUnavailable();
  else if (isDuplicateKey(err)) appError = new AppError(409, 'DUPLICATE', 'A record with the same key already exists');
  else if (storageFailure(err)) {
    appError = storageFailure(err)!;
    req.log?.error({ err }, 'file storage failed');
  } else {
    const parsed = fromParserError(err as HttpParserError);
    const status = (err as HttpParserError).status ?? (err as HttpParserError).statusCode;
    if (parsed) appError = parsed;
    else if (typeof status === 'number' && status >= 400 && status < 500 && (err as HttpParserError).expose) {
      appError = new AppError(status, 'BAD_REQUEST', (err as Error).message);
    } else {
      req.log?.error({ err }, 'unhandled error');
      appError = new AppError(500, 'INTERNAL', 'Internal server error');
    }
  }
  if (appError.status >= 500 && appError.status !== 503 && appError.code !== 'STORAGE_FULL') req.log?.error({ err }, 'server error');
  else if (appError.code === 'SERVICE_UNAVAILABLE') req.log?.warn({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'database unavailable');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [k, v] of Object.entries(appError.headers ?? {})) res.setHeader(k, v);
  const body: { code: string; message: string; details?: unknown; requestId?: string } = {
    code: appError.code,
    message: appError.message,
  };
  if (appError.details !== undefined) body.details = appError.details;
  body.requestId = String(req.id ?? '');
  res.status(appError.status).json({ error: body });
};

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { z, type ZodType } from 'zod';
import { badRequest, unsupportedMediaType, validationFailed } from './errors';

/** The parts of a request a route validates; each is a zod schema. */
export interface RequestSchemas {
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
}

export type Parsed<S extends RequestSchemas> = {
  params: S['params'] extends ZodType ? z.infer<S['params']> : Record<string, never>;
  query: S['query'] extends ZodType ? z.infer<S['query']> : Record<string, never>;
  body: S['body'] extends ZodType ? z.infer<S['body']> : undefined;
};

/** A documented response: a zod schema of a JSON body, or a description of another body. */
export type ResponseDoc =
  | ZodType
  | {
      description?: string;
      schema?: ZodType;
      contentType?: string;
      /** Several media types (e.g. JSON and XML); null: a body the schema language does not describe. */
      content?: Record<string, ZodType | null>;
      headers?: Record<string, string>;
    }
  | null;

/**
 * Optional documentation of a route for the OpenAPI contract (no effect on validation):
 * `responses` maps a success status to its body (`null`: no body, e.g. 204).
 */
export interface RouteDoc {
  summary?: string;
  description?: string;
  tags?: string[];
  /** No bearer token needed (login, public documents). */
  public?: boolean;
  /** Media type of the body `body` describes (default application/json). */
  requestContentType?: string;
  responses?: Record<number, ResponseDoc>;
}

/** Schemas (and documentation) of every route registered through `route()`, for the OpenAPI contract. */
export const routeSchemas = new WeakMap<RequestHandler, RequestSchemas & RouteDoc>();

function issuesOf(part: string, error: z.ZodError) {
  return error.issues.map((i) => ({ in: part, path: i.path.map(String).join('.'), code: i.code, message: i.message }));
}

/**
 * Validates params, query and body once at the edge and hands the parsed values to the
 * handler; unknown query keys fail (query schemas are strict), so `?status[$ne]=x` is a 400.
 */
export function route<S extends RequestSchemas>(
  schemas: S & RouteDoc,
  handler: (input: Parsed<S>, req: Request, res: Response) => unknown,
): RequestHandler[] {
  const check: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
    const issues: ReturnType<typeof issuesOf> = [];
    const out: Record<string, unknown> = { params: {}, query: {}, body: undefined };
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      if (part === 'body' && req.is('multipart/form-data')) {
        return next(unsupportedMediaType('This endpoint takes application/json'));
      }
      const raw = part === 'body' ? (req.body ?? {}) : req[part];
      const result = schema.safeParse(raw);
      if (result.success) out[part] = result.data;
      else issues.push(...issuesOf(part, result.error));
    }
    if (issues.length) return next(validationFailed(issues));
    (req as Request & { valid: unknown }).valid = out;
    next();
  };
  const run: RequestHandler = async (req, res) => {
    await handler((req as Request & { valid: Parsed<S> }).valid, req, res);
  };
  routeSchemas.set(run, schemas);
  return [check, run];
}

function findOperatorKey(value: unknown, path: string, depth = 0): string | null {
  if (depth > 32) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findOperatorKey(value[i], `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('$') || k.includes('[$') || k === '__proto__' || k === 'constructor') return `${path}${path ? '.' : ''}${k}`;
      const hit = findOperatorKey(v, `${path}${path ? '.' : ''}${k}`, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * Refuses `$`-prefixed keys (MongoDB operators) anywhere in the query string or JSON body,
 * before any schema runs: filters can never carry operators to the database.
 */
export const rejectOperatorKeys: RequestHandler = (req, _res, next) => {
  const hit = findOperatorKey(req.query, 'query') ?? findOperatorKey(req.body, 'body');
  if (hit) return next(badRequest('OPERATOR_NOT_ALLOWED', `Operator-like key not allowed: ${hit}`, { path: hit }));
  next();
};

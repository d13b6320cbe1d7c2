import type { ZodType } from 'zod';
import type { ResponseDoc } from '../../core/validate';
import { ERROR_RESPONSES, errorComponents, GEOREPORT_PREFIX } from './error-responses';
import { acceptsEmpty, isZodType, toJsonSchema, type JsonSchema } from './json-schema';
import { KNOWN_OPERATIONS, type KnownOperation } from './known-operations';
import { listEndpoints, pathParamNames, toOpenApiPath, type Endpoint } from './router-walk';

/** Path prefixes the contract covers: the JSON API and Open311 GeoReport v2. */
export const CONTRACT_PREFIXES = ['/api/v1/', '/open311/v2/'] as const;

type Operation = Record<string, unknown>;

const ENVELOPE: JsonSchema = {
  type: 'object',
  required: ['data'],
  properties: { data: {}, meta: { type: 'object' } },
  description: '`{ data }`, lists with `meta: { nextCursor, total? }`',
};

/** Media types of resources named with an extension (exports, documents). */
const MEDIA_BY_EXTENSION: Record<string, string> = { '.csv': 'text/csv', '.pdf': 'application/pdf' };

const defaultStatus = (method: Endpoint['method']) => (method === 'delete' ? 204 : 200);

function tagOf(path: string): string {
  if (path.startsWith('/open311/')) return 'open311';
  return path.split('/')[3] ?? 'api';
}

function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/(api\/v1|open311\/v2)\//, (_m, p: string) => (p.startsWith('open311') ? 'open311/' : ''))
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [method, ...words].map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join('');
}

function successResponses(e: Endpoint, known: KnownOperation | undefined, defs: Record<string, JsonSchema>, id: string) {
  const out: Record<string, unknown> = {};
  const documented = e.spec?.responses;
  if (documented && Object.keys(documented).length) {
    for (const [status, doc] of Object.entries(documented)) out[status] = responseOf(doc as ResponseDoc, defs, `${id}_${status}`);
    return out;
  }
  const byExtension = Object.entries(MEDIA_BY_EXTENSION).find(([ext]) => e.path.endsWith(ext))?.[1];
  const contentType = known?.contentType !== undefined ? known.contentType : (byExtension ?? 'application/json');
  const body =
    contentType === null
      ? { description: 'Done (no body)' }
      : { description: 'Success', content: { [contentType]: { schema: known?.schema ?? (byExtension ? { type: 'string' } : ENVELOPE) } } };
  // Without a declared status a POST may answer 200 or 201 (created); route() docs make it exact.
  const statuses = known?.status ? [known.status] : e.method === 'post' ? [200, 201] : [defaultStatus(e.method)];
  for (const status of statuses) out[String(status)] = body;
  return out;
}

function responseOf(doc: ResponseDoc, defs: Record<string, JsonSchema>, name: string): Record<string, unknown> {
  if (doc === null) return { description: 'Done (no body)' };
  if (isZodType(doc)) return { description: 'Success', content: { 'application/json': { schema: toJsonSchema(doc, 'output', defs, name) } } };
  const media: Record<string, ZodType | null> = doc.content ?? { [doc.contentType ?? 'application/json']: doc.schema ?? null };
  const content = Object.fromEntries(
    Object.entries(media).map(([type, schema], i) => [type, { schema: schema ? toJsonSchema(schema, 'output', defs, `${name}_${i}`) : { type: 'string' } }]),
  );
  const headers = doc.headers
    ? Object.fromEntries(Object.entries(doc.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }]))
    : undefined;
  return { description: doc.description ?? 'Success', ...(headers ? { headers } : {}), content };
}

function parametersOf(e: Endpoint, defs: Record<string, JsonSchema>, id: string): unknown[] {
  const params: unknown[] = [];
  const pathSchema = e.spec?.params ? toJsonSchema(e.spec.params, 'input', defs, `${id}_params`) : null;
  const pathProps = (pathSchema?.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of pathParamNames(e.path)) {
    params.push({ name, in: 'path', required: true, schema: pathProps[name] ?? { type: 'string' } });
  }
  if (e.spec?.query) {
    const q = toJsonSchema(e.spec.query, 'input', defs, `${id}_query`);
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...rest } = schema;
      params.push({ name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  return params;
}

function requestBodyOf(e: Endpoint, known: KnownOperation | undefined, defs: Record<string, JsonSchema>, id: string) {
  if (e.spec?.body) {
    const body: ZodType = e.spec.body;
    const contentType = e.spec.requestContentType ?? 'application/json';
    return { required: !acceptsEmpty(body), content: { [contentType]: { schema: toJsonSchema(body, 'input', defs, `${id}_body`) } } };
  }
  if (known?.requestBody) return { required: true, content: { [known.requestBody.contentType]: { schema: known.requestBody.schema } } };
  return undefined;
}

function operationOf(e: Endpoint, path: string, defs: Record<string, JsonSchema>): Operation {
  const key = `${e.method.toUpperCase()} ${path}`;
  const known = KNOWN_OPERATIONS[key];
  const id = operationId(e.method, path);
  const spec = e.spec;
  const isPublic = spec?.public ?? known?.public ?? false;
  const errorPrefix = path.startsWith('/open311/') ? GEOREPORT_PREFIX : '';
  const responses: Record<string, unknown> = successResponses(e, known, defs, id);
  for (const status of ERROR_RESPONSES) responses[String(status)] = { $ref: `#/components/responses/${errorPrefix}E${status}` };
  responses['431'] = { $ref: '#/components/responses/E431' };
  const op: Operation = {
    operationId: id,
    tags: spec?.tags ?? [tagOf(path)],
    summary: spec?.summary ?? key,
    ...(spec?.description ? { description: spec.description } : {}),
    parameters: parametersOf(e, defs, id),
  };
  const requestBody = requestBodyOf(e, known, defs, id);
  if (requestBody) op.requestBody = requestBody;
  op.responses = responses;
  if (isPublic) op.security = [];
  if (!spec) op['x-missing-schema'] = true;
  return op;
}

export interface OpenApiOptions {
  title?: string;
  version?: string;
}

/**
 * The OpenAPI 3.1 document of every route under the contract prefixes reachable from `root`
 * (an app's `app.router`, or a router with a prefix): paths, parameters and bodies from the zod
 * schemas `route()` validates with, success responses from `route()`'s documentation, and the
 * common error responses on every operation.
 */
export function buildOpenApiDocument(root: { stack?: unknown[] }, prefix = '', opts: OpenApiOptions = {}): Record<string, unknown> {
  const defs: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, Operation>> = {};
  const endpoints = listEndpoints(root, prefix).filter((e) => CONTRACT_PREFIXES.some((p) => e.path.startsWith(p)));
  for (const e of endpoints) {
    const path = toOpenApiPath(e.path);
    paths[path] ??= {};
    paths[path][e.method] ??= operationOf(e, path, defs);
  }
  const { schemas, responses } = errorComponents();
  return {
    openapi: '3.1.0',
    info: {
      title: opts.title ?? 'GridEnforce 网格联动执法平台 API',
      version: opts.version ?? '1.0.0',
      description:
        'Generated from the zod schemas that validate each request. Errors of /api/v1 share one shape ' +
        '`{ error: { code, message, details?, requestId } }`; Open311 GeoReport v2 answers `[{ code, description }]`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(Object.values(paths).flatMap((ops) => Object.values(ops).flatMap((o) => o.tags as string[])))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ...schemas, ...defs },
      responses,
    },
  };
}

import type { JsonSchema } from './json-schema';

/** Error statuses every operation may answer (validation, auth, scope, conflicts, limits, outage). */
export const ERROR_RESPONSES = [400, 401, 403, 404, 409, 413, 415, 422, 429, 503, 507] as const;

export const GEOREPORT_PREFIX = 'GeoReport';

const DESCRIPTIONS: Record<(typeof ERROR_RESPONSES)[number], string> = {
  400: 'Invalid request (validation failed, malformed body, operator keys)',
  401: 'Missing, expired or revoked credentials',
  403: 'Not allowed for this role or client',
  404: 'Not found, or out of the caller’s scope',
  409: 'Conflict with the current state (concurrent change, duplicate key)',
  413: 'Body or upload too large',
  415: 'Unsupported content type',
  422: 'Well-formed but not acceptable (business rule)',
  429: 'Rate limit reached; retry after the time in Retry-After',
  503: 'Database or file storage unavailable, or shutting down; retry after Retry-After',
  507: 'Storage full: nothing was saved; retry later',
};

const ERROR_BODY: JsonSchema = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', description: 'Stable machine-readable code, e.g. VALIDATION_FAILED' },
        message: { type: 'string' },
        details: { description: 'Per-field issues or other structured detail' },
        requestId: { type: 'string', description: 'Also in the X-Request-Id header' },
      },
    },
  },
};

/** Open311 GeoReport v2 errors: a list of `{ code, description }` (code = the HTTP status). */
const GEOREPORT_ERRORS: JsonSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    properties: { code: { type: 'integer' }, description: { type: 'string' } },
  },
};

const RETRY_AFTER = { description: 'Seconds to wait before retrying', schema: { type: 'string' } };

export function errorComponents(): { schemas: Record<string, JsonSchema>; responses: Record<string, unknown> } {
  const responses: Record<string, unknown> = {};
  for (const status of ERROR_RESPONSES) {
    const headers = status === 429 || status === 503 || status === 507 ? { headers: { 'Retry-After': RETRY_AFTER } } : {};
    responses[`E${status}`] = {
      description: DESCRIPTIONS[status],
      ...headers,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
    responses[`${GEOREPORT_PREFIX}E${status}`] = {
      description: DESCRIPTIONS[status],
      ...headers,
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/GeoReportErrors' } },
        'text/xml': { schema: { type: 'string' } },
      },
    };
  }
  // Node's HTTP parser answers this itself (no body) when the URL and headers pass 16 KiB.
  responses.E431 = { description: 'Request line or headers too large (answered by the HTTP server, no body)' };
  return { schemas: { Error: ERROR_BODY, GeoReportErrors: GEOREPORT_ERRORS }, responses };
}

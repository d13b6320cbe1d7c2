import type { JsonSchema } from './json-schema';

/**
 * Contract facts of routes registered before `route()` took documentation (success status, media
 * type, public access): keyed by `METHOD /openapi/path`. A route's own `route()` documentation
 * wins over this table; a new route documents itself instead of being added here.
 */
export interface KnownOperation {
  status?: number;
  /** Media type of the success body, or null for no body. */
  contentType?: string | null;
  schema?: JsonSchema;
  public?: boolean;
  /** A request body the handler parses itself (uploads). */
  requestBody?: { contentType: string; schema: JsonSchema };
}

const SESSION: JsonSchema = {
  type: 'object',
  required: ['accessToken', 'refreshToken', 'user'],
  properties: { accessToken: { type: 'string' }, refreshToken: { type: 'string' }, user: { type: 'object' } },
};

const IMAGE = 'image/*';

export const KNOWN_OPERATIONS: Record<string, KnownOperation> = {
  'GET /api/v1/config': { public: true },
  'POST /api/v1/auth/login': { public: true, status: 200, schema: SESSION },
  'POST /api/v1/auth/refresh': { public: true, status: 200, schema: SESSION },
  'POST /api/v1/auth/logout': { public: true, status: 204, contentType: null },
  'POST /api/v1/users': { status: 201 },
  'POST /api/v1/users/{id}/disable': { status: 200 },
  'POST /api/v1/users/{id}/enable': { status: 200 },
  'POST /api/v1/users/{id}/reset-password': { status: 204, contentType: null },
  'POST /api/v1/incidents': { status: 201 },
  'POST /api/v1/cases/{id}/transitions': { status: 200 },
  'POST /api/v1/cases/{id}/photos': {
    status: 201,
    requestBody: {
      contentType: 'multipart/form-data',
      schema: { type: 'object', required: ['photo'], properties: { photo: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP' } } },
    },
  },
  'GET /api/v1/cases/export.csv': { contentType: 'text/csv', schema: { type: 'string' } },
  'GET /api/v1/photos/{id}': { contentType: IMAGE, schema: { type: 'string', format: 'binary' } },
  'GET /api/v1/photos/{id}/thumb': { contentType: IMAGE, schema: { type: 'string', format: 'binary' } },
  'POST /api/v1/notifications/{id}/read': { status: 204, contentType: null },
  'POST /api/v1/categories': { status: 201 },
  'POST /api/v1/org/teams': { status: 201 },
  'POST /api/v1/org/zones': { status: 201 },
  'POST /api/v1/org/cells': { status: 201 },
  'POST /api/v1/org/agencies': { status: 201 },
  'POST /api/v1/geo/imports': { status: 202 },
  'GET /api/v1/events': { contentType: 'text/event-stream', schema: { type: 'string' } },
};

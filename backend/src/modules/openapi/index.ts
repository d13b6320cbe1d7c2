/** OpenAPI 3.1 contract generated from the routers' zod schemas, and the docs page. */
export { buildOpenApiDocument, CONTRACT_PREFIXES } from './openapi.document';
export { listEndpoints, toOpenApiPath, type Endpoint } from './router-walk';
export { createOpenApiRouter, createDocsRouter } from './openapi.routes';
export { ERROR_RESPONSES } from './error-responses';

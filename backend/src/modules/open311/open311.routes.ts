import express, { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { unsupportedMediaType } from '../../core/errors';
import { rejectOperatorKeys, route } from '../../core/validate';
import { georeportErrorHandler, georeportNotFound } from './open311.errors';
import {
  CreatedDto,
  CreateRequestBody,
  FormatParams,
  RequestDto,
  RequestParams,
  RequestsQuery,
  ServiceDefinitionDto,
  ServiceDto,
  ServiceParams,
  ServicesQuery,
  type Format,
} from './open311.schemas';
import { createRequest, getRequest, listRequests, listServices, serviceDefinition } from './open311.service';
import { objectToXml, toXml } from './open311.xml';

const FORM = 'application/x-www-form-urlencoded';
const both = (json: z.ZodType, description: string) => ({ description, content: { 'application/json': json, 'text/xml': null } });

function send(res: Response, format: Format, root: string, item: string, rows: unknown[]): void {
  if (format === 'xml') res.type('text/xml').send(toXml(root, item, rows));
  else res.json(rows);
}

/** POST bodies are forms (the specification's encoding); anything else with a body is refused. */
const formOnly: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is(FORM)) return next(unsupportedMediaType(`Send ${FORM}`));
  next();
};

/** HTML forms send empty fields; they mean "not given". */
const dropEmptyFields: RequestHandler = (req, _res, next) => {
  if (req.body && typeof req.body === 'object') {
    for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) if (v === '') delete (req.body as Record<string, unknown>)[k];
  }
  next();
};

/**
 * Open311 GeoReport v2 (mounted at /open311/v2, outside /api/v1): services from the category
 * catalogue, service requests created as reported cases with source `open311`, public reads of
 * those requests. JSON or XML by extension; errors in the GeoReport format.
 */
export function createOpen311Router(ctx: AppContext): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: ctx.config.OPEN311_BODY_LIMIT_BYTES, parameterLimit: 40, type: FORM });
  const tags = ['open311'];

  r.get('/services.:format', ...route(
    { params: FormatParams, query: ServicesQuery, public: true, tags, summary: 'GeoReport: list services (the category catalogue)', responses: { 200: both(z.array(ServiceDto), 'Services') } },
    async ({ params }, _req, res) => {
      send(res, params.format, 'services', 'service', await listServices());
    },
  ));
  r.get('/services/:service_code.:format', ...route(
    { params: ServiceParams, query: ServicesQuery, public: true, tags, summary: 'GeoReport: a service definition (no attributes)', responses: { 200: both(ServiceDefinitionDto, 'Service definition') } },
    async ({ params }, _req, res) => {
      const def = await serviceDefinition(params.service_code);
      if (params.format === 'xml') res.type('text/xml').send(objectToXml('service_definition', def));
      else res.json(def);
    },
  ));
  r.post('/requests.:format', formOnly, form, rejectOperatorKeys, dropEmptyFields, ...route(
    {
      params: FormatParams,
      body: CreateRequestBody,
      requestContentType: FORM,
      public: true,
      tags,
      summary: 'GeoReport: create a service request (api_key required, rate-limited per key)',
      description: 'Creates a reported case with source open311, routed like any other report. lat and long are required (addresses are not geocoded). An optional Idempotency-Key header makes retries safe.',
      responses: { 201: both(CreatedDto, 'Created') },
    },
    async ({ params, body }, req, res) => {
      const created = await createRequest(ctx, body, req.get('Idempotency-Key') ?? undefined);
      res.status(201);
      send(res, params.format, 'service_requests', 'request', created);
    },
  ));
  r.get('/requests.:format', ...route(
    { params: FormatParams, query: RequestsQuery, public: true, tags, summary: 'GeoReport: service requests created through Open311', responses: { 200: both(z.array(RequestDto), 'Service requests') } },
    async ({ params, query }, _req, res) => {
      send(res, params.format, 'service_requests', 'request', await listRequests(ctx, query));
    },
  ));
  r.get('/requests/:service_request_id.:format', ...route(
    { params: RequestParams, query: ServicesQuery, public: true, tags, summary: 'GeoReport: one service request', responses: { 200: both(z.array(RequestDto), 'The service request (a list of one)') } },
    async ({ params }, _req, res) => {
      send(res, params.format, 'service_requests', 'request', await getRequest(ctx, params.service_request_id));
    },
  ));
  r.use(georeportNotFound);
  r.use(georeportErrorHandler);
  return r;
}

import { Router } from 'express';
import { buildApiRouter } from '../../backend/src/app';
import { route } from '../../backend/src/core/validate';
import { createOpen311Router } from '../../backend/src/modules/open311';
import { buildOpenApiDocument, ERROR_RESPONSES, listEndpoints, toOpenApiPath } from '../../backend/src/modules/openapi';
import { useTestApp } from '../support/app';
import { loginAs } from '../support/factories';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; parameters: { name: string; in: string; required: boolean }[]; requestBody?: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, unknown>; security?: unknown[]; 'x-missing-schema'?: boolean }>>;
  components: Record<string, Record<string, unknown>>;
};

function refsIn(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => refsIn(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.push(x);
      else refsIn(x, out);
    }
  }
  return out;
}

describe('OpenAPI contract', () => {
  const t = useTestApp();
  let doc: Doc;

  beforeAll(async () => {
    const res = await t.http().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body as Doc;
  });

  test('every route of the API router goes through route() (a schema-less route fails here)', () => {
    const endpoints = listEndpoints(buildApiRouter(t.ctx));
    expect(endpoints.length).toBeGreaterThan(30);
    const missing = endpoints.filter((e) => !e.spec).map((e) => `${e.method.toUpperCase()} ${e.path}`);
    expect(missing).toEqual([]);
    const open311 = listEndpoints(createOpen311Router(t.ctx));
    expect(open311.length).toBe(5);
    expect(open311.filter((e) => !e.spec)).toEqual([]);
  });

  test('the guard sees a route registered without route()', () => {
    const r = Router();
    r.get('/documented', ...route({}, (_i, _req, res) => res.end()));
    r.get('/bare', (_req, res) => res.end());
    const outer = Router();
    outer.use('/x', r);
    const found = listEndpoints(outer);
    expect(found.map((e) => [e.path, Boolean(e.spec)])).toEqual([
      ['/x/documented', true],
      ['/x/bare', false],
    ]);
    const generated = buildOpenApiDocument(outer, '/api/v1') as Doc;
    expect(generated.paths['/api/v1/x/bare']!.get!['x-missing-schema']).toBe(true);
  });

  test('the served document is OpenAPI 3.1 and lists every mounted endpoint of the contract', () => {
    expect(doc.openapi).toBe('3.1.0');
    const mounted = listEndpoints(t.app.router as unknown as { stack: unknown[] }).filter((e) => /^\/(api\/v1|open311\/v2)\//.test(e.path));
    expect(mounted.length).toBeGreaterThan(30);
    for (const e of mounted) {
      const op = doc.paths[toOpenApiPath(e.path)]?.[e.method];
      expect({ endpoint: `${e.method} ${e.path}`, present: Boolean(op), missingSchema: op?.['x-missing-schema'] ?? false }).toEqual({
        endpoint: `${e.method} ${e.path}`,
        present: true,
        missingSchema: false,
      });
    }
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every operation has a success response and every common error response; every $ref resolves', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const statuses = Object.keys(op.responses);
        expect({ op: `${method} ${path}`, success: statuses.some((s) => /^2/.test(s)) }).toEqual({ op: `${method} ${path}`, success: true });
        const expected = [...ERROR_RESPONSES, 431].map(String);
        expect(statuses).toEqual(expect.arrayContaining(expected));
      }
    }
    for (const ref of refsIn(doc)) {
      const target = ref.replace(/^#\//, '').split('/').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);
      expect({ ref, resolves: target !== undefined }).toEqual({ ref, resolves: true });
    }
  });

  test('parameters and bodies come from the zod schemas that validate the requests', () => {
    const list = doc.paths['/api/v1/cases']!.get!;
    const status = list.parameters.find((p) => p.name === 'status');
    expect(status).toMatchObject({ in: 'query', required: false });
    const one = doc.paths['/api/v1/cases/{id}']!.get!;
    expect(one.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true, schema: expect.objectContaining({ pattern: '^[0-9a-f]{24}$' }) })]);
    const report = doc.paths['/api/v1/incidents']!.post!;
    expect(report.requestBody!.required).toBe(true);
    expect(report.requestBody!.content['application/json']!.schema).toMatchObject({ required: ['location', 'category', 'description'], additionalProperties: false });
    expect(Object.keys(report.responses)).toContain('201');
    const transition = doc.paths['/api/v1/cases/{id}/transitions']!.post!;
    expect(transition.requestBody!.content['application/json']!.schema).toHaveProperty('oneOf');
    const georeport = doc.paths['/open311/v2/requests.{format}']!.post!;
    expect(Object.keys(georeport.requestBody!.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(georeport.requestBody!.content['application/x-www-form-urlencoded']!.schema).toMatchObject({ required: ['api_key', 'service_code'] });
    expect(georeport.responses['400']).toEqual({ $ref: '#/components/responses/GeoReportE400' });
    const login = doc.paths['/api/v1/auth/login']!.post!;
    expect(login.security).toEqual([]);
    expect(doc.components.schemas!.Error).toMatchObject({ required: ['error'] });
  });

  test('a real error answer matches the documented error schema', async () => {
    const { auth } = await loginAs(t, 'dispatcher');
    const res = await t.http().post('/api/v1/incidents').set('Authorization', auth).send({ location: { type: 'Point' } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(Object.keys(res.body.error).sort()).toEqual(['code', 'details', 'message', 'requestId']);
    const unauth = await t.http().get('/api/v1/cases');
    expect(unauth.status).toBe(401);
    expect(unauth.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  test('the docs page is self-contained: same-origin script, no external URLs', async () => {
    const page = await t.http().get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<script src="/api/docs/docs.js"></script>');
    expect(page.text).not.toMatch(/https?:\/\//);
    const js = await t.http().get('/api/docs/docs.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.text).toContain("fetch('/api/v1/openapi.json')");
    expect(js.text).not.toMatch(/https?:\/\//);
  });
});

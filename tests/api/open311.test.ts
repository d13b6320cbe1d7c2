import { randomUUID } from 'node:crypto';
import { CaseModel } from '../../backend/src/modules/cases';
import { createCategory, type Category } from '../../backend/src/modules/catalogue';
import { Open311ClientModel, Open311RequestInfoModel } from '../../backend/src/modules/open311';
import { useTestApp } from '../support/app';
import { loginAs, uniq, type LoggedIn } from '../support/factories';
import { buildZoneWithCells, type ZoneWithCells } from '../support/geo-factories';

const SPEC_REQUEST_FIELDS = [
  'address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'media_url', 'requested_datetime',
  'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode',
];

async function category(active = true): Promise<Category> {
  return createCategory({
    code: uniq('o311-'),
    name: { zh: '占道经营', en: 'Street vending' },
    domain: 'city_appearance',
    defaultTier: 'grid',
    deadlines: { file: 2, dispatch: 4, handle: 48, verify: 24 },
    urgentDeadlines: null,
    legalBasis: '《城市市容和环境卫生管理条例》第十四条',
    coAgencies: [],
    penaltyCapable: false,
    active,
  });
}

describe('Open311 GeoReport v2', () => {
  const t = useTestApp({ OPEN311_RATE_LIMIT: '1000' });
  let admin: LoggedIn;
  let dispatcher: LoggedIn;
  let area: ZoneWithCells;
  let cat: Category;
  let apiKey: string;
  let clientId: string;

  const post = (fields: Record<string, string>, format = 'json') =>
    t.http().post(`/open311/v2/requests.${format}`).type('form').send(fields);
  const fields = (o: Record<string, string> = {}) => ({
    api_key: apiKey,
    service_code: cat.code,
    lat: String(area.cells[0]!.centre[1]),
    long: String(area.cells[0]!.centre[0]),
    description: '人行道上有流动摊贩占道经营',
    email: 'citizen@example.org',
    first_name: '李',
    last_name: '明',
    phone: '13800000000',
    ...o,
  });

  beforeAll(async () => {
    admin = await loginAs(t, 'admin');
    dispatcher = await loginAs(t, 'dispatcher');
    area = await buildZoneWithCells(t, { cols: 1 });
    cat = await category();
    const res = await t.http().post('/api/v1/open311-clients').set('Authorization', admin.auth).send({ name: '12345 市民热线 App' });
    expect(res.status).toBe(201);
    apiKey = res.body.data.apiKey;
    clientId = res.body.data.id;
  });

  test('services list the active categories, in JSON and XML', async () => {
    const retired = await category(false);
    const res = await t.http().get('/open311/v2/services.json');
    expect(res.status).toBe(200);
    const mine = (res.body as { service_code: string }[]).find((s) => s.service_code === cat.code);
    expect(mine).toEqual({
      service_code: cat.code,
      service_name: '占道经营',
      description: expect.stringContaining('Street vending'),
      metadata: false,
      type: 'realtime',
      keywords: expect.any(String),
      group: 'city_appearance',
    });
    expect((res.body as { service_code: string }[]).some((s) => s.service_code === retired.code)).toBe(false);
    const xml = await t.http().get('/open311/v2/services.xml');
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toMatch(/^text\/xml; charset=utf-8/);
    expect(xml.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/);
    expect(xml.text).toContain(`<service_code>${cat.code}</service_code>`);
  });

  test('a service definition has no attributes; an unknown code is a GeoReport 404', async () => {
    const res = await t.http().get(`/open311/v2/services/${cat.code}.json`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ service_code: cat.code, attributes: [] });
    const missing = await t.http().get('/open311/v2/services/no-such-code.json');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([{ code: 404, description: expect.stringContaining('no-such-code') }]);
    const xml = await t.http().get('/open311/v2/services/no-such-code.xml');
    expect(xml.status).toBe(404);
    expect(xml.text).toContain('<errors><error><code>404</code><description>');
    const route = await t.http().get('/open311/v2/nothing-here.json');
    expect(route.status).toBe(404);
    expect(route.body).toEqual([{ code: 404, description: expect.any(String) }]);
  });

  test('client keys: admin only, shown once, stored hashed', async () => {
    expect((await t.http().post('/api/v1/open311-clients').send({ name: 'x' })).status).toBe(401);
    expect((await t.http().post('/api/v1/open311-clients').set('Authorization', dispatcher.auth).send({ name: 'x' })).status).toBe(403);
    expect((await t.http().get('/api/v1/open311-clients').set('Authorization', dispatcher.auth)).status).toBe(403);
    const list = await t.http().get('/api/v1/open311-clients').set('Authorization', admin.auth);
    expect(list.status).toBe(200);
    const row = (list.body.data as Record<string, unknown>[]).find((c) => c.id === clientId)!;
    expect(row).toMatchObject({ name: '12345 市民热线 App', active: true, keyPrefix: apiKey.slice(0, 9) });
    expect(JSON.stringify(list.body)).not.toContain(apiKey);
    const stored = await Open311ClientModel.findById(clientId).lean();
    expect(JSON.stringify(stored)).not.toContain(apiKey);
    expect(stored!.keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('POST requests creates a reported case with source open311, routed like any other', async () => {
    const res = await post(fields({ media_url: 'https://photos.example.org/1.jpg', address_string: '白沙镇人民路 12 号', device_id: 'dev-1', account_id: 'acc-9' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual([{ service_request_id: expect.stringMatching(/^[A-Z]+-\d{4}-\d{6}$/), service_notice: null, account_id: 'acc-9' }]);
    const kase = await CaseModel.findOne({ caseNo: res.body[0].service_request_id }).lean();
    expect(kase).toMatchObject({ source: 'open311', status: 'reported', categoryCode: cat.code, outside: false, reporterId: null, address: '白沙镇人民路 12 号' });
    expect(String(kase!.gridId)).toBe(area.cells[0]!.id);
    expect(kase!.reporterContact).toContain('citizen@example.org');
    const info = await Open311RequestInfoModel.findById(kase!._id).lean();
    expect(info).toMatchObject({ mediaUrl: 'https://photos.example.org/1.jpg', deviceId: 'dev-1', accountId: 'acc-9' });
    // Staff see it like any other case.
    const seen = await t.http().get(`/api/v1/cases/${String(kase!._id)}`).set('Authorization', dispatcher.auth);
    expect(seen.status).toBe(200);
    expect(seen.body.data.source).toBe('open311');
    const xml = await post(fields(), 'xml');
    expect(xml.status).toBe(201);
    expect(xml.text).toMatch(/<service_requests><request><service_request_id>[A-Z]+-\d{4}-\d{6}<\/service_request_id><service_notice\/><account_id\/><\/request><\/service_requests>$/);
  });

  test('an Idempotency-Key makes a retried POST create one case', async () => {
    const key = randomUUID();
    const a = await post(fields({ description: '重试同一请求' })).set('Idempotency-Key', key);
    const b = await post(fields({ description: '重试同一请求' })).set('Idempotency-Key', key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body[0].service_request_id).toBe(a.body[0].service_request_id);
    expect(await CaseModel.countDocuments({ description: '重试同一请求' })).toBe(1);
  });

  test('bad requests answer GeoReport errors with the HTTP status', async () => {
    const noKey = await post({ service_code: cat.code, lat: '29', long: '106' });
    expect(noKey.status).toBe(400);
    expect(noKey.body).toEqual([{ code: 400, description: expect.stringContaining('api_key') }]);
    const badKey = await post(fields({ api_key: 'o311_not-a-real-key' }));
    expect(badKey.status).toBe(403);
    expect(badKey.body).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    const unknown = await post(fields({ service_code: 'no-such-service' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body[0].description).toContain('service_code');
    const { lat: _lat, long: _long, ...noPoint } = fields({ address_string: '人民路 12 号' });
    const addressOnly = await post(noPoint);
    expect(addressOnly.status).toBe(400);
    expect(addressOnly.body[0].description).toMatch(/lat and long are required/);
    const badLat = await post(fields({ lat: '95.5' }));
    expect(badLat.status).toBe(400);
    expect(badLat.body[0].description).toContain('lat');
    const json = await t.http().post('/open311/v2/requests.json').send(fields());
    expect(json.status).toBe(415);
    expect(json.body).toEqual([{ code: 415, description: expect.any(String) }]);
    const big = await post(fields({ description: 'x'.repeat(70 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.body[0].code).toBe(413);
    const extra = await post(fields({ reporterId: 'x' }));
    expect(extra.status).toBe(400);
    const operator = await t.http().get('/open311/v2/requests.json?status[$ne]=open');
    expect(operator.status).toBe(400);
    expect(operator.body[0].code).toBe(400);
    const xml = await post({ service_code: cat.code }, 'xml');
    expect(xml.status).toBe(400);
    expect(xml.text).toMatch(/<errors><error><code>400<\/code><description>[^<]*api_key/);
  });

  test('a revoked key is refused at once', async () => {
    const created = await t.http().post('/api/v1/open311-clients').set('Authorization', admin.auth).send({ name: 'short-lived' });
    const key = created.body.data.apiKey as string;
    expect((await post(fields({ api_key: key }))).status).toBe(201);
    const revoked = await t.http().post(`/api/v1/open311-clients/${created.body.data.id}/revoke`).set('Authorization', admin.auth);
    expect(revoked.status).toBe(200);
    expect(revoked.body.data).toMatchObject({ active: false, revokedAt: expect.any(String) });
    const after = await post(fields({ api_key: key }));
    expect(after.status).toBe(403);
  });

  test('rate limit per key: exactly the limit gets through, even when concurrent; 429 with Retry-After; next window again', async () => {
    t.clock.set('2026-03-02T10:00:05Z');
    const created = await t.http().post('/api/v1/open311-clients').set('Authorization', admin.auth).send({ name: 'limited', rateLimit: 3 });
    const key = created.body.data.apiKey as string;
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => post(fields({ api_key: key, description: `并发 ${i}` }))));
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    const limited = burst.find((r) => r.status === 429)!;
    expect(limited.headers['retry-after']).toBe('55');
    expect(limited.body).toEqual([{ code: 429, description: expect.stringContaining('Rate limit') }]);
    // Another client's budget is its own.
    expect((await post(fields())).status).toBe(201);
    t.clock.advance(60_000);
    expect((await post(fields({ api_key: key }))).status).toBe(201);
    t.clock.reset();
  });

  test('GET requests: only Open311 requests, public fields only, with the specification filters', async () => {
    const own = await t.http().post('/api/v1/incidents').set('Authorization', dispatcher.auth).send({
      location: { type: 'Point', coordinates: area.cells[0]!.centre },
      category: cat.code,
      description: '热线来电',
      source: 'hotline',
    });
    expect(own.status).toBe(201);
    const open = await post(fields({ description: '仍在处理' }));
    const closed = await post(fields({ description: '将被驳回' }));
    const closedId = closed.body[0].service_request_id as string;
    const kase = await CaseModel.findOne({ caseNo: closedId }).lean();
    const rejected = await t.http().post(`/api/v1/cases/${String(kase!._id)}/transitions`).set('Authorization', dispatcher.auth).send({ action: 'reject', note: '不属于执法范围' });
    expect(rejected.status).toBe(200);

    const all = await t.http().get('/open311/v2/requests.json');
    expect(all.status).toBe(200);
    const ids = (all.body as { service_request_id: string }[]).map((r) => r.service_request_id);
    expect(ids).toEqual(expect.arrayContaining([open.body[0].service_request_id, closedId]));
    expect(ids).not.toContain(own.body.data.caseNo);
    for (const r of all.body as Record<string, unknown>[]) expect(Object.keys(r).sort()).toEqual(SPEC_REQUEST_FIELDS);
    expect(JSON.stringify(all.body)).not.toMatch(/citizen@example\.org|13800000000|李 明/);

    const one = (all.body as Record<string, unknown>[]).find((r) => r.service_request_id === closedId)!;
    expect(one).toMatchObject({
      status: 'closed',
      status_notes: expect.stringContaining('Not accepted'),
      service_code: cat.code,
      service_name: '占道经营',
      description: '将被驳回',
      lat: area.cells[0]!.centre[1],
      long: area.cells[0]!.centre[0],
      requested_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
      updated_datetime: expect.stringMatching(/\+08:00$/),
    });

    const onlyClosed = await t.http().get('/open311/v2/requests.json?status=closed');
    expect((onlyClosed.body as { status: string }[]).every((r) => r.status === 'closed')).toBe(true);
    expect((onlyClosed.body as { service_request_id: string }[]).map((r) => r.service_request_id)).toContain(closedId);
    const onlyOpen = await t.http().get('/open311/v2/requests.json?status=open');
    expect((onlyOpen.body as { service_request_id: string }[]).map((r) => r.service_request_id)).not.toContain(closedId);

    const byId = await t.http().get(`/open311/v2/requests.json?service_request_id=${closedId},${open.body[0].service_request_id}`);
    expect((byId.body as { service_request_id: string }[]).map((r) => r.service_request_id).sort()).toEqual([closedId, open.body[0].service_request_id].sort());
    const otherCode = await t.http().get('/open311/v2/requests.json?service_code=some-other-code');
    expect(otherCode.body).toEqual([]);
    const past = await t.http().get('/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00%2B08:00');
    expect(past.status).toBe(200);
    expect(past.body).toEqual([]);
    const inverted = await t.http().get('/open311/v2/requests.json?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z');
    expect(inverted.status).toBe(400);
    const badStatus = await t.http().get('/open311/v2/requests.json?status=pending');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body[0].code).toBe(400);
  });

  test('GET requests/{id}: one Open311 request (JSON or XML); other cases are not found', async () => {
    const created = await post(fields({ media_url: 'https://photos.example.org/2.jpg' }));
    const id = created.body[0].service_request_id as string;
    const res = await t.http().get(`/open311/v2/requests/${id}.json`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ service_request_id: id, status: 'open', media_url: 'https://photos.example.org/2.jpg' })]);
    const xml = await t.http().get(`/open311/v2/requests/${id}.xml`);
    expect(xml.status).toBe(200);
    expect(xml.text).toContain(`<service_requests><request><service_request_id>${id}</service_request_id><status>open</status>`);
    const own = await t.http().post('/api/v1/incidents').set('Authorization', dispatcher.auth).send({
      location: { type: 'Point', coordinates: area.cells[0]!.centre },
      category: cat.code,
      description: '热线来电 2',
      source: 'hotline',
    });
    const hidden = await t.http().get(`/open311/v2/requests/${own.body.data.caseNo}.json`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual([{ code: 404, description: expect.any(String) }]);
  });
});

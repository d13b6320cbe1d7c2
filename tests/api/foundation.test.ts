import { useTestApp } from '../support/app';

describe('foundation: health, error shape, input refusals', () => {
  const t = useTestApp({ BODY_LIMIT_BYTES: '2048' });

  test('GET /healthz answers ok without touching the database', async () => {
    const res = await t.http().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('GET /readyz answers ready when the database pings', async () => {
    const res = await t.http().get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready' });
  });

  test('an unknown route answers 404 in the error shape with the request id', async () => {
    const res = await t.http().get('/api/v1/nothing-here').set('X-Request-Id', 'req-abcdef12');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: 'No route for GET /api/v1/nothing-here', requestId: 'req-abcdef12' },
    });
    expect(res.headers['x-request-id']).toBe('req-abcdef12');
  });

  test('malformed JSON answers 400 MALFORMED_JSON', async () => {
    const res = await t.http().post('/api/v1/config').set('Content-Type', 'application/json').send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'MALFORMED_JSON' });
  });

  test('a body over the limit answers 413', async () => {
    const res = await t
      .http()
      .post('/api/v1/config')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  test('a body of the wrong content type answers 415', async () => {
    const res = await t.http().post('/api/v1/config').set('Content-Type', 'text/plain').send('hello');
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  test('operator keys in the query string or body answer 400 before any route', async () => {
    const q = await t.http().get('/api/v1/config?status[$ne]=closed');
    expect(q.status).toBe(400);
    expect(q.body.error).toMatchObject({ code: 'OPERATOR_NOT_ALLOWED' });
    const b = await t
      .http()
      .post('/api/v1/config')
      .send({ username: { $gt: '' } });
    expect(b.status).toBe(400);
    expect(b.body.error).toMatchObject({ code: 'OPERATOR_NOT_ALLOWED', details: { path: 'body.username.$gt' } });
  });

  test('public client configuration is served', async () => {
    const res = await t.http().get('/api/v1/config');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ tileCrs: 'wgs84', photoMaxBytes: expect.any(Number) });
  });
});

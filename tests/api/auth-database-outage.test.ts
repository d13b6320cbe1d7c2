import mongoose from 'mongoose';
import request from 'supertest';
import { createApp } from '../../backend/src/app';
import { connectDatabase } from '../../backend/src/core/db';
import { createLogger } from '../../backend/src/core/logger';
import { TestClock, testConfig } from '../support/app';
import { createUserWithPassword } from '../support/factories';
import { FerretDbProcess } from '../support/ferretdb';

// Login touches the database first thing (throttle, user, credential): with the database gone
// it must answer 503 in the error shape, not 401 or 500, and work again once it is back.
describe('POST /api/v1/auth/login while the database is down', () => {
  let db: FerretDbProcess;
  let app: ReturnType<typeof createApp>['app'];

  beforeAll(async () => {
    db = await FerretDbProcess.start();
    const config = testConfig({ MONGODB_URI: db.uri });
    const ctx = { config, logger: createLogger('silent'), clock: new TestClock() };
    await connectDatabase({ uri: db.uri, dbName: config.MONGODB_DB, timeoutMs: config.DB_TIMEOUT_MS, logger: ctx.logger });
    app = createApp(ctx).app;
  });
  afterAll(async () => {
    await mongoose.disconnect();
    await db.kill('SIGTERM');
  });

  test('answers 503 SERVICE_UNAVAILABLE with Retry-After, then logs in after the restart', async () => {
    const user = await createUserWithPassword();
    const body = { username: user.username, password: user.password };
    expect((await request(app).post('/api/v1/auth/login').send(body)).status).toBe(200);

    await db.kill('SIGKILL');
    const down = await request(app).post('/api/v1/auth/login').set('X-Request-Id', 'outage-login-1').send(body);
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('2');
    expect(down.body).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String), requestId: 'outage-login-1' },
    });

    await db.restart();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await request(app).post('/api/v1/auth/login').send(body)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  });
});

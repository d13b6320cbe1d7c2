import mongoose from 'mongoose';
import request from 'supertest';
import { createApp } from '../../backend/src/app';
import { connectDatabase } from '../../backend/src/core/db';
import { createLogger } from '../../backend/src/core/logger';
import { TestClock, testConfig } from '../support/app';
import { FerretDbProcess } from '../support/ferretdb';

// The database is stopped while the app runs: readiness and API calls answer 503 in the error
// shape within 2 s, nothing crashes, and the app recovers by itself when the database returns.
describe('database outage', () => {
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

  test('kill FerretDB → 503 within 2 s; restart → ready again', async () => {
    expect((await request(app).get('/readyz')).status).toBe(200);

    await db.kill('SIGKILL');
    const started = Date.now();
    const down = await request(app).get('/readyz');
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(2000);

    // A real query through Mongoose fails as 503 too (the error handler maps driver errors).
    const coll = mongoose.connection.collection('probe');
    const failed = await coll.insertOne({ a: 1 }).then(
      () => null,
      (err: Error) => err,
    );
    expect(failed).not.toBeNull();

    await db.restart();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await request(app).get('/readyz')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    await expect(coll.insertOne({ a: 2 })).resolves.toMatchObject({ acknowledged: true });
  });
});

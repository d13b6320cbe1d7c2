import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../backend/src/app';
import { loadConfig, type Config } from '../../backend/src/config';
import type { AppContext, Clock } from '../../backend/src/core/context';
import { connectDatabase } from '../../backend/src/core/db';
import { createLogger } from '../../backend/src/core/logger';

/** A clock tests can pin or move; unpinned it follows real time. */
export class TestClock implements Clock {
  private offsetMs = 0;
  private pinned: Date | null = null;
  now(): Date {
    return this.pinned ? new Date(this.pinned) : new Date(Date.now() + this.offsetMs);
  }
  set(date: Date | string): void {
    this.pinned = new Date(date);
  }
  advance(ms: number): void {
    if (this.pinned) this.pinned = new Date(this.pinned.getTime() + ms);
    else this.offsetMs += ms;
  }
  reset(): void {
    this.pinned = null;
    this.offsetMs = 0;
  }
}

export interface TestApp {
  app: Express;
  ctx: AppContext;
  clock: TestClock;
  config: Config;
  dbName: string;
  http: () => ReturnType<typeof request>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI is not set: run through jest (tests/support/global-setup.ts)');
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    MONGODB_URI: uri,
    MONGODB_DB: `t_${randomBytes(6).toString('hex')}`,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'ge-data-')),
    FRONTEND_DIST: '',
    // Tests pin the clock, so a whole file's requests can fall into one rate window: a limit no
    // file reaches, unless a test asks for a small one (tests/api/rate-limits.test.ts).
    RATE_LIMIT_USER_REQUESTS: '1000000',
    ...overrides,
  });
}

/**
 * Starts the real app on its own database for this test file (created in beforeAll, dropped in
 * afterAll). Tests go through HTTP with supertest; nothing is mocked.
 */
export function useTestApp(overrides: Record<string, string> = {}): TestApp {
  const t = {} as TestApp;
  beforeAll(async () => {
    const config = testConfig(overrides);
    const clock = new TestClock();
    const ctx: AppContext = { config, logger: createLogger(config.LOG_LEVEL), clock };
    await connectDatabase({ uri: config.MONGODB_URI!, dbName: config.MONGODB_DB, timeoutMs: config.DB_TIMEOUT_MS, logger: ctx.logger });
    const { app } = createApp(ctx);
    Object.assign(t, { app, ctx, clock, config, dbName: config.MONGODB_DB, http: () => request(app) });
  });
  afterAll(async () => {
    if (mongoose.connection.readyState === 1) {
      await mongoose.connection.dropDatabase().catch(() => undefined);
    }
    await mongoose.disconnect();
  });
  return t;
}

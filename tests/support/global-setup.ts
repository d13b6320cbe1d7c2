import { FerretDbProcess } from './ferretdb';

/**
 * One database server for the whole run: MONGODB_URI when given (a real MongoDB), otherwise a
 * FerretDB of our own. Each test file then uses its own database on it (tests/support/app.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const db = await FerretDbProcess.start();
  process.env.TEST_MONGODB_URI = db.uri;
  (globalThis as { __ferret?: FerretDbProcess }).__ferret = db;
}

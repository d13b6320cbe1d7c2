import mongoose from 'mongoose';
import type { Logger } from './logger';

// Fail fast instead of queueing operations while the database is away: callers get a 503.
mongoose.set('bufferCommands', false);
// Indexes are created explicitly by ensureIndexes() once connected (unique keys decide races).
mongoose.set('autoIndex', false);
mongoose.set('autoCreate', false);
mongoose.set('strictQuery', true);

export interface DatabaseOptions {
  uri: string;
  dbName: string;
  timeoutMs: number;
  logger: Logger;
}

/** Connects the default Mongoose connection and creates every registered model's indexes. */
export async function connectDatabase(opts: DatabaseOptions): Promise<mongoose.Connection> {
  const conn = mongoose.connection;
  conn.on('disconnected', () => opts.logger.warn('database disconnected'));
  conn.on('reconnected', () => opts.logger.info('database reconnected'));
  await mongoose.connect(opts.uri, {
    dbName: opts.dbName,
    serverSelectionTimeoutMS: opts.timeoutMs,
    connectTimeoutMS: opts.timeoutMs,
    heartbeatFrequencyMS: 1000,
    maxPoolSize: 30,
  });
  await ensureIndexes();
  return conn;
}

/** Creates the indexes declared in every model's schema (idempotent). */
export async function ensureIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) {
    await model.createCollection().catch((err: { codeName?: string; code?: number }) => {
      if (err.code !== 48 && err.codeName !== 'NamespaceExists') throw err;
    });
    await model.createIndexes();
  }
}

/** Readiness: a ping that answers within the timeout. */
export async function pingDatabase(timeoutMs: number): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      db.admin().command({ ping: 1 }).then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

import http from 'node:http';
import { ConfigError, loadConfig, REPO_ROOT } from './config';
import { createApp } from './app';
import { systemClock, type AppContext } from './core/context';
import { connectDatabase, disconnectDatabase } from './core/db';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './core/embedded-db';
import { createLogger } from './core/logger';
import { publishEmbeddedUri, unpublishEmbeddedUri } from './core/script-db';
import { seedDemo } from './seed';
import { startDeadlineScheduler, warmCaseIndex } from './modules/cases';
import { startLiaisonScheduler } from './modules/meetings';
import { settleJournalWrites, startFactMaintenance } from './modules/evaluations';
import { startEventBus } from './modules/events';

async function connectWithRetry(ctx: AppContext, uri: string): Promise<void> {
  const deadline = Date.now() + 60000;
  for (let attempt = 1; ; attempt++) {
    try {
      await connectDatabase({ uri, dbName: ctx.config.MONGODB_DB, timeoutMs: ctx.config.DB_TIMEOUT_MS, logger: ctx.logger });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      ctx.logger.warn({ attempt, err: (err as Error).message }, 'database not reachable yet, retrying');
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * attempt)));
    }
  }
}

/** config → database → listen → graceful shutdown. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const ctx: AppContext = { config, logger, clock: systemClock };

  let embedded: EmbeddedDatabase | null = null;
  let uri = config.MONGODB_URI;
  if (!uri) {
    try {
      embedded = await startEmbeddedDatabase({ dataDir: config.DATA_DIR, repoRoot: REPO_ROOT, logger, supervise: true });
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exit(1);
    }
    uri = embedded.uri;
    publishEmbeddedUri(config.DATA_DIR, uri);
  }
  await connectWithRetry(ctx, uri);
  if (config.SEED_DEMO) await seedDemo(ctx);

  const { app, setDraining } = createApp(ctx);
  // Live events (issue 9): this instance reads the shared bus and serves its SSE streams.
  const eventBus = await startEventBus(ctx);
  // Lists and the duplicate check read the in-memory case index: load it now, not on the first list.
  warmCaseIndex(logger);
  const server = http.createServer(app);
  server.keepAliveTimeout = 65000;
  // Joint task and meeting action item deadlines (预警/超期), carry-over of open items.
  const stopLiaisonScheduler = startLiaisonScheduler(ctx);
  // Case stage deadlines (预警/超期): each warning is claimed once across instances.
  const stopDeadlineScheduler = startDeadlineScheduler(ctx);
  // Evaluation fact projection (issue 8): built in the background once, journal folded every 5 minutes.
  const stopFactMaintenance = startFactMaintenance(ctx);
  server.listen(config.PORT, config.HOST, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    logger.info({ port, database: embedded?.kind ?? 'external' }, `GridEnforce listening on http://localhost:${port}`);
  });

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    setDraining(true);
    stopLiaisonScheduler();
    stopDeadlineScheduler();
    stopFactMaintenance();
    // Streams end now (clients resume on another instance with Last-Event-ID), so close() is not held up.
    await eventBus.stop().catch((err) => logger.warn({ err }, 'event bus stop failed'));
    const force = setTimeout(() => {
      logger.warn('shutdown timeout: closing remaining connections');
      server.closeAllConnections();
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearTimeout(force);
    // Journal completions the answered reports did not wait for (readers would fall back to the
    // timeline without them, but there is no reason to leave them unwritten).
    await settleJournalWrites();
    await disconnectDatabase().catch((err) => logger.warn({ err }, 'database close failed'));
    if (embedded) {
      await embedded.stop();
      unpublishEmbeddedUri(config.DATA_DIR);
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Embedded database is a child process: never leave it behind.
  process.on('exit', () => {
    if (embedded?.pid) {
      try {
        process.kill(embedded.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  });
}

main().catch((err) => {
  process.stderr.write(`Fatal: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../core/context';
import type { Logger } from '../../core/logger';
import { UserModel } from '../users';
import type { BusDraft } from './bus-event.types';
import { busStore } from './bus.repository';
import { DatabaseTransport } from './db-transport';
import { EventHub, type HubStats } from './event-hub';
import { MemoryTransport, type BusTransport } from './memory-transport';
import { StreamLeases } from './stream-leases';

/** The running bus of this process: its transport (shared order) and its hub (local streams). */
export interface EventBus {
  readonly hub: EventHub;
  readonly transport: BusTransport;
  readonly logger: Logger;
  /** The per-user stream cap across instances (database bus); null with the in-memory bus (one process). */
  readonly leases: StreamLeases | null;
  /** Publishes and resolves with the seq (producers normally use `announce`, which never throws). */
  publish(draft: BusDraft): Promise<number>;
  stats(): HubStats;
  /** Ends every stream (clients reconnect to another instance), waits for pending writes, stops reading. */
  stop(): Promise<void>;
}

let active: (EventBus & { pending: Set<Promise<unknown>> }) | null = null;

/** The bus of this process, or null when none runs (scripts, seeds: publishing is then a no-op). */
export function activeBus(): EventBus | null {
  return active;
}

/**
 * Starts the bus consumer: creates the capped collection if needed, loads the replay window,
 * starts reading, heartbeats and the periodic session re-check of open streams.
 */
export async function startEventBus(ctx: AppContext): Promise<EventBus> {
  if (active) throw new Error('event bus already running in this process');
  const c = ctx.config;
  const origin = randomBytes(6).toString('hex');
  const logger = ctx.logger.child({ module: 'events', origin });
  const transport: BusTransport =
    c.EVENTS_TRANSPORT === 'memory'
      ? new MemoryTransport(origin)
      : new DatabaseTransport(busStore, {
          pollMs: c.EVENTS_POLL_MS,
          gapWaitMs: c.EVENTS_GAP_WAIT_MS,
          retain: c.EVENTS_BUS_RETAIN,
          maxBytes: c.EVENTS_BUS_MAX_BYTES,
          historySize: c.EVENTS_REPLAY_WINDOW,
          origin,
          logger,
        });
  const hub = new EventHub({
    replayWindow: c.EVENTS_REPLAY_WINDOW,
    bufferLimit: c.EVENTS_CLIENT_BUFFER_BYTES,
    maxStreamsPerUser: c.EVENTS_MAX_STREAMS_PER_USER,
    logger,
  });
  // One process only with the memory bus: the hub's own per-user count is the whole cap then.
  const leases =
    transport.kind === 'database'
      ? new StreamLeases({
          instance: origin,
          maxPerUser: c.EVENTS_MAX_STREAMS_PER_USER,
          // Three missed heartbeats (at least 5 s) before another instance may take a slot over.
          ttlMs: Math.max(3 * c.EVENTS_HEARTBEAT_MS, 5000),
          clock: ctx.clock,
          logger,
        })
      : null;
  await leases?.ensure();
  const { position, history } = await transport.start({
    events: (batch) => hub.dispatch(batch),
    gap: (from, to) => hub.gap(from, to),
  });
  hub.init(position, history);

  let checking = false;
  let renewing = false;
  const timer = setInterval(() => {
    hub.heartbeat();
    if (leases && !renewing) {
      renewing = true;
      leases
        .renew()
        .catch((err) => logger.warn({ err: (err as Error).message }, 'live streams: lease renewal failed'))
        .finally(() => {
          renewing = false;
        });
    }
    if (checking) return;
    checking = true;
    recheckSessions(ctx, hub)
      .catch((err) => logger.warn({ err: (err as Error).message }, 'live streams: session re-check failed'))
      .finally(() => {
        checking = false;
      });
  }, c.EVENTS_HEARTBEAT_MS);
  timer.unref();

  const pending = new Set<Promise<unknown>>();
  const bus = {
    hub,
    transport,
    logger,
    leases,
    pending,
    publish: (draft: BusDraft) => transport.publish(draft),
    stats: () => hub.stats(),
    async stop() {
      clearInterval(timer);
      if (active === bus) active = null;
      hub.closeAll('shutdown');
      await leases?.stop();
      await Promise.allSettled([...pending]);
      await transport.stop();
    },
  };
  active = bus;
  logger.info({ transport: transport.kind, position }, 'event bus started');
  return bus;
}

/**
 * Publishes without making the caller wait or fail: the domain write already happened, and a
 * lost live event only means a client refreshes later (every list stays correct over REST).
 */
export function announce(draft: BusDraft): void {
  const bus = active;
  if (!bus) return;
  const p = bus.transport
    .publish(draft)
    .catch((err) => bus.logger.warn({ err: (err as Error).message, type: draft.type }, 'event bus: publish failed'))
    .finally(() => bus.pending.delete(p));
  bus.pending.add(p);
}

/** Like `announce`, for a draft that needs reads first (tracked, so `stop()` waits for it). */
export function announceWhenReady(build: () => Promise<BusDraft | null>): void {
  const bus = active;
  if (!bus) return;
  const p = build()
    .then((draft) => (draft ? bus.transport.publish(draft) : undefined))
    .catch((err) => bus.logger.warn({ err: (err as Error).message }, 'event bus: publish failed'))
    .finally(() => bus.pending.delete(p));
  bus.pending.add(p);
}

/**
 * One query per heartbeat for every user with a stream here: streams of disabled users, of
 * sessions revoked or re-scoped (session version bumped) and of expired tokens are closed.
 */
async function recheckSessions(ctx: AppContext, hub: EventHub): Promise<void> {
  const streams = hub.openStreams();
  if (streams.length === 0) return;
  const ids = [...new Set(streams.map((s) => s.user.id))];
  const users = await UserModel.find({ _id: { $in: ids } }, { disabled: 1, sessionVersion: 1 }).lean();
  const byId = new Map(users.map((u) => [String(u._id), u]));
  const now = ctx.clock.now().getTime();
  for (const s of streams) {
    const u = byId.get(s.user.id);
    if (!u || u.disabled || u.sessionVersion !== s.session.sessionVersion) s.close('session-revoked');
    else if (now >= s.session.expiresAt) s.close('token-expired');
  }
}

import type { Response } from 'express';
import jwt from 'jsonwebtoken';
import type { AppContext } from '../../core/context';
import { badRequest, serviceUnavailable } from '../../core/errors';
import type { AuthUser } from '../auth';
import { activeBus } from './event-bus.service';
import type { StreamStart } from './event-hub';

const LAST_EVENT_ID = /^\d{1,15}$/;

/** Session version and expiry of the (already verified) access token the stream was opened with. */
function sessionOf(authorization: string | undefined): { sessionVersion: number; expiresAt: number } {
  const token = authorization?.replace(/^Bearer /, '') ?? '';
  const claims = jwt.decode(token);
  const sv = typeof claims === 'object' && claims && typeof claims.sv === 'number' ? claims.sv : 0;
  const exp = typeof claims === 'object' && claims && typeof claims.exp === 'number' ? claims.exp : 0;
  return { sessionVersion: sv, expiresAt: exp * 1000 };
}

/** `Last-Event-ID` (sent by EventSource on reconnect) wins over `?lastEventId=` (the first connect). */
function lastEventIdOf(header: string | undefined, query: string | undefined): number | null {
  const raw = header?.trim() || query;
  if (raw === undefined || raw === '') return null;
  if (!LAST_EVENT_ID.test(raw)) throw badRequest('INVALID_LAST_EVENT_ID', 'Last-Event-ID must be a bus sequence number');
  return Number(raw);
}

/**
 * Opens the caller's live stream on this instance. A Last-Event-ID inside the replay window
 * gets exactly the events after it that are for the caller; one from before the window (or
 * unknown to the bus) gets `event: reset` (reload over REST), then live events.
 */
export async function openEventStream(
  ctx: AppContext,
  user: AuthUser,
  authorization: string | undefined,
  lastEventIdHeader: string | undefined,
  lastEventIdQuery: string | undefined,
  res: Response,
): Promise<void> {
  const bus = activeBus();
  if (!bus) throw serviceUnavailable('Live events are not running on this instance');
  const lastId = lastEventIdOf(lastEventIdHeader, lastEventIdQuery);
  let start: StreamStart = lastId === null ? { kind: 'live' } : { kind: 'after', seq: lastId };
  // An id past what this instance has read was either written elsewhere a moment ago or never.
  if (lastId !== null && lastId > bus.hub.position && !(await bus.transport.exists(lastId))) {
    start = { kind: 'reset', reason: 'unknown-id' };
  }
  // The cap per user holds across instances: a stream also holds one of the user's leases in the
  // database (stream-leases.ts). The local count is checked first, so a refused open costs no query.
  bus.hub.assertRoom(user);
  const lease = bus.leases ? await bus.leases.acquire(user.id) : null;
  const release = () => {
    if (lease) bus.leases?.release(lease);
  };
  if (res.destroyed || !res.socket || res.socket.destroyed) {
    // The client left while the lease was taken: no stream to open (its 'close' has already fired).
    release();
    return;
  }
  let stream;
  try {
    stream = bus.hub.open(user, sessionOf(authorization), res, start, release);
  } catch (err) {
    release();
    throw err;
  }
  if (lease) bus.leases?.onLost(lease, () => stream.close('stream-limit'));
  ctx.logger.debug({ userId: user.id, cursor: stream.cursor }, 'live stream opened');
}

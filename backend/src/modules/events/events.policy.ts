import type { AuthUser } from '../auth';
import { canSeeCase } from '../cases';
import type { BusEvent, CaseScope } from './bus-event.types';

interface Rendered {
  full?: string;
  left?: string;
  users?: Set<string>;
  /** The whole SSE message, encoded once, for each of the two payloads. */
  fullFrame?: Buffer;
  leftFrame?: Buffer;
}

/** Per-event caches: an event is serialised once however many streams receive it. */
const rendered = new WeakMap<BusEvent, Rendered>();

function cacheOf(ev: BusEvent): Rendered {
  let r = rendered.get(ev);
  if (!r) {
    r = {};
    rendered.set(ev, r);
  }
  return r;
}

const sees = (user: AuthUser, scope: CaseScope | null) => scope !== null && canSeeCase(user, scope);

/**
 * The JSON `data` this user receives for the event, or null when it is not for them.
 * Case events follow the cases policy (`canSeeCase`, 员管网格/队管片区/局管全面) on the scope the
 * event carries; someone who could see the case before this change but not after gets only
 * `{ caseId, caseSeq, action, inScope: false }` so their lists can drop it without learning where
 * it went. Notifications, instructions and receipts go to their listed users only.
 */
export function payloadFor(user: AuthUser, ev: BusEvent): string | null {
  const a = ev.audience;
  const cache = cacheOf(ev);
  if (a.kind === 'users') {
    cache.users ??= new Set(a.userIds);
    if (!cache.users.has(user.id)) return null;
    return (cache.full ??= JSON.stringify(ev.data));
  }
  if (a.kind === 'case') {
    if (sees(user, a.scope)) return (cache.full ??= JSON.stringify({ ...ev.data, inScope: true }));
    if (sees(user, a.prev)) {
      return (cache.left ??= JSON.stringify({
        caseId: ev.data.caseId,
        caseSeq: ev.data.caseSeq,
        action: ev.data.action,
        inScope: false,
      }));
    }
  }
  return null;
}

/**
 * The complete SSE message (`id`, `event`, `data`) for this user as bytes, or null. Built and
 * UTF-8 encoded once per event and payload, not once per stream: at 1,000 subscribers the
 * per-stream string building and encoding was most of the fan-out's cost.
 */
export function frameFor(user: AuthUser, ev: BusEvent): Buffer | null {
  const data = payloadFor(user, ev);
  if (data === null) return null;
  const cache = cacheOf(ev);
  const key = data === cache.full ? 'fullFrame' : 'leftFrame';
  return (cache[key] ??= Buffer.from(`id: ${ev.seq}\nevent: ${ev.type}\ndata: ${data}\n\n`, 'utf8'));
}

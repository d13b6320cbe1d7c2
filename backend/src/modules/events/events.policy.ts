import type { AuthUser } from '../auth';
import { canSeeCase } from '../cases';
import type { BusEvent, CaseScope } from './bus-event.types';

interface Rendered {
  full?: string;
  left?: string;
  users?: Set<string>;
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

import type { Role } from '../../backend/src/contracts';
import { CaseModel } from '../../backend/src/modules/cases';
import { openSse, type SseClient, type SseMessage } from '../../backend/src/modules/events';
import { notifyUsers } from '../../backend/src/modules/notifications';
import { useTestApp } from '../support/app';
import { seesCase } from '../support/authz-scope';
import { LIVE_CONFIG } from '../support/authz-suite';
import { useLiveServer } from '../support/live-server';
import { buildWorld, freshCase, must, ROLES_IN_ORDER, type Side, type World } from '../support/authz-world';
import { uniq } from '../support/factories';

/**
 * The live stream (GET /api/v1/events) follows the same scope as the REST reads: a case event
 * in the caller's scope arrives, one out of scope does not; someone who loses a case sees only
 * that it left. Streams deliver in bus order, so a marker notification sent to every caller after
 * the case events bounds what each stream may have received.
 */
describe('GET /api/v1/events: case events only in scope', () => {
  const t = useTestApp(LIVE_CONFIG);
  const live = useLiveServer(t);
  let w: World;
  const streams = new Map<Role, SseClient>();

  beforeAll(async () => {
    w = await buildWorld(t);
  }, 300_000);
  afterAll(() => {
    for (const s of streams.values()) s.close();
  });

  const data = (m: SseMessage) => JSON.parse(m.data) as Record<string, unknown>;

  /** Everything a stream received up to the marker notification titled `marker`. */
  async function until(c: SseClient, marker: string): Promise<SseMessage[]> {
    const seen: SseMessage[] = [];
    for (;;) {
      const m = await c.next(() => true, 15_000);
      if (m.event === 'notification.created' && data(m).title === marker) return seen;
      seen.push(m);
    }
  }

  async function mark(): Promise<Map<Role, SseMessage[]>> {
    const marker = uniq('marker-');
    await notifyUsers(ROLES_IN_ORDER.map((r) => w.callers[r].id), { kind: 'test', title: marker, key: marker, at: t.clock.now() });
    const out = new Map<Role, SseMessage[]>();
    for (const [role, c] of streams) out.set(role, await until(c, marker));
    return out;
  }

  const caseEvents = (ms: SseMessage[], caseId: string) => ms.filter((m) => m.event.startsWith('case.') && data(m).caseId === caseId);

  test('every role’s stream opens (the admin’s too: it just never carries cases)', async () => {
    for (const role of ROLES_IN_ORDER) {
      const c = await openSse(live.base, { headers: { Authorization: w.callers[role].auth } });
      expect([role, c.status]).toEqual([role, 200]);
      streams.set(role, c);
    }
  });

  /** The bus position before the case events of the next test: the replay test resumes from it. */
  let before = '';

  test('new reports and updates in side A reach exactly the callers who see them; side B’s reach none of side A’s scoped callers', async () => {
    await mark();
    before = streams.get('dispatcher')!.lastEventId!;
    const comment = (s: Side) =>
      must(t.http().post(`/api/v1/cases/${s.caseId}/transitions`).set('Authorization', s.users.dispatcher.auth).send({ action: 'comment', note: '请加快处置' }), 200, 'comment');
    await comment(w.A);
    await comment(w.B);
    const newA0 = await freshCase(t, w.A, 0);
    const newA1 = await freshCase(t, w.A, 1);
    const newB = await freshCase(t, w.B, 0);
    const got = await mark();
    for (const role of ROLES_IN_ORDER) {
      const who = w.callers[role];
      const ms = got.get(role)!;
      for (const id of [w.A.caseId, w.B.caseId, newA0, newA1, newB]) {
        const kase = await CaseModel.findById(id).lean<Record<string, unknown>>();
        const expected = role !== 'admin' && seesCase(who, kase!);
        const events = caseEvents(ms, id);
        expect([role, id, events.length > 0]).toEqual([role, id, expected]);
        for (const m of events) expect([role, id, data(m).inScope]).toEqual([role, id, true]);
      }
    }
    // The grid-cell granularity is real: side A's inspector (cell 0) does not get cell 1's report.
    expect(caseEvents(got.get('inspector')!, newA1)).toEqual([]);
    expect(caseEvents(got.get('team_leader')!, newA1).length).toBeGreaterThan(0);
  });

  test('a case leaving the caller’s scope sends only that it left (no content)', async () => {
    const id = await freshCase(t, w.A, 1);
    const act = (body: object) => must(t.http().post(`/api/v1/cases/${id}/transitions`).set('Authorization', w.A.users.dispatcher.auth).send(body), 200, 'transition');
    await act({ action: 'file' });
    await act({ action: 'dispatch', tier: 'team', teamId: w.B.teamId });
    const got = await mark();
    const leader = caseEvents(got.get('team_leader')!, id);
    expect(leader.map((m) => data(m).action)).toEqual(['report', 'file', 'dispatch']);
    expect(data(leader[2]!)).toEqual({ caseId: id, caseSeq: 3, action: 'dispatch', inScope: false });
    expect(caseEvents(got.get('dispatcher')!, id).map((m) => data(m).inScope)).toEqual([true, true, true]);
    for (const role of ['inspector', 'agency_liaison', 'admin'] as Role[]) expect([role, caseEvents(got.get(role)!, id)]).toEqual([role, []]);
  });

  test('a reconnect with Last-Event-ID replays the missed events under the same scope', async () => {
    const scoped: Role[] = ['inspector', 'team_leader', 'agency_liaison', 'admin'];
    const replays = new Map<Role, SseClient>();
    for (const role of scoped) {
      const c = await openSse(live.base, { headers: { Authorization: w.callers[role].auth, 'Last-Event-ID': before } });
      expect([role, c.status]).toEqual([role, 200]);
      replays.set(role, c);
    }
    const marker = uniq('marker-');
    await notifyUsers(scoped.map((r) => w.callers[r].id), { kind: 'test', title: marker, key: marker, at: t.clock.now() });
    for (const role of scoped) {
      const c = replays.get(role)!;
      const ms = await until(c, marker);
      c.close();
      expect([role, ms.some((m) => m.event === 'reset')]).toEqual([role, false]);
      const about = new Set(ms.filter((m) => m.event.startsWith('case.')).map((m) => String(data(m).caseId)));
      expect([role, about.has(w.B.caseId)]).toEqual([role, false]);
      expect([role, about.has(w.A.caseId)]).toEqual([role, role !== 'admin']);
      for (const m of ms.filter((x) => x.event.startsWith('case.') && data(x).inScope === true)) {
        const kase = await CaseModel.findById(String(data(m).caseId)).lean<Record<string, unknown>>();
        // In scope when sent: the case is the caller's now, or it left the caller's scope later.
        const leftLater = ms.some((x) => data(x).caseId === data(m).caseId && data(x).inScope === false);
        expect([role, String(data(m).caseId), seesCase(w.callers[role], kase!) || leftLater]).toEqual([role, String(data(m).caseId), true]);
      }
    }
  });

  test('instructions and notifications reach their recipients only', async () => {
    const send = (s: Side) =>
      must(
        t.http().post('/api/v1/instructions').set('Authorization', s.sender.auth).send({ title: `${s.key} 紧急部署`, targets: { userIds: ROLES_IN_ORDER.map((r) => s.users[r].id) } }),
        201,
        'send instruction',
      );
    const a = (await send(w.A)).body.data.id as string;
    const b = (await send(w.B)).body.data.id as string;
    await notifyUsers([w.B.users.inspector.id], { kind: 'test', title: 'for side B only', key: uniq('k'), at: t.clock.now() });
    const got = await mark();
    for (const role of ROLES_IN_ORDER) {
      const ms = got.get(role)!;
      const ids = ms.filter((m) => m.event === 'instruction.sent').map((m) => data(m).id);
      expect([role, ids]).toEqual([role, [a]]);
      expect([role, ids.includes(b)]).toEqual([role, false]);
      expect([role, ms.filter((m) => m.event === 'notification.created' && data(m).title === 'for side B only').length]).toEqual([role, 0]);
    }
  });
});

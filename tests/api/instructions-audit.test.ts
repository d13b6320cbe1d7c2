import { useTestApp } from '../support/app';
import { bearer, buildUser } from '../support/factories';

/**
 * Issue 9: instructions are on the audit trail — who sent, read, acknowledged and replied to
 * which instruction, when and from where — readable by the legal office and administrators.
 */
const t = useTestApp();

const audit = async (qs: string) => {
  const legal = await buildUser({ role: 'legal_officer' });
  const res = await t.http().get(`/api/v1/audit${qs}`).set('Authorization', bearer(t, legal));
  expect(res.status).toBe(200);
  return res.body.data as { action: string; at: string; actor: { id: string; username: string; role: string } | null; target: unknown; details: Record<string, unknown>; ip: string | null }[];
};

describe('instructions on the audit trail', () => {
  afterAll(() => t.clock.reset());

  test('send, read, acknowledge with a reply: who, when, which instruction, from where', async () => {
    const dispatcher = await buildUser({ role: 'dispatcher' });
    const reader = await buildUser({ role: 'inspector' });
    const acker = await buildUser({ role: 'inspector' });

    t.clock.set('2026-05-04T08:00:00Z');
    const sent = await t
      .http()
      .post('/api/v1/instructions')
      .set('Authorization', bearer(t, dispatcher))
      .set('X-Forwarded-For', '192.0.2.10')
      .send({ title: '清理占道经营', body: '今日完成', priority: 'urgent', deadline: '2026-05-05T08:00:00Z', targets: { userIds: [String(reader._id), String(acker._id)] } });
    expect(sent.status).toBe(201);
    const id = sent.body.data.id as string;
    const target = { type: 'instruction', id, label: '清理占道经营' };

    t.clock.set('2026-05-04T09:00:00Z');
    expect((await t.http().post(`/api/v1/instructions/${id}/read`).set('Authorization', bearer(t, reader)).set('X-Forwarded-For', '192.0.2.11')).status).toBe(200);
    // A second read changes nothing and records nothing.
    t.clock.set('2026-05-04T09:30:00Z');
    expect((await t.http().post(`/api/v1/instructions/${id}/read`).set('Authorization', bearer(t, reader))).status).toBe(200);
    // Acknowledged without opening first: read and acknowledged at once, with the reply.
    t.clock.set('2026-05-04T10:00:00Z');
    const ack = await t.http().post(`/api/v1/instructions/${id}/ack`).set('Authorization', bearer(t, acker)).set('X-Forwarded-For', '192.0.2.12').send({ reply: '已清理完毕' });
    expect(ack.status).toBe(200);
    // A refused second acknowledgement is not recorded.
    expect((await t.http().post(`/api/v1/instructions/${id}/ack`).set('Authorization', bearer(t, acker)).send({ reply: '再次' })).status).toBe(409);

    const rows = await audit(`?targetId=${id}`);
    // Newest first.
    expect(rows.map((r) => [r.action, r.actor?.id, r.at])).toEqual([
      ['instruction.acknowledged', String(acker._id), '2026-05-04T10:00:00.000Z'],
      ['instruction.read', String(acker._id), '2026-05-04T10:00:00.000Z'],
      ['instruction.read', String(reader._id), '2026-05-04T09:00:00.000Z'],
      ['instruction.sent', String(dispatcher._id), '2026-05-04T08:00:00.000Z'],
    ]);
    for (const r of rows) expect(r.target).toEqual(target);
    const [acked, readWithAck, read, send] = rows;
    expect(send).toMatchObject({
      actor: { id: String(dispatcher._id), username: dispatcher.username, role: 'dispatcher' },
      ip: '192.0.2.10',
      details: {
        priority: 'urgent',
        deadline: '2026-05-05T08:00:00.000Z',
        recipients: 2,
        targets: { teamIds: [], zoneIds: [], gridIds: [], userIds: [String(reader._id), String(acker._id)] },
      },
    });
    expect(read).toMatchObject({ actor: { role: 'inspector' }, ip: '192.0.2.11', details: {} });
    expect(readWithAck).toMatchObject({ ip: '192.0.2.12', details: { withAcknowledgement: true } });
    expect(acked).toMatchObject({ ip: '192.0.2.12', details: { replied: true, reply: '已清理完毕' } });

    // Filterable by action and by actor like every audit record.
    const acks = await audit(`?action=instruction.acknowledged&actorId=${String(acker._id)}`);
    expect(acks.map((r) => r.action)).toEqual(['instruction.acknowledged']);
  });

  test('an acknowledgement without a reply says so; refused attempts (404) leave no record', async () => {
    const chief = await buildUser({ role: 'bureau_chief' });
    const inspector = await buildUser({ role: 'inspector' });
    const stranger = await buildUser({ role: 'inspector' });
    const sent = await t.http().post('/api/v1/instructions').set('Authorization', bearer(t, chief)).send({ title: '周末巡查', targets: { userIds: [String(inspector._id)] } });
    expect(sent.status).toBe(201);
    const id = sent.body.data.id as string;
    expect((await t.http().post(`/api/v1/instructions/${id}/read`).set('Authorization', bearer(t, stranger))).status).toBe(404);
    expect((await t.http().post(`/api/v1/instructions/${id}/ack`).set('Authorization', bearer(t, stranger)).send({})).status).toBe(404);
    expect((await t.http().post(`/api/v1/instructions/${id}/ack`).set('Authorization', bearer(t, inspector)).send({})).status).toBe(200);

    const rows = await audit(`?targetId=${id}`);
    expect(rows.map((r) => [r.action, r.actor?.id])).toEqual([
      ['instruction.acknowledged', String(inspector._id)],
      ['instruction.read', String(inspector._id)],
      ['instruction.sent', String(chief._id)],
    ]);
    expect(rows[0]!.details).toEqual({ replied: false, reply: null });
    expect(rows[2]!.details).toMatchObject({ priority: 'normal', deadline: null, recipients: 1 });
  });
});

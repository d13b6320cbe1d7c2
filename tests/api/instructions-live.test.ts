import { Types } from 'mongoose';
import { openSse } from '../../backend/src/modules/events';
import { useTestApp } from '../support/app';
import { useLiveServer } from '../support/live-server';
import { bearer, buildUser } from '../support/factories';

const t = useTestApp({ EVENTS_POLL_MS: '10' });
const live = useLiveServer(t);
const open = live.open;


async function stream(auth: string) {
  const c = await openSse(live.base, { headers: { Authorization: auth } });
  open.push(c);
  return c;
}
const data = (m: { data: string }) => JSON.parse(m.data) as Record<string, unknown>;

describe('instructions over the live stream', () => {
  test('recipients get the instruction at once, others do not; the sender sees each read and acknowledgement come back', async () => {
    const sender = await buildUser({ role: 'bureau_chief', displayName: '局长' });
    const [a, b, outsider] = await Promise.all([
      buildUser({ role: 'inspector', displayName: '网格员甲', gridIds: [new Types.ObjectId()] }),
      buildUser({ role: 'inspector', displayName: '网格员乙', gridIds: [new Types.ObjectId()] }),
      buildUser({ role: 'inspector', gridIds: [new Types.ObjectId()] }),
    ]);
    const [toSender, toA, toB, toOutsider] = await Promise.all([
      stream(bearer(t, sender)),
      stream(bearer(t, a)),
      stream(bearer(t, b)),
      stream(bearer(t, outsider)),
    ]);
    const deadline = new Date(Date.now() + 86_400_000).toISOString();
    const res = await t
      .http()
      .post('/api/v1/instructions')
      .set('Authorization', bearer(t, sender))
      .send({ title: '紧急：防汛值守', body: '今晚起24小时值守', priority: 'urgent', deadline, targets: { userIds: [String(a._id), String(b._id)] } });
    expect(res.status).toBe(201);
    const id = res.body.data.id as string;

    for (const c of [toA, toB]) {
      const m = await c.next((x) => x.event === 'instruction.sent');
      expect(data(m)).toEqual({
        id,
        title: '紧急：防汛值守',
        body: '今晚起24小时值守',
        priority: 'urgent',
        deadline,
        sentAt: res.body.data.sentAt,
        sender: { id: String(sender._id), displayName: '局长', role: 'bureau_chief' },
      });
    }

    expect((await t.http().post(`/api/v1/instructions/${id}/read`).set('Authorization', bearer(t, a))).status).toBe(200);
    const read = await toSender.next((x) => x.event === 'instruction.receipt');
    expect(data(read)).toMatchObject({ instructionId: id, userId: String(a._id), displayName: '网格员甲', status: 'read', overdue: false });

    await t.http().post(`/api/v1/instructions/${id}/ack`).set('Authorization', bearer(t, b)).send({ reply: '已安排' });
    const ack = await toSender.next((x) => x.event === 'instruction.receipt');
    expect(data(ack)).toMatchObject({ instructionId: id, userId: String(b._id), status: 'acknowledged', reply: '已安排' });

    // The outsider's first event is a later one addressed to them: the instruction never came.
    await t.http().post('/api/v1/instructions').set('Authorization', bearer(t, sender)).send({ title: '给局外人', targets: { userIds: [String(outsider._id)] } });
    const first = await toOutsider.next((x) => x.event !== 'reset');
    expect(data(first)).toMatchObject({ title: '给局外人' });
    expect(toA.messages.filter((x) => x.event === 'instruction.receipt')).toHaveLength(0);
  });
});

import { readdirSync } from 'node:fs';
import os from 'node:os';
import type { FoldCase, FoldEvent } from './case-timeline.workflow';
import { TimelineGrouper, type CaseTimeline } from './timeline-spill';

const kase = (id: string): FoldCase => ({
  id,
  source: 'patrol',
  gridId: 'g',
  teamId: 't',
  domain: 'market',
  categoryCode: 'C',
  reportedAt: new Date('2026-03-01T00:00:00Z'),
  stage: { name: 'handle', startedAt: new Date('2026-03-01T01:00:00Z'), dueAt: new Date('2026-03-03T01:00:00Z') },
});
const event = (seq: number): FoldEvent => ({
  seq,
  action: seq === 1 ? 'report' : 'file',
  at: new Date(Date.UTC(2026, 2, 1, seq)),
  actorId: 'u',
  actorRole: 'dispatcher',
  data: seq === 2 ? { leftStage: { name: 'file', startedAt: new Date('2026-03-01T01:00:00Z'), dueAt: new Date('2026-03-02T01:00:00Z'), onTime: true } } : {},
  patch: {},
});

async function collect(limit: number): Promise<{ out: CaseTimeline[]; spilled: boolean }> {
  const g = new TimelineGrouper({ inMemoryLimit: limit, partitions: 4 });
  for (let i = 0; i < 20; i++) await g.addCase(kase(`c${i}`));
  // events arrive in any order, also for cases that are not in the set (ignored)
  for (let seq = 3; seq >= 1; seq--) for (let i = 19; i >= 0; i--) await g.addEvent(`c${i}`, event(seq));
  await g.addEvent('stranger', event(1));
  const spilled = g.spilled;
  const out: CaseTimeline[] = [];
  for await (const tl of g.timelines()) out.push(tl);
  return { out: out.sort((a, b) => a.kase.id.localeCompare(b.kase.id)), spilled };
}

test('spilled to hash partitions on disk, the timelines are the same as grouped in memory (dates revived, seq order)', async () => {
  const before = readdirSync(os.tmpdir()).filter((f) => f.startsWith('ge-eval-spill-')).length;
  const memory = await collect(1000);
  const disk = await collect(5);
  expect([memory.spilled, disk.spilled]).toEqual([false, true]);
  expect(disk.out).toHaveLength(20);
  expect(disk.out).toEqual(memory.out);
  expect(disk.out[0]!.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  expect(disk.out[0]!.events[1]!.data.leftStage!.dueAt).toEqual(new Date('2026-03-02T01:00:00Z'));
  expect(disk.out[0]!.kase.stage!.dueAt).toBeInstanceOf(Date);
  expect(readdirSync(os.tmpdir()).filter((f) => f.startsWith('ge-eval-spill-')).length).toBe(before);
});

import { Types } from 'mongoose';
import { entryAfterSet, entryOf } from './case-index';

const base = entryOf({
  _id: new Types.ObjectId(), seq: 3, caseNo: 'BS-2026-000001', status: 'dispatched', tier: 'team', categoryCode: 'C1', domain: 'city',
  teamId: new Types.ObjectId(), holderId: null, createdAt: new Date('2026-03-01T00:00:00Z'), stage: { dueAt: new Date('2026-03-04T00:00:00Z') },
  location: { type: 'Point', coordinates: [106.1, 29.1] }, description: '路灯损坏',
});

describe('entryAfterSet: a $set by _id applied to a list entry', () => {
  test('takes the listed fields the set names and leaves the rest', () => {
    const holder = new Types.ObjectId();
    const at = new Date('2026-03-02T08:00:00Z');
    const next = entryAfterSet(base, { status: 'in_progress', holderId: holder, seq: 4, updatedAt: at, 'stage.dueAt': null, history: [1] })!;
    expect(next).toMatchObject({ status: 'in_progress', holderId: String(holder), seq: 4, updatedAt: at.getTime(), dueAt: null });
    expect(next.caseNo).toBe(base.caseNo);
    expect(next.lng).toBe(106.1);
    expect(base.status).toBe('dispatched'); // the old entry is not touched
  });

  test('a whole stage object sets the due time from its dueAt', () => {
    const due = new Date('2026-03-09T00:00:00Z');
    expect(entryAfterSet(base, { stage: { name: 'handle', dueAt: due } })!.dueAt).toBe(due.getTime());
    expect(entryAfterSet(base, { stage: null })!.dueAt).toBeNull();
  });

  test('a change it cannot follow (part of the location) gives null, so the case is re-read', () => {
    expect(entryAfterSet(base, { 'location.coordinates': [106.2, 29.2] })).toBeNull();
    expect(entryAfterSet(base, { 'agencyIds.0': 'x' })).toBeNull();
  });
});

import { canItem, isOverdue, itemActionsFor } from './action-item.workflow';
import { nextOccurrence } from './recurrence.workflow';

describe('meeting recurrence', () => {
  test('monthly: next month on the day, same Shanghai time', () => {
    // 2026-01-15 09:30 Shanghai → 2026-02-10 09:30 Shanghai
    expect(nextOccurrence(new Date('2026-01-15T01:30:00Z'), { freq: 'monthly', day: 10, interval: 1 }).toISOString()).toBe('2026-02-10T01:30:00.000Z');
  });

  test('the month is the Shanghai month, not the UTC one', () => {
    // 2026-01-31 17:00 UTC is already 1 February 01:00 in Shanghai → next is 5 March
    expect(nextOccurrence(new Date('2026-01-31T17:00:00Z'), { freq: 'monthly', day: 5, interval: 1 }).toISOString()).toBe('2026-03-04T17:00:00.000Z');
  });

  test('quarterly across the year end', () => {
    expect(nextOccurrence(new Date('2026-11-20T02:00:00Z'), { freq: 'monthly', day: 20, interval: 3 }).toISOString()).toBe('2027-02-20T02:00:00.000Z');
  });
});

describe('action item workflow', () => {
  test('the owner or the bureau reports an open item done; only the bureau cancels', () => {
    expect(itemActionsFor('open', { role: 'agency_liaison', isOwner: true })).toEqual(['done']);
    expect(itemActionsFor('open', { role: 'dispatcher', isOwner: false })).toEqual(['done', 'cancel']);
    expect(itemActionsFor('open', { role: 'agency_liaison', isOwner: false })).toEqual([]);
    expect(canItem('done', 'done', { role: 'bureau_chief', isOwner: false })).toBe(false);
  });

  test('overdue means open past the due time', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(isOverdue('open', new Date('2026-02-28T00:00:00Z'), now)).toBe(true);
    expect(isOverdue('done', new Date('2026-02-28T00:00:00Z'), now)).toBe(false);
    expect(isOverdue('open', new Date('2026-03-02T00:00:00Z'), now)).toBe(false);
  });
});

import type { MeetingRecord } from './meetings.repository';
import { findItems, insertAgendaItem, scheduledMeetingsAfter } from './meetings.repository';

/**
 * Open action items of earlier meetings go onto this meeting's agenda (遗留事项). The agenda key
 * `carry:<actionItemId>` is unique per meeting, so running this again (on creation, when items are
 * added, from the scheduler) adds nothing twice. Only meetings not held yet receive items.
 */
export async function carryOverInto(m: MeetingRecord, at: Date): Promise<number> {
  if (m.status !== 'scheduled') return 0;
  const open = await findItems({ status: 'open', meetingScheduledAt: { $lt: m.scheduledAt } });
  let added = 0;
  for (const item of open) {
    if (item.status !== 'open') continue;
    const inserted = await insertAgendaItem({
      meetingId: m._id,
      key: `carry:${String(item._id)}`,
      kind: 'carry_over',
      title: item.title,
      actionItemId: item._id,
      fromMeetingId: item.meetingId,
      addedBy: null,
      addedAt: at,
    });
    if (inserted) added++;
  }
  return added;
}

/** New open items reach every meeting already scheduled after theirs. */
export async function carryOverToLaterMeetings(after: Date, at: Date): Promise<number> {
  let added = 0;
  for (const m of await scheduledMeetingsAfter(after)) added += await carryOverInto(m, at);
  return added;
}

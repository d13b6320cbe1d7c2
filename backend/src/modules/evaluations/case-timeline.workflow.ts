/**
 * Replays one case's timeline (case_events, in seq order) into the facts the indicators need:
 * who held it when (team), the deadline stages it went through, its suspensions. Pure.
 *
 * Every status-changing event carries `data.leftStage = { name, startedAt, dueAt, onTime }`, fixed
 * by the cases module when the stage ended; the stage still open is the case document's `stage`.
 */
export interface LeftStage {
  name: string | null;
  startedAt: Date | null;
  dueAt: Date | null;
  onTime: boolean | null;
}

/** The fields of a timeline event the engine reads (see the projection in indicators.repository). */
export interface FoldEvent {
  seq: number;
  action: string;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  data: {
    leftStage?: LeftStage | null;
    withinLimit?: boolean;
    approved?: boolean;
    teamId?: string | null;
  };
  patch: {
    teamId?: string | null;
    agencyIds?: string[];
    penalty?: { major?: boolean; decision?: { withinLimit?: boolean } | null } | null;
  };
}

/** The fields of a case document the engine reads. */
export interface FoldCase {
  id: string;
  source: string;
  gridId: string | null;
  teamId: string | null;
  domain: string;
  categoryCode: string;
  reportedAt: Date;
  /** The case document's event head (labels the fact projection; the engine does not read it). */
  seq?: number;
  /** The stage open now (null name for terminal cases). */
  stage: { name: string | null; startedAt: Date | null; dueAt: Date | null } | null;
}

/** A deadline stage the case went through (or is in). */
export interface StageRun {
  name: string;
  startedAt: number | null;
  /** Final due time (after approved postponements); null while the clock was stopped. */
  dueAt: number | null;
  /** When it ended, and by which action; null while still open. */
  endedAt: number | null;
  endedBy: string | null;
  onTime: boolean | null;
  /** An approved postponement (延期) was granted during the stage. */
  postponed: boolean;
  /** Index in the events array of the event that ended it (-1 while open). */
  eventIndex: number;
}

export interface Timeline {
  /** Team holding the case after each event (index = position in the events array). */
  teamAfter: (string | null)[];
  stages: StageRun[];
  suspensions: { start: number; end: number | null; reason: string }[];
}

const ms = (d: Date | string | number | null | undefined): number | null =>
  d === null || d === undefined ? null : typeof d === 'number' ? d : new Date(d).getTime();

const idOf = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function replay(c: FoldCase, events: readonly FoldEvent[]): Timeline {
  const first = events[0];
  // The report event records where routing put the case; without it the document's team stands.
  let team = first && first.action === 'report' && 'teamId' in first.data ? idOf(first.data.teamId) : c.teamId;
  const teamAfter: (string | null)[] = [];
  const stages: StageRun[] = [];
  const suspensions: Timeline['suspensions'] = [];
  let postponed = false;
  events.forEach((e, index) => {
    if (e.patch && 'teamId' in e.patch) team = idOf(e.patch.teamId);
    teamAfter.push(team);
    const left = e.data?.leftStage;
    if (left && left.name) {
      stages.push({
        name: left.name,
        startedAt: ms(left.startedAt),
        dueAt: ms(left.dueAt),
        endedAt: e.at.getTime(),
        endedBy: e.action,
        onTime: left.onTime ?? null,
        postponed,
        eventIndex: index,
      });
      postponed = false;
    }
    if (e.action === 'postpone_approve') postponed = true;
    if (e.action === 'suspend_approve') suspensions.push({ start: e.at.getTime(), end: null, reason: 'suspension' });
    if (e.action === 'resume') {
      const open = suspensions.find((s) => s.end === null);
      if (open) open.end = e.at.getTime();
    }
  });
  if (c.stage?.name) {
    stages.push({
      name: c.stage.name,
      startedAt: ms(c.stage.startedAt),
      dueAt: ms(c.stage.dueAt),
      endedAt: null,
      endedBy: null,
      onTime: null,
      postponed,
      eventIndex: -1,
    });
  }
  return { teamAfter, stages, suspensions };
}

/** The team holding the case at an instant: after the last event at or before it (the routed team before the first). */
export function teamAt(c: FoldCase, events: readonly FoldEvent[], t: Timeline, at: number): string | null {
  let team: string | null = t.teamAfter.length ? (t.teamAfter[0] ?? null) : c.teamId;
  for (let i = 0; i < events.length; i++) {
    if (events[i]!.at.getTime() > at) break;
    team = t.teamAfter[i] ?? null;
  }
  return team;
}

/** Agencies involved (referrals) as of an instant: the last `patch.agencyIds` before it. */
export function agenciesAsOf(events: readonly FoldEvent[], before: number): string[] {
  let agencies: string[] = [];
  for (const e of events) {
    if (e.at.getTime() >= before) break;
    if (e.patch && Array.isArray(e.patch.agencyIds)) agencies = e.patch.agencyIds.map(String);
  }
  return agencies;
}

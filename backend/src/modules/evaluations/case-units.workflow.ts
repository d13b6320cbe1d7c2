import { elapsed } from '../clock';
import { agenciesAsOf, replay, teamAt, type FoldCase, type FoldEvent } from './case-timeline.workflow';

/**
 * One case's contributions to the indicators of a period (pure). Each `Unit` is one count of one
 * indicator (indicator-defs.ts says what a count is): it always counts in the denominator and, when
 * `hit`, in the numerator (`value` is added instead for sums such as handling time). Count
 * indicators (超期数…) only have hits. The sentences of indicator-defs.ts are implemented here,
 * in the same order.
 */
export type Target =
  | { kind: 'org'; team: string | null }
  | { kind: 'inspector'; id: string }
  | { kind: 'dispatcher'; id: string };

export interface Unit {
  ind: string;
  hit: boolean;
  /** For sums (meanHandlingHours: active milliseconds). */
  value?: number;
  target: Target;
}

export interface FoldContext {
  /** Period [start, end) in epoch ms. */
  start: number;
  end: number;
  /** min(end, now): deadlines after it have not passed yet. */
  asOf: number;
  rules: { excludePostponed: boolean };
  /** Inspectors responsible for a grid cell (for the missed-report rate). */
  inspectorsOfGrid: (gridId: string | null) => readonly string[];
}

export interface CaseContribution {
  units: Unit[];
  /** Agencies the case was referred to by the end of the period (agency level). */
  agencies: string[];
}

const FILED = new Set(['file', 'handle_on_spot']);
const RESOLVED = new Set(['resolve', 'handle_on_spot']);
const HANDED_ON = new Set(['return', 'escalate', 'de_escalate']);

export function caseUnits(c: FoldCase, events: readonly FoldEvent[], ctx: FoldContext): CaseContribution {
  const { start, end } = ctx;
  const inP = (t: number) => t >= start && t < end;
  const byEnd = (e: FoldEvent) => e.at.getTime() < end;
  const tl = replay(c, events);
  const units: Unit[] = [];
  const org = (ind: string, hit: boolean, team: string | null, value?: number) =>
    units.push({ ind, hit, target: { kind: 'org', team }, ...(value === undefined ? {} : { value }) });
  const onTime = (e: FoldEvent) => e.data?.leftStage?.onTime !== false;

  // Reports (上报): filing rate, and the inspector's valid and missed reports.
  const repIndex = events.findIndex((e) => e.action === 'report');
  const reportAt = repIndex >= 0 ? events[repIndex]!.at.getTime() : c.reportedAt.getTime();
  if (inP(reportAt)) {
    const merged = events.some((e) => e.action === 'merge' && byEnd(e));
    const filed = events.some((e) => FILED.has(e.action) && byEnd(e));
    const rep = repIndex >= 0 ? events[repIndex]! : null;
    if (!merged) {
      org('filingRate', filed, repIndex >= 0 ? (tl.teamAfter[repIndex] ?? null) : c.teamId);
      if (rep?.actorRole === 'inspector' && rep.actorId) {
        units.push({ ind: 'validReportRate', hit: filed, target: { kind: 'inspector', id: rep.actorId } });
      }
      for (const id of ctx.inspectorsOfGrid(c.gridId)) {
        units.push({ ind: 'missedReportRate', hit: c.source !== 'patrol', target: { kind: 'inspector', id } });
      }
    }
  }

  // Filing cohort (立案): closure and escalation rates.
  const fileIndex = events.findIndex((e) => FILED.has(e.action));
  if (fileIndex >= 0 && inP(events[fileIndex]!.at.getTime())) {
    const team = tl.teamAfter[fileIndex] ?? null;
    org('closureRate', events.some((e) => e.action === 'verify' && byEnd(e)), team);
    org('escalationRate', events.some((e) => e.action === 'escalate' && byEnd(e)), team);
  }

  // Events in the period.
  events.forEach((e, i) => {
    if (!inP(e.at.getTime())) return;
    const team = tl.teamAfter[i] ?? null;
    const actor = e.actorId ? String(e.actorId) : null;
    switch (e.action) {
      case 'dispatch': {
        const next = events.slice(i + 1).find((x) => byEnd(x) && (x.action === 'return' || x.action === 'dispatch' || x.action === 'de_escalate'));
        const accurate = next?.action !== 'return';
        org('onTimeDispatchRate', onTime(e), team);
        org('accurateDispatchRate', accurate, team);
        if (e.actorRole === 'dispatcher' && actor) {
          const target = { kind: 'dispatcher' as const, id: actor };
          units.push({ ind: 'dispatcherOnTimeRate', hit: onTime(e), target });
          units.push({ ind: 'dispatcherAccurateRate', hit: accurate, target });
          units.push({ ind: 'dispatchVolume', hit: true, target });
        }
        break;
      }
      case 'resolve':
      case 'handle_on_spot': {
        const stage = tl.stages.find((s) => s.eventIndex === i);
        if (!(ctx.rules.excludePostponed && stage?.postponed)) org('onTimeHandlingRate', onTime(e), team);
        const from = e.action === 'handle_on_spot' ? e : lastBefore(events, i, (x) => x.action === 'dispatch' || x.action === 'de_escalate');
        if (from) org('meanHandlingHours', true, team, elapsed({ start: from.at, end: e.at, pauses: tl.suspensions }));
        if (e.actorRole === 'inspector' && actor) units.push({ ind: 'onTimeCheckRate', hit: onTime(e), target: { kind: 'inspector', id: actor } });
        break;
      }
      case 'verify':
      case 'rework':
        org('reworkRate', e.action === 'rework', team);
        if (e.actorRole === 'inspector' && actor) {
          units.push({ ind: 'onTimeVerificationRate', hit: onTime(e), target: { kind: 'inspector', id: actor } });
        }
        if (e.action === 'verify') org('onTimeClosureRate', !events.slice(0, i + 1).some((x) => x.data?.leftStage?.onTime === false), team);
        break;
      case 'postpone_approve':
        org('postponedCount', true, team);
        break;
      case 'suspend_approve':
        org('suspendedCount', true, team);
        break;
      case 'penalty_decide': {
        const earlier = events.slice(0, i);
        const within = e.data?.withinLimit ?? e.patch?.penalty?.decision?.withinLimit;
        org('decisionsWithinLimitRate', within === true, team);
        org('rightsNoticeRate', earlier.some((x) => x.action === 'penalty_notify'), team);
        if (e.patch?.penalty?.major === true) {
          org('majorLegalReviewRate', earlier.some((x) => x.action === 'legal_review' && x.data?.approved === true), team);
        }
        break;
      }
      default:
        break;
    }
  });

  // Deadline stages due in the period: handling rate and overdue cases.
  let overdueCounted = false;
  for (const s of tl.stages) {
    if (s.dueAt === null || !inP(s.dueAt)) continue;
    if (s.name === 'handle') {
      const handedOn = s.endedBy !== null && HANDED_ON.has(s.endedBy) && s.endedAt !== null && s.endedAt <= s.dueAt;
      if (!handedOn && !(ctx.rules.excludePostponed && s.postponed)) {
        const resolved = s.endedBy !== null && RESOLVED.has(s.endedBy) && s.endedAt !== null && s.endedAt < end;
        org('handlingRate', resolved, teamAt(c, events, tl, s.dueAt));
      }
    }
    const late = s.dueAt < ctx.asOf && (s.endedAt === null || s.endedAt > s.dueAt);
    if (late && !overdueCounted) {
      overdueCounted = true;
      org('overdueCount', true, teamAt(c, events, tl, s.dueAt));
    }
  }
  return { units, agencies: agenciesAsOf(events, end) };
}

function lastBefore(events: readonly FoldEvent[], i: number, pred: (e: FoldEvent) => boolean): FoldEvent | null {
  for (let j = i - 1; j >= 0; j--) if (pred(events[j]!)) return events[j]!;
  return null;
}

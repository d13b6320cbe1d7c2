/**
 * The indicator catalogue (domain.md §6). Each entry says, in words the legal office can check,
 * which event or field makes the numerator and the denominator and which period membership rule
 * applies; case-units.workflow.ts implements exactly these sentences (README.md has the full table).
 *
 * Conventions used below:
 *  - P = [start, end) in Asia/Shanghai (period.workflow.ts); "in P" = the event's `at` is in P.
 *  - "by the end of P" = an event with `at` < end (later events never change a closed period).
 *  - "on time" = the `data.leftStage.onTime` the cases module fixed on the event that ended the
 *    stage (`true`/`null` count as on time: null means the stage had no running deadline).
 *  - unit = what one count is: a case, an event, or a deadline stage.
 */
export type Unit = 'rate' | 'count' | 'hours' | 'points';
export type OrgLevel = 'bureau' | 'team' | 'grid' | 'domain' | 'category' | 'agency';
export type PositionLevel = 'inspector' | 'dispatcher';
export type Level = OrgLevel | PositionLevel;

export const ORG_LEVELS: readonly OrgLevel[] = ['bureau', 'team', 'grid', 'domain', 'category', 'agency'];
export const LEVELS: readonly Level[] = [...ORG_LEVELS, 'inspector', 'dispatcher'];

export interface IndicatorDef {
  key: string;
  name: { zh: string; en: string };
  unit: Unit;
  /** Org indicators exist at every org level; position indicators only at their position level. */
  levels: 'org' | PositionLevel;
  counted: 'case' | 'event' | 'stage' | 'file' | 'item';
  numerator: string;
  denominator: string | null;
}

const d = (
  key: string,
  zh: string,
  en: string,
  unit: Unit,
  levels: IndicatorDef['levels'],
  counted: IndicatorDef['counted'],
  numerator: string,
  denominator: string | null,
): IndicatorDef => ({ key, name: { zh, en }, unit, levels, counted, numerator, denominator });

export const INDICATORS: readonly IndicatorDef[] = [
  d('filingRate', '立案率', 'Filing rate', 'rate', 'org', 'case',
    'valid reports of the denominator with a `file` or `handle_on_spot` event by the end of P',
    'valid reports: cases whose `report` event (seq 1) is in P, less those with a `merge` event by the end of P (duplicates)'),
  d('onTimeDispatchRate', '按时派遣率', 'On-time dispatch', 'rate', 'org', 'event',
    '`dispatch` events in P whose leftStage (the dispatch stage) was on time',
    '`dispatch` events in P (each dispatch counts, a re-dispatch after a return again)'),
  d('accurateDispatchRate', '准确派遣率', 'Accurate dispatch', 'rate', 'org', 'event',
    '`dispatch` events in P not followed by a `return` (退回) before the next dispatch and before the end of P',
    '`dispatch` events in P'),
  d('onTimeHandlingRate', '按时处置率', 'On-time handling', 'rate', 'org', 'event',
    '`resolve`/`handle_on_spot` events in P whose leftStage was on time',
    '`resolve`/`handle_on_spot` events in P (rule excludePostponed drops those whose stage had an approved postponement)'),
  d('handlingRate', '处置率', 'Handling rate', 'rate', 'org', 'stage',
    'stages of the denominator ended by a `resolve` event before the end of P',
    'handle stages whose final due time (after approved postponements) is in P, less those handed on (`return`/`escalate`/`de_escalate`) before their due time'),
  d('reworkRate', '返工率', 'Rework rate', 'rate', 'org', 'event',
    '`rework` events in P (verification failed)', '`verify` + `rework` events in P (verifications)'),
  d('closureRate', '结案率', 'Closure rate', 'rate', 'org', 'case',
    'cases of the denominator with a `verify` event (结案) by the end of P',
    'cases filed in P: first `file` or `handle_on_spot` event in P'),
  d('onTimeClosureRate', '按时结案率', 'On-time closure', 'rate', 'org', 'case',
    'cases of the denominator with no stage left late (no event up to the closing `verify` has leftStage.onTime = false)',
    'cases closed in P: `verify` event in P'),
  d('overdueCount', '超期数', 'Overdue cases', 'count', 'org', 'case',
    'distinct cases with a stage whose final due time is in P (and already past) that was not left by that time (left later, or still open)', null),
  d('meanHandlingHours', '平均处置时长(小时)', 'Mean handling time (h)', 'hours', 'org', 'event',
    'sum over the denominator of the active time from the last `dispatch`/`de_escalate` before the resolution to the resolution, approved suspensions excluded (clock.elapsed); on-the-spot handling counts 0 (milliseconds)',
    '`resolve`/`handle_on_spot` events in P'),
  d('escalationRate', '升级率', 'Escalation rate', 'rate', 'org', 'case',
    'cases of the denominator with an `escalate` event by the end of P', 'cases filed in P (as closureRate)'),
  d('postponedCount', '延期数', 'Postponements', 'count', 'org', 'event', '`postpone_approve` events in P', null),
  d('suspendedCount', '缓办数', 'Suspensions', 'count', 'org', 'event', '`suspend_approve` events in P', null),
  d('decisionsWithinLimitRate', '按期决定率', 'Decisions within the 90-day limit', 'rate', 'org', 'event',
    '`penalty_decide` events in P with data.withinLimit = true (decided by the 90-day limit of 行政处罚法 第六十条, extensions and hearing pauses included)',
    '`penalty_decide` events in P'),
  d('majorLegalReviewRate', '重大决定法制审核率', 'Major decisions with legal review', 'rate', 'org', 'event',
    'major decisions of the denominator with an approved `legal_review` event earlier in the case',
    '`penalty_decide` events in P whose patch marks the decision major'),
  d('rightsNoticeRate', '告知程序合规率', 'Rights-notice compliance', 'rate', 'org', 'event',
    'decisions of the denominator with a `penalty_notify` (告知) event earlier in the case', '`penalty_decide` events in P'),
  d('reviewMeanScore', '案卷评查平均分', 'Case-file review mean score', 'points', 'org', 'file',
    'sum of the total scores of the scored files', 'files of the period’s review sample scored by a reviewer'),
  d('jointCasesOpened', '联合办案立项数', 'Joint cases opened', 'count', 'org', 'item', 'joint cases opened in P', null),
  d('jointCasesClosed', '联合办案办结数', 'Joint cases closed', 'count', 'org', 'item', 'joint cases closed in P', null),
  d('agencyTaskOnTimeRate', '协办任务按时率', 'Agency tasks on time', 'rate', 'org', 'item',
    'agency tasks of the denominator settled by their due time', 'agency tasks due in P'),
  d('actionItemsOnTimeRate', '会议事项按时办结率', 'Meeting action items on time', 'rate', 'org', 'item',
    'action items of the denominator done by their due time', 'meeting action items due in P'),
  d('validReportRate', '有效上报率', 'Valid-report rate', 'rate', 'inspector', 'case',
    'reports of the denominator filed (`file`/`handle_on_spot`) by the end of P',
    '`report` events in P by the inspector (actorRole inspector), less those merged as duplicates by the end of P'),
  d('missedReportRate', '漏报率', 'Missed-report rate', 'rate', 'inspector', 'case',
    'reports of the denominator from another source than patrol (hotline, citizen, agency, Open311)',
    'reports in P (not merged by the end of P) located in the inspector’s grid cells'),
  d('onTimeVerificationRate', '按时核查率', 'On-time verification', 'rate', 'inspector', 'event',
    '`verify`/`rework` events in P by the inspector whose leftStage (verify stage) was on time', '`verify`/`rework` events in P by the inspector'),
  d('onTimeCheckRate', '按时核实处置率', 'On-time check/handling', 'rate', 'inspector', 'event',
    '`resolve`/`handle_on_spot` events in P by the inspector whose leftStage was on time (the lifecycle has no separate 核实 step: this is the inspector’s own handling)',
    '`resolve`/`handle_on_spot` events in P by the inspector'),
  d('dispatcherOnTimeRate', '按时派遣率', 'On-time dispatch', 'rate', 'dispatcher', 'event',
    '`dispatch` events in P by the dispatcher whose leftStage was on time', '`dispatch` events in P by the dispatcher (actorRole dispatcher)'),
  d('dispatcherAccurateRate', '准确派遣率', 'Accurate dispatch', 'rate', 'dispatcher', 'event',
    'dispatches of the denominator not returned (as accurateDispatchRate)', '`dispatch` events in P by the dispatcher'),
  d('dispatchVolume', '派遣量', 'Dispatch volume', 'count', 'dispatcher', 'event', '`dispatch` events in P by the dispatcher', null),
];

export const INDICATOR_KEYS = INDICATORS.map((i) => i.key);
export const indicatorDef = (key: string): IndicatorDef | undefined => INDICATORS.find((i) => i.key === key);

export function indicatorsAt(level: Level): IndicatorDef[] {
  if (level === 'inspector' || level === 'dispatcher') return INDICATORS.filter((i) => i.levels === level);
  return INDICATORS.filter((i) => i.levels === 'org');
}

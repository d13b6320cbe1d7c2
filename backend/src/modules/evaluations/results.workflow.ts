import { compositeScore, volumeScores, type CompositeScore, type EvaluationConfig, type Position } from './evaluation.workflow';
import { indicatorsAt, LEVELS, type Level } from './indicator-defs';
import { displayOf, figureOf, NONE, type Figure, type IndicatorTally } from './indicator-tally.workflow';

/** Figures per level and key, and composite scores, from a tally (pure). */
export interface ShownFigure extends Figure {
  display: string;
}

export interface Row {
  key: string;
  code: string | null;
  name: { zh: string; en: string } | null;
  indicators: Record<string, ShownFigure>;
}

export interface ScoreRow extends CompositeScore {
  key: string;
  code: string | null;
  name: { zh: string; en: string } | null;
}

export interface Results {
  levels: Record<Level, Row[]>;
  scores: Record<Position, ScoreRow[]>;
}

export interface LabelSet {
  /** level → key → label; a key without a label shows its key. */
  of: (level: Level, key: string) => { code: string; name: { zh: string; en: string } } | null;
  /** Keys always listed at a level (all active teams, all current inspectors and dispatchers). */
  always: Partial<Record<Level, string[]>>;
}

const DOMAIN_NAMES: Record<string, string> = {
  city_appearance: '市容环卫',
  market: '市场监管',
  planning_land: '规划自然资源',
  environment: '生态环境',
  work_safety: '安全生产',
  agriculture: '农业农村',
  culture_tourism: '文化旅游',
  transport: '交通运输',
  water: '水务',
  health: '卫生健康',
};

function labelOf(level: Level, key: string, labels: LabelSet) {
  if (level === 'bureau') return { code: 'all', name: { zh: '全局', en: 'Bureau (all)' } };
  if (key === NONE) return { code: NONE, name: { zh: '未归属', en: 'Unassigned' } };
  if (level === 'domain') return { code: key, name: { zh: DOMAIN_NAMES[key] ?? key, en: key } };
  return labels.of(level, key);
}

export function rowsAt(level: Level, tally: IndicatorTally, labels: LabelSet): Row[] {
  const keys = [...new Set([...(labels.always[level] ?? []), ...tally.keys(level)])].sort();
  if (level === 'bureau' && !keys.includes('all')) keys.unshift('all');
  return keys.map((key) => {
    const label = labelOf(level, key, labels);
    const indicators: Record<string, ShownFigure> = {};
    for (const def of indicatorsAt(level)) {
      const f = figureOf(def.key, tally.tally(level, key, def.key));
      indicators[def.key] = { ...f, display: displayOf(def.key, f) };
    }
    return { key, code: label?.code ?? null, name: label?.name ?? null, indicators };
  });
}

/** Exact rate (numerator ÷ denominator), not the rounded display value, so scores do not drift. */
const rateOf = (row: Row, key: string): number | null => {
  const f = row.indicators[key];
  return f && f.denominator ? f.numerator / f.denominator : null;
};

export function scoresOf(levels: Record<Level, Row[]>, config: EvaluationConfig): Record<Position, ScoreRow[]> {
  const score = (position: Position, row: Row, rates: Record<string, number | null>): ScoreRow => ({
    key: row.key,
    code: row.code,
    name: row.name,
    ...compositeScore(position, rates, config),
  });
  const teams = levels.team.filter((r) => r.key !== NONE);
  const volumes = volumeScores(new Map(levels.dispatcher.map((r) => [r.key, r.indicators.dispatchVolume?.value ?? 0])));
  return {
    team: teams.map((r) => score('team', r, { onTimeHandlingRate: rateOf(r, 'onTimeHandlingRate'), closureRate: rateOf(r, 'closureRate'), reworkRate: rateOf(r, 'reworkRate') })),
    inspector: levels.inspector.map((r) =>
      score('inspector', r, {
        validReportRate: rateOf(r, 'validReportRate'),
        missedReportRate: rateOf(r, 'missedReportRate'),
        onTimeVerificationRate: rateOf(r, 'onTimeVerificationRate'),
        onTimeCheckRate: rateOf(r, 'onTimeCheckRate'),
      }),
    ),
    dispatcher: levels.dispatcher.map((r) =>
      score('dispatcher', r, {
        dispatcherOnTimeRate: rateOf(r, 'dispatcherOnTimeRate'),
        dispatcherAccurateRate: rateOf(r, 'dispatcherAccurateRate'),
        volumeScore: volumes.get(r.key) ?? null,
      }),
    ),
  };
}

export function resultsOf(tally: IndicatorTally, labels: LabelSet, config: EvaluationConfig): Results {
  const levels = Object.fromEntries(LEVELS.map((l) => [l, rowsAt(l, tally, labels)])) as Record<Level, Row[]>;
  return { levels, scores: scoresOf(levels, config) };
}

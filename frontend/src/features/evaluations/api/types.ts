import type { EvaluationConfig } from '../lib/config';

/** Half-year evaluation (半年评估) DTOs as `/api/v1/evaluations` answers them. */
export type LocalName = { zh: string; en: string };
export const LEVELS = ['bureau', 'team', 'grid', 'domain', 'category', 'agency', 'inspector', 'dispatcher'] as const;
export type Level = (typeof LEVELS)[number];

export interface PeriodDto {
  key: string;
  label: LocalName;
  firstDay: string;
  lastDay: string;
}

export interface Figure {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** Formatted by the server; a zero denominator is "—", never 0 % or 100 %. */
  display: string;
}

export interface IndicatorRow {
  key: string;
  code: string;
  name: LocalName | string | null;
  indicators: Record<string, Figure>;
}

export interface IndicatorsDto {
  period: PeriodDto;
  asOf: string;
  level: Level;
  rows: IndicatorRow[];
}

export interface DefinitionDto {
  key: string;
  name: LocalName;
  unit: string;
  numerator: string;
  denominator: string;
}

export interface ScoreRow {
  key: string;
  code: string;
  name: LocalName | string | null;
  score: number | null;
  grade: string | null;
  components: { key: string; rate: number | null; weight: number; points: number | null }[];
}

export interface ScoresDto {
  period: PeriodDto;
  asOf: string;
  scores: Record<string, ScoreRow[]>;
}

export type ReportStatus = 'draft' | 'reviewed' | 'published';
export interface ReportDto {
  id: string;
  periodKey: string;
  title: string;
  status: ReportStatus | string;
  version: number;
  supersedes: string | null;
  supersededBy: string | null;
  reviewBatchId: string | null;
  config: EvaluationConfig;
  createdAt: string | null;
  reviewedAt: string | null;
  publishedAt: string | null;
  hash: string | null;
}

export const evaluationKeys = {
  all: ['evaluations'] as const,
  definitions: ['evaluations', 'definitions'] as const,
  indicators: (period: string, level: Level) => ['evaluations', 'indicators', period, level] as const,
  scores: (period: string) => ['evaluations', 'scores', period] as const,
  reports: (period: string) => ['evaluations', 'reports', period] as const,
};

/** `GET /evaluations/indicators/cases`: the objects one figure counted (`times` units each). */
export interface DrillItem {
  type: 'case' | 'joint_case' | 'joint_task' | 'action_item' | string;
  id: string;
  times: number;
  caseNo: string | null;
  status: string | null;
}
export interface DrillDto {
  period: PeriodDto;
  asOf: string;
  level: Level;
  key: string;
  indicator: string;
  part: 'numerator' | 'denominator';
  count: number;
  items: DrillItem[];
}
export interface DrillSpec {
  level: Level;
  key: string;
  indicator: string;
  part: 'numerator' | 'denominator';
}

export interface RubricItem {
  code: string;
  label: LocalName;
  points?: number;
}
export interface Rubric {
  veto: RubricItem[];
  form: RubricItem[];
  content: RubricItem[];
  thresholds: { excellent: number; pass: number };
}
export interface RubricDto {
  version: number;
  rubric: Rubric;
  createdAt: string | null;
  createdBy: string | null;
}

export interface ReviewTeamDto {
  team: string;
  population: number;
  populationSha256: string;
  sampled: string[];
}
export interface ReviewBatchSummary {
  id: string;
  periodKey: string;
  seed: number;
  sizePerTeam: number;
  rubricVersion: number;
  teams: ReviewTeamDto[];
  frozenBy: string | null;
  createdBy: string | null;
  createdAt: string | null;
}
export type Rating = 'excellent' | 'pass' | 'fail';
export interface ScoreSheet {
  veto: Record<string, boolean>;
  form: Record<string, number>;
  content: Record<string, number>;
}
export interface ReviewItemDto {
  id: string;
  batchId: string;
  caseId: string;
  caseNo: string;
  team: string;
  prechecks: { code: string; item: string | null; message: LocalName }[];
  status: 'pending' | 'scored' | string;
  sheet: ScoreSheet | null;
  score: { total: number; formPoints: number; contentPoints: number; vetoFailed: string[]; rating: Rating } | null;
  findings: { item: string | null; text: string }[];
  note: string | null;
  reviewerId: string | null;
  scoredAt: string | null;
}
export type RectificationStatus = 'open' | 'done' | 'confirmed';
export interface RectificationDto {
  id: string;
  batchId: string;
  itemId: string;
  caseId: string;
  caseNo: string;
  team: string;
  rubricItem: string | null;
  text: string;
  status: RectificationStatus | string;
  evidence: string | null;
  doneBy: string | null;
  doneAt: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  note: string | null;
  createdAt: string | null;
}
export interface ReviewBatchDto extends ReviewBatchSummary {
  items: ReviewItemDto[];
  rectifications: RectificationDto[];
}
export interface ScoreBody extends ScoreSheet {
  findings: { item?: string; text: string }[];
  note?: string;
}

export interface ReportDetailDto extends ReportDto {
  hashValid: boolean | null;
  content: {
    asOf: string;
    comparison: { indicator: string; name: LocalName; current: number | null; previous: number | null; change: number | null; currentDisplay: string; previousDisplay: string }[];
    review: { seed: number; sizePerTeam: number; summary: { files: number; scored: number; mean: number | null; excellent: number; pass: number; fail: number } } | null;
    rectifications: { id: string; caseNo: string; team: string; text: string; status: string }[];
    notes: string[];
  };
  history: { seq: number; action: string; actorId: string; actorRole: string; at: string | null; data: Record<string, unknown> }[];
}

export const reviewKeys = {
  all: ['evaluations', 'reviews'] as const,
  list: (period: string) => ['evaluations', 'reviews', 'list', period] as const,
  batch: (id: string) => ['evaluations', 'reviews', 'batch', id] as const,
  rubrics: ['evaluations', 'rubrics'] as const,
  rectifications: (batchId: string | null) => ['evaluations', 'rectifications', batchId ?? 'all'] as const,
  drill: (period: string, s: DrillSpec) => ['evaluations', 'drill', period, s.level, s.key, s.indicator, s.part] as const,
  report: (id: string) => ['evaluations', 'report', id] as const,
};

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
  supersededBy: string | null;
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

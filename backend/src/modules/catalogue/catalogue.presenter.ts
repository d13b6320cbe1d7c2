import type { Domain, LocalizedName, Tier } from '../../contracts';
import type { StageDeadlines } from './catalogue.schemas';
import type { CategoryDoc } from './category.model';

/** A category of the catalogue (事项目录) as the API and other modules see it. */
export interface Category {
  code: string;
  name: LocalizedName;
  domain: Domain;
  defaultTier: Tier;
  /** Hours per stage: file (立案), dispatch (派遣), handle (处置), verify (核查). */
  deadlines: StageDeadlines;
  /** Shorter limits for urgent cases, or null. */
  urgentDeadlines: StageDeadlines | null;
  legalBasis: string;
  /** Codes of co-responsible agencies. */
  coAgencies: string[];
  penaltyCapable: boolean;
  active: boolean;
}

const hours = (d: { file: number; dispatch: number; handle: number; verify: number }): StageDeadlines => ({
  file: d.file,
  dispatch: d.dispatch,
  handle: d.handle,
  verify: d.verify,
});

export const presentCategory = (c: CategoryDoc): Category => ({
  code: c._id,
  name: { zh: c.name.zh, en: c.name.en },
  domain: c.domain as Domain,
  defaultTier: c.defaultTier as Tier,
  deadlines: hours(c.deadlines),
  urgentDeadlines: c.urgentDeadlines ? hours(c.urgentDeadlines) : null,
  legalBasis: c.legalBasis,
  coAgencies: [...(c.coAgencies ?? [])],
  penaltyCapable: c.penaltyCapable,
  active: c.active !== false,
});

import type { LocalizedName } from '../../contracts';
import type { AgencyDoc } from './agency.model';
import type { GridCellDoc } from './grid-cell.model';
import type { TeamDoc } from './team.model';
import type { ZoneDoc } from './zone.model';

const idOrNull = (v: unknown) => (v ? String(v) : null);
const nameOf = (n: { zh: string; en: string }): LocalizedName => ({ zh: n.zh, en: n.en });

export interface TeamDto {
  id: string;
  code: string;
  name: LocalizedName;
  kind: string;
  domains: string[];
  leaderId: string | null;
  colour: string | null;
  active: boolean;
}
export const presentTeam = (t: TeamDoc): TeamDto => ({
  id: String(t._id),
  code: t.code,
  name: nameOf(t.name),
  kind: t.kind,
  domains: [...t.domains],
  leaderId: idOrNull(t.leaderId),
  colour: t.colour ?? null,
  active: t.active !== false,
});

export interface ZoneDto {
  id: string;
  code: string;
  name: LocalizedName;
  teamId: string;
}
export const presentZone = (z: ZoneDoc): ZoneDto => ({
  id: String(z._id),
  code: z.code,
  name: nameOf(z.name),
  teamId: String(z.teamId),
});

export interface GridCellDto {
  id: string;
  code: string;
  name: LocalizedName;
  zoneId: string;
  inspectorIds: string[];
  village: { code: string; name: LocalizedName } | null;
}
export const presentCell = (c: GridCellDoc): GridCellDto => ({
  id: String(c._id),
  code: c.code,
  name: nameOf(c.name),
  zoneId: String(c.zoneId),
  inspectorIds: (c.inspectorIds ?? []).map(String),
  village: c.village ? { code: c.village.code, name: nameOf(c.village.name) } : null,
});

export interface AgencyDto {
  id: string;
  code: string;
  name: LocalizedName;
  kind: string;
  active: boolean;
}
export const presentAgency = (a: AgencyDoc): AgencyDto => ({
  id: String(a._id),
  code: a.code,
  name: nameOf(a.name),
  kind: a.kind,
  active: a.active !== false,
});

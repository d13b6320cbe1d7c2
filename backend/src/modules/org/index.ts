/** Organisation: teams (中队), zones (片区), grid cells (网格) and partner agencies. */
export { TeamModel, type TeamDoc } from './team.model';
export { ZoneModel, type ZoneDoc } from './zone.model';
export { GridCellModel, type GridCellDoc } from './grid-cell.model';
export { AgencyModel, type AgencyDoc } from './agency.model';
export { teams, zones, cells, agencies, type Page } from './org.repository';
export { OrgStampModel, orgChanged, onOrgChanged, orgVersion } from './org-version';
export { createTeam, updateTeam, createZone, createCell, updateCell, createAgency, usersWithRole } from './org.service';
export { syncZones, syncCells, orgLabels, domainTeamsFor, type ZoneSpec, type CellSpec, type OrgLabel } from './org-sync.service';
export { presentTeam, presentZone, presentCell, presentAgency } from './org.presenter';
export type { TeamDto, ZoneDto, GridCellDto, AgencyDto } from './org.presenter';
export { CodeString, Colour } from './org.schemas';
export { createOrgRouter } from './org.routes';

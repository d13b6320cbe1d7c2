import { z } from 'zod';
import { AGENCY_KINDS, DOMAINS, LocalizedName, ObjectIdString, PageQuery, TEAM_KINDS } from '../../contracts';

/** Codes of teams, zones, cells and agencies: short, URL- and file-safe, stable identities. */
export const CodeString = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'letters, digits, "_", "." or "-", at most 40, starting with a letter or digit');

export const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb colour');

export const IdParams = z.strictObject({ id: ObjectIdString });

export const CreateTeamSchema = z
  .strictObject({
    code: CodeString,
    name: LocalizedName,
    kind: z.enum(TEAM_KINDS),
    /** Domain teams (分领域) list the domains they take; zone teams list none. */
    domains: z.array(z.enum(DOMAINS)).max(DOMAINS.length).default([]),
    leaderId: ObjectIdString.nullable().default(null),
    colour: Colour.nullable().default(null),
  })
  .refine((t) => (t.kind === 'domain' ? t.domains.length > 0 : t.domains.length === 0), {
    message: 'a domain team needs at least one domain; a zone team has none',
    path: ['domains'],
  });
export type CreateTeamBody = z.infer<typeof CreateTeamSchema>;

export const UpdateTeamSchema = z.strictObject({
  name: LocalizedName.optional(),
  domains: z.array(z.enum(DOMAINS)).max(DOMAINS.length).optional(),
  leaderId: ObjectIdString.nullable().optional(),
  colour: Colour.nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateTeamBody = z.infer<typeof UpdateTeamSchema>;

export const ListTeamsQuery = z.strictObject({ ...PageQuery, kind: z.enum(TEAM_KINDS).optional() });

export const CreateZoneSchema = z.strictObject({ code: CodeString, name: LocalizedName, teamId: ObjectIdString });
export type CreateZoneBody = z.infer<typeof CreateZoneSchema>;
export const UpdateZoneSchema = z.strictObject({ name: LocalizedName.optional(), teamId: ObjectIdString.optional() });
export type UpdateZoneBody = z.infer<typeof UpdateZoneSchema>;
export const ListZonesQuery = z.strictObject({ ...PageQuery, teamId: ObjectIdString.optional() });

export const CreateCellSchema = z.strictObject({
  code: CodeString,
  name: LocalizedName,
  zoneId: ObjectIdString,
  inspectorIds: z.array(ObjectIdString).max(20).default([]),
});
export type CreateCellBody = z.infer<typeof CreateCellSchema>;
/** A cell's zone follows its geometry: change it by importing grid cells, not here. */
export const UpdateCellSchema = z.strictObject({
  name: LocalizedName.optional(),
  inspectorIds: z.array(ObjectIdString).max(20).optional(),
});
export type UpdateCellBody = z.infer<typeof UpdateCellSchema>;
export const ListCellsQuery = z.strictObject({
  ...PageQuery,
  zoneId: ObjectIdString.optional(),
  inspectorId: ObjectIdString.optional(),
});

export const CreateAgencySchema = z.strictObject({
  code: CodeString,
  name: LocalizedName,
  kind: z.enum(AGENCY_KINDS),
  active: z.boolean().default(true),
});
export type CreateAgencyBody = z.infer<typeof CreateAgencySchema>;
export const UpdateAgencySchema = z.strictObject({
  name: LocalizedName.optional(),
  kind: z.enum(AGENCY_KINDS).optional(),
  active: z.boolean().optional(),
});
export type UpdateAgencyBody = z.infer<typeof UpdateAgencySchema>;
export const ListAgenciesQuery = z.strictObject({ ...PageQuery, kind: z.enum(AGENCY_KINDS).optional() });

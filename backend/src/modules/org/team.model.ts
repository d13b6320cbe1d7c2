import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { DOMAINS, TEAM_KINDS } from '../../contracts';

const nameSchema = new Schema({ zh: { type: String, required: true }, en: { type: String, required: true } }, { _id: false });

/**
 * An enforcement team (执法中队). Zone teams own zones (队管片区); domain teams (分领域) take the
 * cases of their domains anywhere in the township, whatever the zone.
 */
const teamSchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: nameSchema, required: true },
    kind: { type: String, required: true, enum: TEAM_KINDS },
    /** Domains a domain team handles; empty for zone teams. */
    domains: { type: [String], enum: DOMAINS, default: [] },
    /** Team leader (中队长): holder of team-tier cases. */
    leaderId: { type: Schema.Types.ObjectId, default: null },
    /** Map colour hint for the team's zones and cells. */
    colour: { type: String, default: null },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'teams' },
);
teamSchema.index({ code: 1 }, { unique: true });
teamSchema.index({ kind: 1, code: 1 });

export type TeamDoc = InferSchemaType<typeof teamSchema> & { _id: Types.ObjectId };
export const TeamModel = model('Team', teamSchema);

import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { AGENCY_KINDS } from '../../contracts';

const nameSchema = new Schema({ zh: { type: String, required: true }, en: { type: String, required: true } }, { _id: false });

/**
 * A partner agency: stationed (区级派驻机构: police, market regulation, tax, planning & natural
 * resources) or a district enforcement agency joining major cases. Categories name their
 * co-responsible agencies by code.
 */
const agencySchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: nameSchema, required: true },
    kind: { type: String, required: true, enum: AGENCY_KINDS },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'agencies' },
);
agencySchema.index({ code: 1 }, { unique: true });
agencySchema.index({ kind: 1, code: 1 });

export type AgencyDoc = InferSchemaType<typeof agencySchema> & { _id: Types.ObjectId };
export const AgencyModel = model('Agency', agencySchema);

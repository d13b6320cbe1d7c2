import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const nameSchema = new Schema({ zh: { type: String, required: true }, en: { type: String, required: true } }, { _id: false });

/**
 * A zone (片区), owned by one zone team. Its geometry is versioned in the geography module
 * (geo_layers/geo_chunks); this document holds the identity and current attributes.
 */
const zoneSchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: nameSchema, required: true },
    teamId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, collection: 'zones' },
);
zoneSchema.index({ code: 1 }, { unique: true });
zoneSchema.index({ teamId: 1, code: 1 });

export type ZoneDoc = InferSchemaType<typeof zoneSchema> & { _id: Types.ObjectId };
export const ZoneModel = model('Zone', zoneSchema);

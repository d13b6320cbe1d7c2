import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const nameSchema = new Schema({ zh: { type: String, required: true }, en: { type: String, required: true } }, { _id: false });

/**
 * A grid cell (网格) inside one zone, with its responsible inspectors (网格员, 协管员); the first
 * inspector holds grid-tier cases. The `_id` is stable across geometry versions (identity is the
 * code), so a case's `gridId` keeps meaning the same cell after a re-import.
 */
const gridCellSchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: nameSchema, required: true },
    zoneId: { type: Schema.Types.ObjectId, required: true },
    inspectorIds: { type: [Schema.Types.ObjectId], default: [] },
    /** The village or community (村、社区) the cell belongs to: a label, not an organisational unit. */
    village: { type: new Schema({ code: { type: String, required: true }, name: { type: nameSchema, required: true } }, { _id: false }), default: null },
  },
  { timestamps: true, collection: 'grid_cells' },
);
gridCellSchema.index({ code: 1 }, { unique: true });
gridCellSchema.index({ zoneId: 1, code: 1 });
gridCellSchema.index({ inspectorIds: 1, code: 1 });

export type GridCellDoc = InferSchemaType<typeof gridCellSchema> & { _id: Types.ObjectId };
export const GridCellModel = model('GridCell', gridCellSchema);

import { Schema, model, type Types } from 'mongoose';
import { IMPORT_KINDS } from './feature-validation.workflow';

export const IMPORT_STATUSES = ['validating', 'writing', 'done', 'failed'] as const;

const issueSchema = new Schema(
  { index: Number, property: String, code: String, reason: String },
  { _id: false },
);

/** A geometry import job: progress while it runs, the errors when it fails, the version when done. */
const geoImportSchema = new Schema(
  {
    kind: { type: String, required: true, enum: IMPORT_KINDS },
    status: { type: String, required: true, enum: IMPORT_STATUSES },
    total: { type: Number, required: true },
    processed: { type: Number, default: 0 },
    /** The first issues found (the API calls them `errors`; `errors` is reserved in Mongoose). */
    issues: { type: [issueSchema], default: [] },
    errorCount: { type: Number, default: 0 },
    version: { type: Number, default: null },
    createdBy: { type: Schema.Types.ObjectId, default: null },
    createdAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
  },
  { collection: 'geo_imports', versionKey: false },
);
geoImportSchema.index({ createdAt: -1 });
/** Written out rather than inferred: Mongoose infers sub-document arrays as DocumentArrays. */
export interface GeoImportDoc {
  _id: Types.ObjectId;
  kind: 'zones' | 'grid-cells';
  status: (typeof IMPORT_STATUSES)[number];
  total: number;
  processed: number;
  issues: { index: number; property: string; code: string; reason: string }[];
  errorCount: number;
  version: number | null;
  createdBy: Types.ObjectId | null;
  createdAt: Date;
  finishedAt: Date | null;
}
export const GeoImportModel = model('GeoImport', geoImportSchema);

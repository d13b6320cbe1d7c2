import { Schema, model } from 'mongoose';

/**
 * The evaluation fact projection (case-facts.workflow.ts), stored for FerretDB's strengths: each
 * document decodes at a fixed cost, so facts live packed, thousands of cases per document.
 *  - evaluation_fact_chunks: `_id` `b:NNN` (cases hashed into 256 buckets), `b` = gzipped facts.
 *  - evaluation_fact_journal: `_id` `<caseId>:<seq>`, inserted before the case event of that seq
 *    (write-ahead, unique), then completed by inserting `<caseId>:<seq>:d` with `done` and the
 *    event's facts once the event insert won (insert-only, so writes batch); both are folded into
 *    the chunks by compaction. An entry not `done` means "read this case from its timeline".
 *  - evaluation_fact_meta: `built` (a full build happened) and compaction leases (unique `_id`).
 */
const chunkSchema = new Schema(
  { _id: { type: String }, n: { type: Number, required: true }, b: { type: Buffer, required: true }, at: { type: Date, required: true } },
  { collection: 'evaluation_fact_chunks', versionKey: false },
);
export const FactChunkModel = model('EvaluationFactChunk', chunkSchema);

const journalSchema = new Schema(
  {
    _id: { type: String },
    caseId: { type: String, required: true },
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    done: { type: Boolean, default: false },
    /** The event's facts (JSON of WireEvent), null when it is not a milestone. */
    e: { type: String, default: null },
    /** The FoldCase fields its patch sets (JSON). */
    p: { type: String, default: null },
    /** On seq 1: the new case's FoldCase (JSON of WireCase). */
    c: { type: String, default: null },
  },
  { collection: 'evaluation_fact_journal', versionKey: false },
);
journalSchema.index({ caseId: 1, seq: 1 });
export const FactJournalModel = model('EvaluationFactJournal', journalSchema);

const metaSchema = new Schema({ _id: { type: String }, at: { type: Date, required: true } }, { collection: 'evaluation_fact_meta', versionKey: false });
export const FactMetaModel = model('EvaluationFactMeta', metaSchema);

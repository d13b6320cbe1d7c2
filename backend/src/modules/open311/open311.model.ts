import { Schema, Types, model, type InferSchemaType } from 'mongoose';

/**
 * A client system allowed to post Open311 service requests (a citizen app, a hotline, another
 * government system). Only the SHA-256 of its API key is stored: keys are 192 random bits, so a
 * fast hash is enough and makes the lookup a keyed read; the key itself is shown once at creation.
 */
const clientSchema = new Schema(
  {
    name: { type: String, required: true },
    keyHash: { type: String, required: true },
    /** First characters of the key, to tell keys apart in the admin list. */
    keyPrefix: { type: String, required: true },
    /** Requests per rate window; null means the configured default. */
    rateLimit: { type: Number, default: null },
    createdBy: { type: Types.ObjectId, default: null },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'open311_clients' },
);
clientSchema.index({ keyHash: 1 }, { unique: true });
clientSchema.index({ createdAt: -1 });
export const Open311ClientModel = model('Open311Client', clientSchema);
export type Open311ClientDoc = InferSchemaType<typeof clientSchema> & { _id: Types.ObjectId };

/**
 * What an Open311 request carried beyond the case itself (`_id` = the case id): which client sent
 * it and the public media URL. Written after the case; a case without one shows no media_url.
 */
const requestInfoSchema = new Schema(
  {
    _id: { type: Types.ObjectId, required: true },
    clientId: { type: Types.ObjectId, required: true },
    mediaUrl: { type: String, default: null },
    addressId: { type: String, default: null },
    deviceId: { type: String, default: null },
    accountId: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'open311_requests' },
);
requestInfoSchema.index({ clientId: 1, createdAt: -1 });
export const Open311RequestInfoModel = model('Open311RequestInfo', requestInfoSchema);
export type Open311RequestInfoDoc = InferSchemaType<typeof requestInfoSchema>;

/**
 * Rate-limit slots: `_id` = `<clientId>:<window>:<n>`. Taking slot n is an insert, so two servers
 * can never both take it (FerretDB has no atomic $inc; a unique key is the race decider).
 */
const rateSlotSchema = new Schema(
  { _id: { type: String, required: true }, window: { type: Number, required: true }, at: { type: Date, required: true } },
  { collection: 'open311_rate_slots' },
);
rateSlotSchema.index({ window: 1 });
export const Open311RateSlotModel = model('Open311RateSlot', rateSlotSchema);

import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { badRequest, forbidden, notFound, tooManyRequests } from '../../core/errors';
import { getCategory, listCategories, type Category } from '../catalogue';
import { CaseModel, reportIncident, type Reporter } from '../cases';
import { clientForKey } from './open311-clients.service';
import { takeRateSlot } from './open311-rate-limit';
import { Open311RequestInfoModel, type Open311ClientDoc } from './open311.model';
import { presentRequest, presentService, statusesFor, type PublicCase } from './open311.presenter';
import type { CreateRequestBody, RequestDto, RequestsQuery } from './open311.schemas';

const DAY_MS = 86400_000;

/** The active categories of the catalogue as GeoReport services. */
export async function listServices() {
  const out: ReturnType<typeof presentService>[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const { items, nextCursor } = await listCategories({ limit: 200, cursor, active: true });
    out.push(...items.map(presentService));
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return out;
}

async function activeCategory(code: string): Promise<Category | null> {
  const c = await getCategory(code);
  return c && c.active !== false ? c : null;
}

/** A service definition: this catalogue has no extra attributes (`metadata: false`). */
export async function serviceDefinition(code: string) {
  const c = await activeCategory(code);
  if (!c) throw notFound('service_code', code);
  return { service_code: c.code, attributes: [] as unknown[] };
}

function contactOf(b: CreateRequestBody): string | undefined {
  const name = [b.first_name, b.last_name].filter(Boolean).join(' ');
  const parts = [name, b.phone, b.email].filter(Boolean);
  return parts.length ? parts.join(' · ').slice(0, 300) : undefined;
}

async function authenticate(ctx: AppContext, apiKey: string): Promise<Open311ClientDoc> {
  const client = await clientForKey(apiKey);
  if (!client) throw forbidden('Invalid api_key received -- can\'t proceed with create_request', 'INVALID_API_KEY');
  const limit = client.rateLimit ?? ctx.config.OPEN311_RATE_LIMIT;
  const decision = await takeRateSlot(client._id, limit, ctx.config.OPEN311_RATE_WINDOW_SECONDS, ctx.clock.now());
  if (!decision.ok) throw tooManyRequests(decision.retryAfterSeconds, `Rate limit of ${limit} requests per ${ctx.config.OPEN311_RATE_WINDOW_SECONDS} s reached for this api_key`);
  return client;
}

/**
 * `POST requests`: a reported case with source `open311`, created and routed by reportIncident
 * exactly like any other report (an Idempotency-Key header makes retries safe); the Open311 extras
 * (media_url, client) are written after it, keyed by the case id.
 */
export async function createRequest(ctx: AppContext, body: CreateRequestBody, idempotencyKey: string | undefined) {
  const client = await authenticate(ctx, body.api_key);
  const category = await activeCategory(body.service_code);
  if (!category) throw badRequest('UNKNOWN_SERVICE_CODE', `service_code ${body.service_code} not found`);
  if (body.lat === undefined || body.long === undefined) {
    const hasAddress = body.address_string || body.address_id;
    throw badRequest(
      'LOCATION_REQUIRED',
      hasAddress
        ? 'lat and long are required: this server does not geocode address_string or address_id'
        : 'A location is required: lat and long',
    );
  }
  const reporter: Reporter = { id: null, role: null, name: client.name, keySpace: `open311:${String(client._id)}` };
  // reportIncident's body type narrows `source` to what users may pick (CreateIncidentBody);
  // 'open311' is the channel only this module reports through.
  const incident = {
    source: 'open311',
    location: { type: 'Point', coordinates: [body.long, body.lat] },
    category: category.code,
    description: body.description || category.name.zh,
    urgent: false,
    address: body.address_string,
    reporterContact: contactOf(body),
  } as unknown as Parameters<typeof reportIncident>[2];
  const { kase } = await reportIncident(ctx, reporter, incident, idempotencyKey);
  await Open311RequestInfoModel.updateOne(
    { _id: kase._id },
    {
      $set: {
        clientId: client._id,
        mediaUrl: body.media_url ?? null,
        addressId: body.address_id ?? null,
        deviceId: body.device_id ?? null,
        accountId: body.account_id ?? null,
      },
      $setOnInsert: { createdAt: ctx.clock.now() },
    },
    { upsert: true },
  );
  return [{ service_request_id: kase.caseNo, service_notice: null, account_id: body.account_id ?? null }];
}

async function present(cases: (PublicCase & { _id: Types.ObjectId })[]): Promise<RequestDto[]> {
  const infos = cases.length
    ? await Open311RequestInfoModel.find({ _id: { $in: cases.map((c) => c._id) } }).lean<{ _id: Types.ObjectId; mediaUrl: string | null; addressId: string | null }[]>()
    : [];
  const byId = new Map(infos.map((i) => [String(i._id), i]));
  const names = new Map<string, Category | null>();
  for (const code of new Set(cases.map((c) => c.categoryCode))) names.set(code, await getCategory(code));
  return cases.map((c) => presentRequest(c, names.get(c.categoryCode) ?? null, byId.get(String(c._id)) ?? null));
}

const PUBLIC_FIELDS = { caseNo: 1, status: 1, categoryCode: 1, description: 1, address: 1, location: 1, reportedAt: 1, updatedAt: 1, mergedInto: 1 };

/**
 * `GET requests`: requests created through Open311 (by any client: the data is public), newest
 * first. service_request_id wins over the other filters, as the specification says; otherwise the
 * window defaults to the 90 days before end_date (default now), at most OPEN311_MAX_REQUESTS rows.
 */
export async function listRequests(ctx: AppContext, q: RequestsQuery): Promise<RequestDto[]> {
  const filter: Record<string, unknown> = { source: 'open311' };
  if (q.service_request_id) {
    filter.caseNo = { $in: q.service_request_id };
  } else {
    const end = q.end_date ? new Date(q.end_date) : ctx.clock.now();
    const start = q.start_date ? new Date(q.start_date) : new Date(end.getTime() - 90 * DAY_MS);
    if (start > end) throw badRequest('INVALID_RANGE', 'start_date must not be after end_date');
    filter.reportedAt = { $gte: start, $lte: end };
    if (q.service_code) filter.categoryCode = { $in: q.service_code };
    if (q.status && q.status.length === 1) filter.status = { $in: statusesFor(q.status[0]!) };
  }
  const rows = await CaseModel.find(filter, PUBLIC_FIELDS)
    .sort({ reportedAt: -1, _id: -1 })
    .limit(ctx.config.OPEN311_MAX_REQUESTS)
    .lean<(PublicCase & { _id: Types.ObjectId })[]>();
  return present(rows);
}

/** `GET requests/{id}`: one request created through Open311, as a list of one. */
export async function getRequest(ctx: AppContext, caseNo: string): Promise<RequestDto[]> {
  const row = await CaseModel.findOne({ caseNo, source: 'open311' }, PUBLIC_FIELDS).lean<PublicCase & { _id: Types.ObjectId }>();
  if (!row) throw notFound('service_request_id', caseNo);
  return present([row]);
}

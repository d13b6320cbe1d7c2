import { z } from 'zod';

/** GeoReport v2 answers in the format named by the resource's extension. */
export const Format = z.enum(['json', 'xml']);
export type Format = z.infer<typeof Format>;

const Code = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'a service_code');
const Decimal = z.string().regex(/^-?\d{1,3}(\.\d{1,15})?$/, 'a decimal number');
/** W3C date-time with a time zone (Z or ±hh:mm), as the specification requires. */
const W3CDateTime = z.iso.datetime({ offset: true });
const CommaList = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .string()
    .max(2000)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).min(1).max(max));

/** Parameters any GeoReport call may carry and this server ignores (one jurisdiction, open reads). */
const Common = {
  jurisdiction_id: z.string().max(100).optional(),
  api_key: z.string().max(200).optional(),
};

export const FormatParams = z.strictObject({ format: Format });
export const ServiceParams = z.strictObject({ service_code: Code, format: Format });
export const RequestParams = z.strictObject({ service_request_id: z.string().regex(/^[A-Z]{1,8}-\d{4}-\d{6}$/, 'a service_request_id'), format: Format });

export const ServicesQuery = z.strictObject({ ...Common });

export const RequestsQuery = z.strictObject({
  ...Common,
  service_request_id: CommaList(z.string().regex(/^[A-Z]{1,8}-\d{4}-\d{6}$/), 200).optional(),
  service_code: CommaList(Code, 50).optional(),
  start_date: W3CDateTime.optional(),
  end_date: W3CDateTime.optional(),
  status: CommaList(z.enum(['open', 'closed']), 2).optional(),
});
export type RequestsQuery = z.infer<typeof RequestsQuery>;

const Lat = Decimal.transform(Number).pipe(z.number().min(-90).max(90));
const Long = Decimal.transform(Number).pipe(z.number().min(-180).max(180));

/**
 * `POST requests` fields (application/x-www-form-urlencoded), named as in the specification.
 * A location is required: lat and long (address_string and address_id are kept as the address
 * but not geocoded). Empty fields count as absent (HTML forms send them).
 */
export const CreateRequestBody = z.strictObject({
  ...Common,
  api_key: z.string().min(1).max(200),
  service_code: Code,
  lat: Lat.optional(),
  long: Long.optional(),
  address_string: z.string().trim().max(300).optional(),
  address_id: z.string().trim().max(100).optional(),
  email: z.email().max(254).optional(),
  device_id: z.string().max(100).optional(),
  account_id: z.string().max(100).optional(),
  first_name: z.string().trim().max(100).optional(),
  last_name: z.string().trim().max(100).optional(),
  phone: z.string().trim().max(40).optional(),
  description: z.string().trim().max(4000).optional(),
  media_url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
});
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

// ---- answers (documented in the OpenAPI contract) ----

export const ServiceDto = z.strictObject({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});

export const ServiceDefinitionDto = z.strictObject({
  service_code: z.string(),
  attributes: z.array(z.unknown()),
});

export const CreatedDto = z.array(
  z.strictObject({ service_request_id: z.string(), service_notice: z.string().nullable(), account_id: z.string().nullable() }),
);

export const RequestDto = z.strictObject({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string().nullable(),
  service_code: z.string(),
  description: z.string().nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number(),
  long: z.number(),
  media_url: z.string().nullable(),
});
export type RequestDto = z.infer<typeof RequestDto>;

import { z, type ZodType } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect) of what a client sends (`io: 'input'`): defaults
 * are optional, coerced query numbers are numbers, transforms describe their input. Refinements and
 * transforms that JSON Schema cannot say are left out (the server still enforces them).
 * `$defs` (recursive or registered schemas) are moved into `defs` with prefixed names.
 */
export function toJsonSchema(schema: ZodType, io: 'input' | 'output', defs: Record<string, JsonSchema>, prefix: string): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema;
  const local = out.$defs as Record<string, JsonSchema> | undefined;
  if (!local) return out;
  delete out.$defs;
  const rename = (name: string) => `${prefix}_${name}`.replace(/[^A-Za-z0-9._-]/g, '_');
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        o[k] = k === '$ref' && typeof x === 'string' && x.startsWith('#/$defs/') ? `#/components/schemas/${rename(x.slice(8))}` : rewrite(x);
      }
      return o;
    }
    return v;
  };
  for (const [name, def] of Object.entries(local)) defs[rename(name)] = rewrite(def) as JsonSchema;
  return rewrite(out) as JsonSchema;
}

/** True when the schema accepts a missing body (route() validates `req.body ?? {}`). */
export function acceptsEmpty(schema: ZodType): boolean {
  return schema.safeParse({}).success;
}

export function isZodType(v: unknown): v is ZodType {
  return typeof v === 'object' && v !== null && '_zod' in v;
}

import { z } from 'zod';

/**
 * Build-time configuration from `import.meta.env` (VITE_* variables), checked once at start.
 * Runtime settings that the server owns (tile URL, photo size limit) come from `GET /api/v1/config`.
 */
const EnvSchema = z.object({
  /** Base path of the API; the dev server proxies /api to the backend. */
  API_URL: z.string().min(1).default('/api/v1'),
  /** Poll interval used for live data until (or whenever) the event stream is unavailable. */
  POLL_MS: z.coerce.number().int().min(2000).max(600_000).default(10_000),
  /** Register the service worker (production builds only by default). */
  ENABLE_SW: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

function readEnv() {
  const raw = import.meta.env;
  const parsed = EnvSchema.safeParse({
    API_URL: raw.VITE_API_URL || undefined,
    POLL_MS: raw.VITE_POLL_MS || undefined,
    ENABLE_SW: raw.VITE_ENABLE_SW || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid frontend environment: ${lines}`);
  }
  return { ...parsed.data, ENABLE_SW: parsed.data.ENABLE_SW ?? import.meta.env.PROD };
}

export const env = readEnv();

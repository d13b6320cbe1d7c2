import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Repository root (backend/src/.. /..), used for default data and tool paths. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

const DEV_SECRET_FILE = 'jwt-secret';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Any real MongoDB (or MongoDB-wire) server; when absent an embedded server is started. */
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/).default('gridenforce'),
  DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'data')),
  /** HS256 signing secret for access tokens; required (≥ 32 chars) in production. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_ISSUER: z.string().min(1).default('gridenforce'),
  JWT_AUDIENCE: z.string().min(1).default('gridenforce-api'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(90 * 86400).default(14 * 86400),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  PHOTO_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Milliseconds the driver waits for a server before an operation fails (→ 503). */
  DB_TIMEOUT_MS: z.coerce.number().int().min(200).max(30000).default(1500),
  /** Load the demo fixtures into an empty database at start. */
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  /** Base-map tile URL template; empty means vector layers only (offline). */
  TILE_URL: z.string().max(500).default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  TILE_ATTRIBUTION: z.string().max(500).default('© OpenStreetMap'),
  /** Coordinate system of the tiles: wgs84 (Tianditu, OSM) or gcj02 (Amap, Tencent). */
  TILE_CRS: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  /** Static frontend build to serve (empty: API only). */
  FRONTEND_DIST: z.string().default(path.join(REPO_ROOT, 'frontend', 'dist')),
  /** How many demo cases the demo seed walks through the lifecycle (first start only). */
  DEMO_CASES: z.coerce.number().int().min(0).max(5000).default(120),
  /** Case number prefix: `BS-2026-000123` (白沙 Baisha). */
  CASE_NO_PREFIX: z.string().regex(/^[A-Z]{1,8}$/, 'must be 1–8 capital letters').default('BS'),
  /** Fine at or above which a penalty decision is major (bureau decision, legal review required). */
  PENALTY_MAJOR_AMOUNT_YUAN: z.coerce.number().min(0).default(10000),
  /** How long before a deadline the holder is warned (预警). */
  DEADLINE_WARN_BEFORE_MINUTES: z.coerce.number().int().min(0).max(7 * 1440).default(120),
  /** How often the deadline scheduler looks for due and overdue cases; 0 disables it. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(3600_000).default(30000),
  /** Possible duplicates: same category, open, within this distance and time. */
  DUPLICATE_RADIUS_M: z.coerce.number().min(1).max(5000).default(50),
  DUPLICATE_WINDOW_HOURS: z.coerce.number().min(1).max(24 * 30).default(72),
  /** Where photos are kept: the database (GridFS) or a directory. */
  PHOTO_STORE: z.enum(['gridfs', 'dir']).default('gridfs'),
  PHOTO_DIR: z.string().default(''),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120000).default(10000),
  TRUST_PROXY: z.string().default('loopback'),
  /** CJK font for the liaison-meeting minutes PDF (a .ttc needs MINUTES_PDF_FONT_FAMILY). */
  MINUTES_PDF_FONT: z.string().min(1).default('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
  /** Font inside a collection (.ttc): the Simplified Chinese face of Noto Sans CJK. */
  MINUTES_PDF_FONT_FAMILY: z.string().min(1).default('NotoSansCJKsc-Regular'),
  /** How long before a joint task or meeting action item is due its owners are warned. */
  LIAISON_WARN_BEFORE_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  /** Live events bus (issue 9): `database` (every instance shares it) or `memory` (one process only). */
  EVENTS_TRANSPORT: z.enum(['database', 'memory']).default('database'),
  /** How often an idle instance looks for the next bus event (latency floor across instances). */
  EVENTS_POLL_MS: z.coerce.number().int().min(5).max(5000).default(25),
  /** How long a missing sequence number is waited for before the reader skips it (and resets its streams). */
  EVENTS_GAP_WAIT_MS: z.coerce.number().int().min(50).max(60000).default(1000),
  /** Bus documents kept in the database (writers prune older ones; the capped size is the backstop). */
  EVENTS_BUS_RETAIN: z.coerce.number().int().min(20).max(100000).default(500),
  EVENTS_BUS_MAX_BYTES: z.coerce.number().int().min(65536).max(1024 * 1024 * 1024).default(32 * 1024 * 1024),
  /** Events each instance keeps in memory for Last-Event-ID resumes; older ids get `event: reset`. */
  EVENTS_REPLAY_WINDOW: z.coerce.number().int().min(10).max(100000).default(5000),
  /** SSE heartbeat (comment line) interval; also when sessions of open streams are re-checked. */
  EVENTS_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300000).default(15000),
  /** A stream whose unsent bytes exceed this is dropped (the client resumes with Last-Event-ID). */
  EVENTS_CLIENT_BUFFER_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(256 * 1024),
  EVENTS_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * Authenticated API: requests per user per window across all instances; 0 disables. Enforced per
   * instance as ceil(limit / API_INSTANCES) (core/rate-limit.ts says why), so set API_INSTANCES
   * to the number of API processes behind the balancer.
   */
  RATE_LIMIT_USER_REQUESTS: z.coerce.number().int().min(0).max(10_000_000).default(1200),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  API_INSTANCES: z.coerce.number().int().min(1).max(1000).default(1),
  /** Open311: service requests per API key per rate window (a client may have its own limit). */
  OPEN311_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(60),
  OPEN311_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  /** Open311: largest form body accepted by POST requests. */
  OPEN311_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024).default(64 * 1024),
  /** Open311: most service requests one GET requests answer lists. */
  OPEN311_MAX_REQUESTS: z.coerce.number().int().min(1).max(10000).default(1000),
});

export type Config = Omit<z.infer<typeof EnvSchema>, 'JWT_SECRET' | 'SEED_DEMO'> & {
  JWT_SECRET: string;
  SEED_DEMO: boolean;
};

export class ConfigError extends Error {}

/**
 * Reads and validates the environment once. Every bad variable is named in one message.
 * Outside production, a missing JWT_SECRET is generated randomly once and kept in DATA_DIR
 * (never a constant fallback); production refuses to start without a real one.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  let secret = c.JWT_SECRET;
  if (c.NODE_ENV === 'production') {
    if (!secret || /change-?me|secret|default|example/i.test(secret)) {
      throw new ConfigError(
        'Invalid environment configuration:\n  JWT_SECRET: required in production (at least 32 random characters, not a placeholder)',
      );
    }
  } else if (!secret) {
    secret = persistedDevSecret(c.DATA_DIR);
  }
  return { ...c, JWT_SECRET: secret, SEED_DEMO: c.SEED_DEMO ?? c.NODE_ENV === 'development' };
}

function persistedDevSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DEV_SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

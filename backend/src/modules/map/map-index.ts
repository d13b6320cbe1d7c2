import Supercluster from 'supercluster';
import type { Types } from 'mongoose';
import { CaseModel } from '../cases';

/** What the map needs of a case; kept in memory for the whole township. */
export interface MapPoint {
  id: string;
  caseNo: string;
  lng: number;
  lat: number;
  status: string;
  tier: string;
  category: string;
  domain: string;
  teamId: string | null;
  zoneId: string | null;
  gridId: string | null;
  holderId: string | null;
  reporterId: string | null;
  agencyIds: string[];
  createdAt: number;
  dueAt: number | null;
  updatedAt: number;
}

type Row = {
  _id: Types.ObjectId;
  caseNo: string;
  location: { coordinates: number[] };
  status: string;
  tier: string;
  categoryCode: string;
  domain: string;
  teamId: Types.ObjectId | null;
  zoneId: Types.ObjectId | null;
  gridId: Types.ObjectId | null;
  holderId: Types.ObjectId | null;
  reporterId: Types.ObjectId | null;
  agencyIds?: Types.ObjectId[];
  createdAt: Date;
  updatedAt: Date;
  stage?: { dueAt: Date | null };
};

const PROJECTION = {
  caseNo: 1, location: 1, status: 1, tier: 1, categoryCode: 1, domain: 1, teamId: 1, zoneId: 1, gridId: 1,
  holderId: 1, reporterId: 1, agencyIds: 1, createdAt: 1, updatedAt: 1, 'stage.dueAt': 1,
};

const s = (v: unknown) => (v ? String(v) : null);

function toPoint(r: Row): MapPoint {
  return {
    id: String(r._id),
    caseNo: r.caseNo,
    lng: r.location.coordinates[0]!,
    lat: r.location.coordinates[1]!,
    status: r.status,
    tier: r.tier,
    category: r.categoryCode,
    domain: r.domain,
    teamId: s(r.teamId),
    zoneId: s(r.zoneId),
    gridId: s(r.gridId),
    holderId: s(r.holderId),
    reporterId: s(r.reporterId),
    agencyIds: (r.agencyIds ?? []).map(String),
    createdAt: new Date(r.createdAt).getTime(),
    dueAt: r.stage?.dueAt ? new Date(r.stage.dueAt).getTime() : null,
    updatedAt: new Date(r.updatedAt).getTime(),
  };
}

export interface MapIndexOptions {
  /** Shortest time between two looks for changed cases. */
  refreshMs?: number;
  /**
   * A look that took at most this long is awaited by the request that starts it (the answer is
   * exact); a slower one (a large collection on a database that scans, FerretDB's SQLite backend)
   * runs in the background while requests are answered from memory.
   */
  inlineScanMs?: number;
  /** Background looks repeat no sooner than this many times their own duration (bounded database load). */
  backgroundFactor?: number;
  onError?: (err: unknown) => void;
}

/**
 * All case points in memory, refreshed from the database by `updatedAt`, plus a cache of
 * supercluster indexes per filter so pans and zooms are cheap.
 *
 * The look for changed cases is a range query on `updatedAt`: an index scan on MongoDB, but a
 * scan of the whole collection on FerretDB (tens of seconds at 100,000 cases on a busy machine).
 * So only the first load is always awaited; later looks are awaited only while they are cheap, and
 * otherwise run in the background, at most one at a time and spaced by a multiple of their own
 * duration, and requests never wait for them (pans and zooms stay in memory).
 */
export class MapIndex {
  private points = new Map<string, MapPoint>();
  private highWater = 0;
  private loaded: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private lastRefresh = 0;
  /** How long the last full or incremental look at the database took. */
  private lastScanMs = 0;
  private version = 0;
  private clusters = new Map<string, { version: number; index: Supercluster; built: number }>();
  private readonly refreshMs: number;
  private readonly inlineScanMs: number;
  private readonly backgroundFactor: number;
  private readonly onError: (err: unknown) => void;

  constructor(opts: MapIndexOptions | number = {}) {
    const o = typeof opts === 'number' ? { refreshMs: opts } : opts;
    this.refreshMs = o.refreshMs ?? 2000;
    this.inlineScanMs = o.inlineScanMs ?? 250;
    this.backgroundFactor = o.backgroundFactor ?? 4;
    this.onError = o.onError ?? (() => undefined);
  }

  private async loadAll(): Promise<void> {
    const started = Date.now();
    const cursor = CaseModel.find({}, PROJECTION).lean<Row>().cursor({ batchSize: 2000 });
    for await (const r of cursor) this.upsert(toPoint(r));
    this.lastScanMs = Date.now() - started;
    this.lastRefresh = Date.now();
    this.version++;
  }

  private upsert(p: MapPoint) {
    this.points.set(p.id, p);
    if (p.updatedAt > this.highWater) this.highWater = p.updatedAt;
  }

  private get cheap(): boolean {
    return this.lastScanMs <= this.inlineScanMs;
  }

  /** Loads on first use, then picks up cases changed since the last look (see the class comment). */
  async fresh(): Promise<void> {
    if (!this.loaded) this.loaded = this.loadAll().catch((err) => {
      this.loaded = null;
      throw err;
    });
    await this.loaded;
    if (this.refreshing) {
      if (this.cheap) await this.refreshing;
      return;
    }
    const interval = this.cheap ? this.refreshMs : Math.max(this.refreshMs, this.backgroundFactor * this.lastScanMs);
    if (Date.now() - this.lastRefresh < interval) return;
    const run = this.refresh();
    if (this.cheap) await run;
    else run.catch(this.onError);
  }

  private refresh(): Promise<void> {
    const started = Date.now();
    this.lastRefresh = started;
    this.refreshing = (async () => {
      // Overlap by a second: writes in the same millisecond as the high-water mark are not missed.
      const rows = await CaseModel.find({ updatedAt: { $gte: new Date(this.highWater - 1000) } }, PROJECTION).lean<Row[]>();
      let changed = false;
      for (const r of rows) {
        const p = toPoint(r);
        const old = this.points.get(p.id);
        if (!old || old.updatedAt !== p.updatedAt || old.status !== p.status) changed = true;
        this.upsert(p);
      }
      if (changed) this.version++;
    })().finally(() => {
      this.lastScanMs = Date.now() - started;
      this.lastRefresh = Date.now();
      this.refreshing = null;
    });
    return this.refreshing;
  }

  all(): IterableIterator<MapPoint> {
    return this.points.values();
  }

  /** A supercluster index for the points passing `keep`, cached under `key` until data changes. */
  clusterIndex(key: string, keep: (p: MapPoint) => boolean): Supercluster {
    const hit = this.clusters.get(key);
    if (hit && hit.version === this.version) return hit.index;
    const features: { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: { id: string } }[] = [];
    for (const p of this.points.values()) {
      if (keep(p)) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lng, p.lat] }, properties: { id: p.id } });
    }
    const index = new Supercluster({ radius: 60, maxZoom: 17, minPoints: 3 }).load(features as never);
    if (this.clusters.size > 50) this.clusters.clear();
    this.clusters.set(key, { version: this.version, index, built: Date.now() });
    return index;
  }

  get(id: string): MapPoint | undefined {
    return this.points.get(id);
  }
}

import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { cells as orgCells, syncCells, syncZones } from '../org';
import { deriveInspectorGrids } from '../users';
import type { ImportKind } from './feature-validation.workflow';
import { flatten } from './flat-geometry.workflow';
import type { FeatureIssue } from './geometry-validation.workflow';
import type { GeoImportDoc } from './geo-import.model';
import { CHUNK_SIZE, activate, claimVersion, dropChunks, finishLayer, insertImport, updateImport, writeChunk, type StoredFeature } from './geography.repository';
import { validateImport, type ResolvedFeature } from './import-checks.service';
import { geometryChanged } from './routing.service';

/** Issues kept on the job document (the count keeps them all). */
export const MAX_REPORTED_ERRORS = 1000;

export interface ImportOptions {
  createdBy?: string | null;
  /** Hash of the source, kept on the version (the demo loader skips an identical re-load). */
  sourceHash?: string | null;
}

type Ctx = Pick<AppContext, 'clock' | 'logger'>;

/** Creates the org documents, then writes the features chunk by chunk, then activates: the commit. */
async function writeVersion(ctx: Ctx, job: GeoImportDoc, kind: ImportKind, features: ResolvedFeature[], opts: ImportOptions): Promise<number> {
  const now = ctx.clock.now();
  const version = await claimVersion(kind, {
    importId: job._id,
    createdBy: opts.createdBy ? new Types.ObjectId(opts.createdBy) : null,
    sourceHash: opts.sourceHash ?? null,
    at: now,
  });
  let chunks = 0;
  // Inspectors whose cells this import may change: those named now and those the named cells list today.
  const named = kind === 'grid-cells' ? features.filter((f) => f.props.inspectorIds) : [];
  const touched = new Set(named.flatMap((f) => f.props.inspectorIds ?? []));
  if (named.length) {
    const codes = new Set(named.map((f) => f.props.code));
    for (const c of await orgCells.all()) if (codes.has(c.code)) for (const id of c.inspectorIds ?? []) touched.add(String(id));
  }
  try {
    const ids =
      kind === 'zones'
        ? await syncZones(features.map((f) => ({ code: f.props.code, name: f.props.name, teamId: f.parentId })), now)
        : await syncCells(features.map((f) => ({ code: f.props.code, name: f.props.name, zoneId: f.parentId, inspectorIds: f.props.inspectorIds, village: f.props.village })), now);
    const stored: StoredFeature[] = features.map((f) => ({
      id: new Types.ObjectId(ids.get(f.props.code)!),
      code: f.props.code,
      parentId: new Types.ObjectId(f.parentId),
      ...flatten(f.geometry),
    }));
    for (let i = 0; i < stored.length; i += CHUNK_SIZE) {
      await writeChunk(kind, version, chunks++, stored.slice(i, i + CHUNK_SIZE));
      await updateImport(job._id, { processed: Math.min(i + CHUNK_SIZE, stored.length) });
    }
    await finishLayer(kind, version, { status: 'complete', featureCount: stored.length, chunkCount: chunks });
    await activate(kind, version, ctx.clock.now());
  } catch (err) {
    await finishLayer(kind, version, { status: 'failed' }).catch(() => undefined);
    await dropChunks(kind, version, chunks).catch(() => undefined);
    throw err;
  }
  geometryChanged(kind);
  // Cells that named their inspectors changed the source of truth; those inspectors' gridIds follow.
  if (touched.size) await deriveInspectorGrids([...touched]);
  return version;
}

/**
 * Runs an import job to the end: validate everything, and only when nothing is wrong write the
 * new version and activate it. Never throws: the outcome is on the job document.
 */
export async function runImport(ctx: Ctx, job: GeoImportDoc, kind: ImportKind, raw: unknown[], opts: ImportOptions = {}): Promise<GeoImportDoc> {
  const finish = async (set: Partial<GeoImportDoc>) => {
    const done = { ...set, finishedAt: ctx.clock.now() };
    await updateImport(job._id, done);
    return { ...job, ...done } as GeoImportDoc;
  };
  const fail = (issues: FeatureIssue[]) =>
    finish({ status: 'failed', issues: issues.slice(0, MAX_REPORTED_ERRORS), errorCount: issues.length });
  try {
    const { issues, features } = await validateImport(kind, raw, (processed) => updateImport(job._id, { processed }));
    if (issues.length) return await fail(issues);
    await updateImport(job._id, { status: 'writing', processed: 0 });
    const version = await writeVersion(ctx, job, kind, features, opts);
    ctx.logger.info({ importId: String(job._id), kind, version, features: features.length }, 'geometry version activated');
    return await finish({ status: 'done', processed: features.length, version });
  } catch (err) {
    ctx.logger.error({ err, importId: String(job._id) }, 'geometry import failed');
    return fail([{ index: -1, property: '', code: 'IMPORT_FAILED', reason: 'the import stopped on a server error; the previous version stays active' }]).catch(
      () => ({ ...job, status: 'failed' }) as GeoImportDoc,
    );
  }
}

async function newJob(ctx: Ctx, kind: ImportKind, total: number, createdBy: string | null): Promise<GeoImportDoc> {
  return insertImport({
    kind,
    status: 'validating',
    total,
    processed: 0,
    issues: [],
    errorCount: 0,
    version: null,
    createdBy: createdBy ? new Types.ObjectId(createdBy) : null,
    createdAt: ctx.clock.now(),
    finishedAt: null,
  } as Omit<GeoImportDoc, '_id'>);
}

/** Starts an import in the background (the API answers 202 with the job; progress is polled). */
export async function startImport(ctx: Ctx, kind: ImportKind, features: unknown[], opts: ImportOptions = {}): Promise<GeoImportDoc> {
  const job = await newJob(ctx, kind, features.length, opts.createdBy ?? null);
  void runImport(ctx, job, kind, features, opts);
  return job;
}

/** Imports and waits for the outcome (loaders, scripts). */
export async function importGeometry(ctx: Ctx, kind: ImportKind, features: unknown[], opts: ImportOptions = {}): Promise<GeoImportDoc> {
  const job = await newJob(ctx, kind, features.length, opts.createdBy ?? null);
  return runImport(ctx, job, kind, features, opts);
}

import { notFound } from '../../core/errors';
import { cells as orgCells, teams as orgTeams, zones as orgZones, type TeamDoc } from '../org';
import type { ImportKind } from './feature-validation.workflow';
import { unflatten } from './flat-geometry.workflow';
import { activeVersion, findLayer, listLayers, readFeatures, type StoredFeature } from './geography.repository';

/** Colours for teams without one of their own, picked by the team's position in code order. */
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];

function colours(teams: TeamDoc[]): Map<string, string> {
  return new Map(teams.map((t, i) => [String(t._id), t.colour ?? PALETTE[i % PALETTE.length]!]));
}

export interface FeatureCollectionDto {
  type: 'FeatureCollection';
  /** Foreign member: the version these shapes belong to (null before the first import). */
  geometryVersion: number | null;
  features: { type: 'Feature'; id: string; geometry: ReturnType<typeof unflatten>; properties: Record<string, unknown> }[];
}

async function versionToExport(kind: ImportKind, requested?: number): Promise<number | null> {
  if (requested === undefined) return activeVersion(kind);
  const layer = await findLayer(kind, requested);
  if (!layer || layer.status !== 'complete') throw notFound(`${kind} geometry version`, String(requested));
  return requested;
}

const geometryOf = (f: StoredFeature) => unflatten({ type: f.type as 'Polygon' | 'MultiPolygon', coords: f.coords, ringStarts: f.ringStarts, polyStarts: f.polyStarts });

/**
 * A layer as a GeoJSON FeatureCollection (WGS84, [lng, lat]): the shapes of the requested (or
 * active) version, with the current names, teams, inspectors and a colour hint per team. A
 * cell's zone is the one it had in that version.
 */
export async function exportLayer(kind: ImportKind, requested?: number): Promise<FeatureCollectionDto> {
  const version = await versionToExport(kind, requested);
  const features = version === null ? [] : ((await readFeatures(kind, version)) ?? []);
  const [teams, zones] = await Promise.all([orgTeams.all(), orgZones.all()]);
  const colour = colours(teams);
  const zoneById = new Map(zones.map((z) => [String(z._id), z]));
  const cellById = kind === 'grid-cells' ? new Map((await orgCells.all()).map((c) => [String(c._id), c])) : new Map();
  return {
    type: 'FeatureCollection',
    geometryVersion: version,
    features: features.map((f) => {
      const id = String(f.id);
      if (kind === 'zones') {
        const z = zoneById.get(id);
        const teamId = z ? String(z.teamId) : String(f.parentId);
        return {
          type: 'Feature' as const,
          id,
          geometry: geometryOf(f),
          properties: { id, code: f.code, name: z?.name ? { zh: z.name.zh, en: z.name.en } : null, teamId, colour: colour.get(teamId) ?? null },
        };
      }
      const c = cellById.get(id);
      const zoneId = String(f.parentId);
      const teamId = zoneById.get(zoneId) ? String(zoneById.get(zoneId)!.teamId) : null;
      return {
        type: 'Feature' as const,
        id,
        geometry: geometryOf(f),
        properties: {
          id,
          code: f.code,
          name: c?.name ? { zh: c.name.zh, en: c.name.en } : null,
          zoneId,
          teamId,
          inspectorIds: (c?.inspectorIds ?? []).map(String),
          village: c?.village ? { code: c.village.code, name: { zh: c.village.name.zh, en: c.village.name.en } } : null,
          colour: teamId ? (colour.get(teamId) ?? null) : null,
        },
      };
    }),
  };
}

export interface VersionDto {
  kind: ImportKind;
  version: number;
  status: string;
  featureCount: number;
  active: boolean;
  createdAt: string;
}

/** Versions of a layer, newest first, with the active one marked. */
export async function listVersions(kind: ImportKind): Promise<VersionDto[]> {
  const [layers, active] = await Promise.all([listLayers(kind), activeVersion(kind)]);
  return layers.map((l) => ({
    kind,
    version: l.version,
    status: l.status,
    featureCount: l.featureCount ?? 0,
    active: l.version === active,
    createdAt: l.createdAt.toISOString(),
  }));
}

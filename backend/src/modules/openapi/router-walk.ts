import type { RequestHandler } from 'express';
import { routeSchemas, type RequestSchemas, type RouteDoc } from '../../core/validate';

/** One method on one path of a mounted Express 5 router. */
export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path with the mount prefixes, e.g. `/api/v1/cases/:id`. */
  path: string;
  /** What `route()` recorded for the route's handler; undefined when the route bypasses `route()`. */
  spec: (RequestSchemas & RouteDoc) | undefined;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The parts of router 2.x (Express 5) layers we read; they are not in Express's type definitions. */
interface LayerLike {
  rawPath?: unknown;
  handle: RequestHandler & { stack?: LayerLike[] };
  route?: { path: unknown; methods: Record<string, boolean>; stack: LayerLike[] };
}

function join(prefix: string, part: string): string {
  const p = `${prefix}/${part}`.replace(/\/{2,}/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}

/**
 * Lists every route reachable from an Express 5 router (or an app's `app.router`), following
 * `use()` mounts of sub-routers; paths that are regular expressions are skipped (SPA fallback).
 */
export function listEndpoints(router: { stack?: unknown[] }, prefix = ''): Endpoint[] {
  const out: Endpoint[] = [];
  for (const layer of (router.stack ?? []) as LayerLike[]) {
    if (layer.route) {
      if (typeof layer.route.path !== 'string') continue;
      const path = join(prefix, layer.route.path);
      const handlers = layer.route.stack.map((l) => l.handle);
      const spec = handlers.map((h) => routeSchemas.get(h)).find(Boolean);
      for (const method of METHODS) if (layer.route.methods[method]) out.push({ method, path, spec });
    } else if (Array.isArray(layer.handle.stack)) {
      if (typeof layer.rawPath !== 'string') continue;
      out.push(...listEndpoints(layer.handle, join(prefix, layer.rawPath)));
    }
  }
  return out;
}

/** `/cases/:id/photos` → `/cases/{id}/photos` (Express 5 optional groups `{...}` are not used here). */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Names of the `:params` in an Express path. */
export function pathParamNames(expressPath: string): string[] {
  return [...expressPath.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

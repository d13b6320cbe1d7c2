import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { requireAuth, requireRole } from '../auth';
import { presentAgency, presentCell, presentTeam, presentZone } from './org.presenter';
import { agencies, cells, teams, zones } from './org.repository';
import * as S from './org.schemas';
import * as svc from './org.service';

/**
 * Organisation reference data (mounted at /org): teams (中队), zones (片区), grid cells (网格) and
 * agencies (派驻/区级机构). Every signed-in user may read them; only admins write.
 */
export function createOrgRouter(ctx: AppContext): Router {
  const r = Router();
  const auth = requireAuth(ctx);
  const admin = requireRole('admin');

  r.get('/teams', auth, ...route({ query: S.ListTeamsQuery }, async ({ query }, _req, res) => {
    const page = await teams.page(query, query.limit, query.cursor);
    res.json({ data: page.items.map(presentTeam), meta: { nextCursor: page.nextCursor } });
  }));
  r.get('/teams/:id', auth, ...route({ params: S.IdParams }, async ({ params }, _req, res) => {
    res.json({ data: presentTeam(await svc.getTeam(params.id)) });
  }));
  r.post('/teams', auth, admin, ...route({ body: S.CreateTeamSchema }, async ({ body }, _req, res) => {
    res.status(201).json({ data: presentTeam(await svc.createTeam(body)) });
  }));
  r.patch('/teams/:id', auth, admin, ...route({ params: S.IdParams, body: S.UpdateTeamSchema }, async ({ params, body }, _req, res) => {
    res.json({ data: presentTeam(await svc.updateTeam(params.id, body)) });
  }));

  r.get('/zones', auth, ...route({ query: S.ListZonesQuery }, async ({ query }, _req, res) => {
    const page = await zones.page(query, query.limit, query.cursor);
    res.json({ data: page.items.map(presentZone), meta: { nextCursor: page.nextCursor } });
  }));
  r.get('/zones/:id', auth, ...route({ params: S.IdParams }, async ({ params }, _req, res) => {
    res.json({ data: presentZone(await svc.getZone(params.id)) });
  }));
  r.post('/zones', auth, admin, ...route({ body: S.CreateZoneSchema }, async ({ body }, _req, res) => {
    res.status(201).json({ data: presentZone(await svc.createZone(body)) });
  }));
  r.patch('/zones/:id', auth, admin, ...route({ params: S.IdParams, body: S.UpdateZoneSchema }, async ({ params, body }, _req, res) => {
    res.json({ data: presentZone(await svc.updateZone(params.id, body)) });
  }));

  r.get('/cells', auth, ...route({ query: S.ListCellsQuery }, async ({ query }, _req, res) => {
    const page = await cells.page(query, query.limit, query.cursor);
    res.json({ data: page.items.map(presentCell), meta: { nextCursor: page.nextCursor } });
  }));
  r.get('/cells/:id', auth, ...route({ params: S.IdParams }, async ({ params }, _req, res) => {
    res.json({ data: presentCell(await svc.getCell(params.id)) });
  }));
  r.post('/cells', auth, admin, ...route({ body: S.CreateCellSchema }, async ({ body }, _req, res) => {
    res.status(201).json({ data: presentCell(await svc.createCell(body)) });
  }));
  r.patch('/cells/:id', auth, admin, ...route({ params: S.IdParams, body: S.UpdateCellSchema }, async ({ params, body }, _req, res) => {
    res.json({ data: presentCell(await svc.updateCell(params.id, body)) });
  }));

  r.get('/agencies', auth, ...route({ query: S.ListAgenciesQuery }, async ({ query }, _req, res) => {
    const page = await agencies.page(query, query.limit, query.cursor);
    res.json({ data: page.items.map(presentAgency), meta: { nextCursor: page.nextCursor } });
  }));
  r.get('/agencies/:id', auth, ...route({ params: S.IdParams }, async ({ params }, _req, res) => {
    res.json({ data: presentAgency(await svc.getAgency(params.id)) });
  }));
  r.post('/agencies', auth, admin, ...route({ body: S.CreateAgencySchema }, async ({ body }, _req, res) => {
    res.status(201).json({ data: presentAgency(await svc.createAgency(body)) });
  }));
  r.patch('/agencies/:id', auth, admin, ...route({ params: S.IdParams, body: S.UpdateAgencySchema }, async ({ params, body }, _req, res) => {
    res.json({ data: presentAgency(await svc.updateAgency(params.id, body)) });
  }));
  return r;
}

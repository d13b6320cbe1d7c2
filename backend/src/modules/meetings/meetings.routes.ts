import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { caller, requireAuth, requireRole } from '../auth';
import { addResolution, listVisibleItems, transitionItem } from './action-items.service';
import { viewItems, viewMeeting } from './meeting-view.service';
import { ITEM_ACT_ROLES, MEETING_READ_ROLES, MEETING_WRITE_ROLES } from './meetings.policy';
import * as S from './meetings.schemas';
import { addAgendaItem, concludeMeeting, createMeeting, listVisibleMeetings, loadVisibleMeeting, saveMinutes, setAttendance } from './meetings.service';
import { renderMinutesPdf } from './minutes-pdf.service';

/** `/meetings` (联席会议): the bureau schedules and records; agencies and teams follow their items. */
export function createMeetingsRouter(ctx: AppContext): Router {
  const r = Router();
  const auth = requireAuth(ctx);
  const read = requireRole(...MEETING_READ_ROLES);
  const bureau = requireRole(...MEETING_WRITE_ROLES);
  const show = async (req: Parameters<typeof caller>[0], id: string) => {
    const user = caller(req);
    return viewMeeting(ctx, user, await loadVisibleMeeting(user, id));
  };

  r.get('/', auth, read, ...route({ query: S.ListMeetingsQuery }, async ({ query }, req, res) => {
    const { data, nextCursor } = await listVisibleMeetings(caller(req), query);
    res.json({ data, meta: { nextCursor } });
  }));
  r.post('/', auth, bureau, ...route({ body: S.CreateMeetingSchema, query: S.NoQuery }, async ({ body }, req, res) => {
    const m = await createMeeting(ctx, caller(req), body);
    res.status(201).json({ data: await show(req, String(m._id)) });
  }));
  r.get('/action-items', auth, read, ...route({ query: S.ListItemsQuery }, async ({ query }, req, res) => {
    const user = caller(req);
    const page = await listVisibleItems(ctx, user, query);
    res.json({ data: await viewItems(ctx, user, page.items), meta: { nextCursor: page.nextCursor } });
  }));
  r.post('/action-items/:itemId/transitions', auth, requireRole(...ITEM_ACT_ROLES), ...route(
    { params: S.ItemParams, body: S.ItemTransitionSchema, query: S.NoQuery },
    async ({ params, body }, req, res) => {
      const user = caller(req);
      res.json({ data: (await viewItems(ctx, user, [await transitionItem(ctx, user, params.itemId, body)]))[0] });
    },
  ));
  r.get('/:id', auth, read, ...route({ params: S.IdParams, query: S.NoQuery }, async ({ params }, req, res) => {
    res.json({ data: await show(req, params.id) });
  }));
  r.get('/:id/minutes.pdf', auth, read, ...route({ params: S.IdParams, query: S.NoQuery }, async ({ params }, req, res) => {
    const pdf = await renderMinutesPdf(ctx.config, await show(req, params.id), ctx.clock.now());
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="minutes-${params.id}.pdf"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(pdf);
  }));
  r.post('/:id/agenda', auth, bureau, ...route({ params: S.IdParams, body: S.AgendaInputSchema, query: S.NoQuery }, async ({ params, body }, req, res) => {
    const user = caller(req);
    await addAgendaItem(ctx, user, await loadVisibleMeeting(user, params.id), body);
    res.status(201).json({ data: await show(req, params.id) });
  }));
  r.put('/:id/attendance', auth, bureau, ...route({ params: S.IdParams, body: S.AttendanceSchema, query: S.NoQuery }, async ({ params, body }, req, res) => {
    const user = caller(req);
    await setAttendance(ctx, user, await loadVisibleMeeting(user, params.id), body);
    res.json({ data: await show(req, params.id) });
  }));
  r.put('/:id/minutes', auth, bureau, ...route({ params: S.IdParams, body: S.MinutesSchema, query: S.NoQuery }, async ({ params, body }, req, res) => {
    const user = caller(req);
    await saveMinutes(ctx, user, await loadVisibleMeeting(user, params.id), body);
    res.json({ data: await show(req, params.id) });
  }));
  r.post('/:id/resolutions', auth, bureau, ...route({ params: S.IdParams, body: S.ResolutionSchema, query: S.NoQuery }, async ({ params, body }, req, res) => {
    const user = caller(req);
    await addResolution(ctx, user, await loadVisibleMeeting(user, params.id), body);
    res.status(201).json({ data: await show(req, params.id) });
  }));
  r.post('/:id/conclude', auth, bureau, ...route({ params: S.IdParams, query: S.NoQuery }, async ({ params }, req, res) => {
    const user = caller(req);
    const { next } = await concludeMeeting(ctx, await loadVisibleMeeting(user, params.id));
    res.json({ data: await show(req, params.id), meta: { nextMeetingId: next ? String(next._id) : null } });
  }));
  return r;
}

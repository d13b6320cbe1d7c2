import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { caller, requireAuth } from '../auth';
import {
  AckInstructionSchema,
  InboxQuery,
  InstructionIdParams,
  RecipientSearchQuery,
  SendInstructionSchema,
  SentQuery,
} from './instructions.schemas';
import { searchTargetableUsers } from './recipient-search.service';
import { acknowledge, getInstruction, inbox, markRead, receiptsOf, sendInstruction, sent } from './instructions.service';

const TAGS = ['instructions'];

/** `/api/v1/instructions` (指令): send, inbox, sent list, read receipts, acknowledgements. */
export function createInstructionsRouter(ctx: AppContext): Router {
  const r = Router();
  const auth = requireAuth(ctx);

  r.post(
    '/',
    auth,
    ...route({ body: SendInstructionSchema, tags: TAGS, summary: 'Send an instruction (指令) to teams, zones, grid cells or users', responses: { 201: { description: 'Sent' } } }, async ({ body }, req, res) => {
      res.status(201).json({ data: await sendInstruction(ctx, caller(req), body, req.ip ?? null) });
    }),
  );
  r.get(
    '/inbox',
    auth,
    ...route({ query: InboxQuery, tags: TAGS, summary: 'The caller’s instructions, newest first, with the unread count' }, async ({ query }, req, res) => {
      const page = await inbox(ctx, caller(req), query);
      res.json({ data: page.items, meta: { nextCursor: page.nextCursor, unread: page.unread } });
    }),
  );
  r.get(
    '/sent',
    auth,
    ...route({ query: SentQuery, tags: TAGS, summary: 'Instructions the caller sent, with read and acknowledged counts' }, async ({ query }, req, res) => {
      const page = await sent(ctx, caller(req), query);
      res.json({ data: page.items, meta: { nextCursor: page.nextCursor } });
    }),
  );
  r.get(
    '/recipients',
    auth,
    ...route({ query: RecipientSearchQuery, tags: TAGS, summary: 'Users the caller may name as instruction targets (search by name, username, role)' }, async ({ query }, req, res) => {
      res.json({ data: await searchTargetableUsers(caller(req), query) });
    }),
  );
  r.get(
    '/:id',
    auth,
    ...route({ params: InstructionIdParams, tags: TAGS, summary: 'One instruction (sender, bureau, recipients)' }, async ({ params }, req, res) => {
      res.json({ data: await getInstruction(ctx, caller(req), params.id) });
    }),
  );
  r.get(
    '/:id/receipts',
    auth,
    ...route({ params: InstructionIdParams, tags: TAGS, summary: 'Per-recipient read, acknowledgement, reply and overdue status' }, async ({ params }, req, res) => {
      res.json({ data: await receiptsOf(ctx, caller(req), params.id) });
    }),
  );
  r.post(
    '/:id/read',
    auth,
    ...route({ params: InstructionIdParams, tags: TAGS, summary: 'Read receipt (已读)' }, async ({ params }, req, res) => {
      res.json({ data: await markRead(ctx, caller(req), params.id, req.ip ?? null) });
    }),
  );
  r.post(
    '/:id/ack',
    auth,
    ...route({ params: InstructionIdParams, body: AckInstructionSchema, tags: TAGS, summary: 'Acknowledge (回执), once, with an optional reply' }, async ({ params, body }, req, res) => {
      res.json({ data: await acknowledge(ctx, caller(req), params.id, body.reply, req.ip ?? null) });
    }),
  );
  return r;
}

import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { caller, requireAuth } from '../auth';
import {
  AckInstructionSchema,
  InboxQuery,
  InstructionIdParams,
  SendInstructionSchema,
  SentQuery,
} from './instructions.schemas';
import { acknowledge, getInstruction, inbox, markRead, receiptsOf, sendInstruction, sent } from './instructions.service';

/** `/api/v1/instructions` (指令): send, inbox, sent list, read receipts, acknowledgements. */
export function createInstructionsRouter(ctx: AppContext): Router {
  const r = Router();
  const auth = requireAuth(ctx);

  r.post(
    '/',
    auth,
    ...route({ body: SendInstructionSchema }, async ({ body }, req, res) => {
      res.status(201).json({ data: await sendInstruction(ctx, caller(req), body) });
    }),
  );
  r.get(
    '/inbox',
    auth,
    ...route({ query: InboxQuery }, async ({ query }, req, res) => {
      const page = await inbox(ctx, caller(req), query);
      res.json({ data: page.items, meta: { nextCursor: page.nextCursor, unread: page.unread } });
    }),
  );
  r.get(
    '/sent',
    auth,
    ...route({ query: SentQuery }, async ({ query }, req, res) => {
      const page = await sent(ctx, caller(req), query);
      res.json({ data: page.items, meta: { nextCursor: page.nextCursor } });
    }),
  );
  r.get(
    '/:id',
    auth,
    ...route({ params: InstructionIdParams }, async ({ params }, req, res) => {
      res.json({ data: await getInstruction(ctx, caller(req), params.id) });
    }),
  );
  r.get(
    '/:id/receipts',
    auth,
    ...route({ params: InstructionIdParams }, async ({ params }, req, res) => {
      res.json({ data: await receiptsOf(ctx, caller(req), params.id) });
    }),
  );
  r.post(
    '/:id/read',
    auth,
    ...route({ params: InstructionIdParams }, async ({ params }, req, res) => {
      res.json({ data: await markRead(ctx, caller(req), params.id) });
    }),
  );
  r.post(
    '/:id/ack',
    auth,
    ...route({ params: InstructionIdParams, body: AckInstructionSchema }, async ({ params, body }, req, res) => {
      res.json({ data: await acknowledge(ctx, caller(req), params.id, body.reply) });
    }),
  );
  return r;
}

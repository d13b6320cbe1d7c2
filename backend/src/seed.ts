import type { AppContext } from './core/context';

/** Loads the demo fixtures into an empty database (idempotent; see fixtures/). */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<void> {
  ctx.logger.debug('no demo fixtures registered yet');
}

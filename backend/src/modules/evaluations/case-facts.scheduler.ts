import type { AppContext } from '../../core/context';
import { FactJournalModel } from './case-facts.model';
import { buildFacts, currentFacts, isBuilt } from './case-facts.repository';

/** At most one maintenance pass per this interval (the scheduler ticks at SCHEDULER_INTERVAL_MS). */
const EVERY_MS = 5 * 60_000;

/**
 * One maintenance pass of the evaluation fact projection: builds it from the timelines when it was
 * never built (an existing database), else folds the journal into the chunks — so neither waits
 * for the next evaluation. Returns what it did.
 */
export async function maintainFacts(now: Date): Promise<'built' | 'compacted' | 'idle' | 'busy'> {
  if (!(await isBuilt())) return (await buildFacts(now)) ? 'built' : 'busy';
  if (!(await FactJournalModel.exists({}))) return 'idle';
  // Reading every case's current facts is what compacts (under the lease; skipped when another holds it).
  for await (const _ of currentFacts(now)) void _;
  return 'compacted';
}

export function startFactMaintenance(ctx: AppContext): () => void {
  if (ctx.config.SCHEDULER_INTERVAL_MS === 0) return () => undefined;
  let running = false;
  let last = 0;
  const timer = setInterval(() => {
    const now = ctx.clock.now();
    if (running || now.getTime() - last < EVERY_MS) return;
    running = true;
    last = now.getTime();
    maintainFacts(now)
      .then((did) => did !== 'idle' && ctx.logger.info({ did }, 'evaluation facts maintained'))
      .catch((err) => ctx.logger.warn({ err: (err as Error).message }, 'evaluation facts maintenance failed'))
      .finally(() => {
        running = false;
      });
  }, ctx.config.SCHEDULER_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

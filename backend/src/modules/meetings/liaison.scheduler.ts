import type { AppContext } from '../../core/context';
import { runJointTaskScan } from '../joint-cases';
import { runActionItemScan, syncCarryOver } from './action-item.scan';

/** One scheduler pass: joint task deadlines, action item deadlines, carry-over. */
export async function runLiaisonScan(ctx: AppContext): Promise<{ tasks: number; items: number; carried: number }> {
  const tasks = (await runJointTaskScan(ctx)).fired;
  const items = (await runActionItemScan(ctx)).fired;
  const carried = await syncCarryOver(ctx);
  return { tasks, items, carried };
}

/**
 * Runs the scan every SCHEDULER_INTERVAL_MS (0 disables it), one pass at a time; returns a stop
 * function. Errors are logged, never thrown. Several instances may run it: notices are claimed.
 */
export function startLiaisonScheduler(ctx: AppContext): () => void {
  if (ctx.config.SCHEDULER_INTERVAL_MS === 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runLiaisonScan(ctx)
      .catch((err) => ctx.logger.warn({ err: (err as Error).message }, 'liaison scan failed'))
      .finally(() => {
        running = false;
      });
  }, ctx.config.SCHEDULER_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

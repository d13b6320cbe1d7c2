import type { AppContext } from '../core/context';
import { loadCategories } from '../modules/catalogue';
import { loadDemoGeography } from '../modules/geography';
import { seedDemoCases } from './demo-cases';
import { seedDemoUsers } from './demo-users';

export { DEMO_PASSWORD } from './demo-users';

/**
 * The one idempotent demo loader: categories, the 白沙镇 organisation and geometry, accounts for
 * every role, then demo cases (only into a database that has none). Safe to run on every start.
 */
export async function seedDemo(ctx: AppContext): Promise<void> {
  const started = Date.now();
  await loadCategories();
  await loadDemoGeography(ctx);
  await seedDemoUsers(ctx);
  const cases = await seedDemoCases(ctx, ctx.config.DEMO_CASES);
  ctx.logger.info({ ms: Date.now() - started, cases }, 'demo data loaded');
}

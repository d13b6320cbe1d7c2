import type { Role } from '../contracts';
import { demoStaffPlan, linkDemoStaff } from '../modules/geography';
import { agencies } from '../modules/org';
import { ensureUser, hashPassword } from '../modules/users';
import type { AppContext } from '../core/context';

/** The one demo password (documented in the README); never used outside the demo seed. */
export const DEMO_PASSWORD = 'Demo#2026';

/**
 * Demo accounts for every role: the bureau (dispatcher, chief), the legal office, an admin, a
 * leader per team, an inspector per planned set of cells, a liaison per agency. Idempotent.
 */
export async function seedDemoUsers(ctx: AppContext): Promise<number> {
  let created = 0;
  // All ~180 demo accounts share one password, so it is hashed once and the hash reused (each
  // argon2 hash costs ~50 ms of CPU and 19 MiB; one per account made `npm start` take seconds).
  // Every account still has its own credential document; only the salt is shared, which is
  // acceptable for a documented demo password and nowhere else.
  let shared: Promise<string> | null = null;
  const add = async (username: string, displayName: string, role: Role, scope: { gridIds?: string[]; teamId?: string | null; agencyId?: string | null } = {}) => {
    const r = await ensureUser(
      {
        username,
        displayName,
        password: DEMO_PASSWORD,
        role,
        gridIds: scope.gridIds ?? [],
        teamId: scope.teamId ?? null,
        agencyId: scope.agencyId ?? null,
      } as never,
      ctx,
      { passwordHash: await (shared ??= hashPassword(DEMO_PASSWORD)) },
    );
    if (r.created) created++;
  };
  await add('admin', '系统管理员', 'admin');
  await add('dispatcher', '指挥中心 王调度', 'dispatcher');
  await add('dispatcher2', '指挥中心 李调度', 'dispatcher');
  await add('chief', '执法局 陈局长', 'bureau_chief');
  await add('legal', '区司法局 法制审核 刘科长', 'legal_officer');
  const plan = await demoStaffPlan();
  for (const l of plan.leaders) if (l.teamId) await add(l.username, l.displayName, 'team_leader', { teamId: l.teamId });
  for (const i of plan.inspectors) if (i.gridIds.length) await add(i.username, i.displayName, 'inspector', { gridIds: i.gridIds, teamId: i.teamId });
  for (const a of await agencies.all()) await add(`liaison-${a.code}`, `${a.name.zh} 联络员`, 'agency_liaison', { agencyId: String(a._id) });
  await linkDemoStaff();
  ctx.logger.info({ created }, 'demo users ready');
  return created;
}

import { getCategory, loadCategories } from '../../backend/src/modules/catalogue';
import { useTestApp } from '../support/app';
import { bearer, buildUser } from '../support/factories';
import { buildAgency } from '../support/geo-factories';

const body = (code: string, over: Record<string, unknown> = {}) => ({
  code,
  name: { zh: '占道经营', en: 'Street vending' },
  domain: 'city_appearance',
  defaultTier: 'grid',
  deadlines: { file: 2, dispatch: 1, handle: 4, verify: 24 },
  urgentDeadlines: { file: 1, dispatch: 0.5, handle: 2, verify: 4 },
  legalBasis: '《城市市容和环境卫生管理条例》第十四条',
  coAgencies: [],
  penaltyCapable: true,
  ...over,
});

describe('category catalogue (事项目录): /api/v1/categories', () => {
  const t = useTestApp();
  let admin: string;
  let inspector: string;
  beforeAll(async () => {
    admin = bearer(t, await buildUser({ role: 'admin' }));
    inspector = bearer(t, await buildUser({ role: 'inspector' }));
  });
  const create = (b: object, auth = admin) => t.http().post('/api/v1/categories').set('Authorization', auth).send(b);

  test('without a token every endpoint answers 401', async () => {
    expect((await t.http().get('/api/v1/categories')).status).toBe(401);
    expect((await t.http().get('/api/v1/categories/street-vending')).status).toBe(401);
    expect((await t.http().post('/api/v1/categories').send(body('a'))).status).toBe(401);
    expect((await t.http().patch('/api/v1/categories/a').send({ active: false })).status).toBe(401);
  });

  test('only admins write: an inspector gets 403 on create and update', async () => {
    await create(body('c-403'));
    expect((await create(body('c-403b'), inspector)).status).toBe(403);
    expect((await t.http().patch('/api/v1/categories/c-403').set('Authorization', inspector).send({ active: false })).status).toBe(403);
  });

  test('an admin creates a category; everyone signed in reads it', async () => {
    const police = await buildAgency({ code: 'police-c1' });
    const res = await create(body('c-create', { coAgencies: [police.code] }));
    expect(res.status).toBe(201);
    const expected = { ...body('c-create', { coAgencies: ['police-c1'] }), active: true };
    expect(res.body).toEqual({ data: expected });
    expect((await t.http().get('/api/v1/categories/c-create').set('Authorization', inspector)).body).toEqual({ data: expected });
    expect(await getCategory('c-create')).toEqual(expected);
  });

  test('bad input is refused: longer urgent limits 400, unknown agency 422, taken code 409, unknown code 404', async () => {
    const longer = await create(body('c-bad', { urgentDeadlines: { file: 3, dispatch: 1, handle: 2, verify: 4 } }));
    expect(longer.status).toBe(400);
    expect(longer.body.error.details).toEqual([expect.objectContaining({ path: 'urgentDeadlines.file' })]);
    expect((await create(body('c-bad', { coAgencies: ['nobody'] }))).body.error).toMatchObject({ code: 'INVALID_REFERENCE', details: { path: 'coAgencies.0' } });
    expect((await create(body('c-bad', { domain: 'astrology' }))).status).toBe(400);
    await create(body('c-taken'));
    expect((await create(body('c-taken'))).body.error).toMatchObject({ code: 'CODE_TAKEN' });
    expect((await create(body('Bad Code'))).status).toBe(400);
    expect((await t.http().get('/api/v1/categories/c-none').set('Authorization', inspector)).status).toBe(404);
  });

  test('an admin updates a category; an urgent limit longer than the stored deadline is refused', async () => {
    await create(body('c-upd'));
    const res = await t.http().patch('/api/v1/categories/c-upd').set('Authorization', admin).send({ defaultTier: 'team', active: false });
    expect(res.body.data).toMatchObject({ code: 'c-upd', defaultTier: 'team', active: false });
    expect(await getCategory('c-upd')).toMatchObject({ defaultTier: 'team', active: false });
    const bad = await t.http().patch('/api/v1/categories/c-upd').set('Authorization', admin).send({ urgentDeadlines: { file: 1, dispatch: 1, handle: 99, verify: 1 } });
    expect(bad.status).toBe(400);
    expect((await t.http().patch('/api/v1/categories/c-none').set('Authorization', admin).send({ active: false })).status).toBe(404);
  });

  test('lists page by code and filter by domain and active; unknown query keys answer 400', async () => {
    await create(body('l-1', { domain: 'water' }));
    await create(body('l-2', { domain: 'water' }));
    await create(body('l-3', { domain: 'water', active: false }));
    const first = await t.http().get('/api/v1/categories?domain=water&limit=2').set('Authorization', inspector);
    expect(first.body.data.map((c: { code: string }) => c.code)).toEqual(['l-1', 'l-2']);
    const next = await t.http().get(`/api/v1/categories?domain=water&limit=2&cursor=${first.body.meta.nextCursor}`).set('Authorization', inspector);
    expect(next.body).toMatchObject({ data: [{ code: 'l-3' }], meta: { nextCursor: null } });
    const active = await t.http().get('/api/v1/categories?domain=water&active=true').set('Authorization', inspector);
    expect(active.body.data.map((c: { code: string }) => c.code)).toEqual(['l-1', 'l-2']);
    expect((await t.http().get('/api/v1/categories?sort=code').set('Authorization', inspector)).status).toBe(400);
  });

  test('loadCategories() inserts the fixture once and never undoes an admin edit', async () => {
    const first = await loadCategories();
    expect(first.total).toBeGreaterThanOrEqual(40);
    expect(first.inserted).toBe(first.total);
    await t.http().patch('/api/v1/categories/street-vending').set('Authorization', admin).send({ defaultTier: 'team' });
    expect(await loadCategories()).toEqual({ inserted: 0, total: first.total });
    expect(await getCategory('street-vending')).toMatchObject({ name: { zh: '占道经营' }, defaultTier: 'team' });
  });
});

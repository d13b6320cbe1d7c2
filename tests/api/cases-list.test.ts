import { parse } from 'csv-parse/sync';
import { useTestApp } from '../support/app';
import { act, buildArea, caseAt, report, type Area } from '../support/case-factories';
import { bearer, buildUser } from '../support/factories';

describe('GET /api/v1/cases and the CSV export', () => {
  const t = useTestApp();
  let a: Area;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    a = await buildArea(t);
    ids.c0reported = await caseAt(t, a, 'reported', { cell: 0 });
    ids.c0closed = await caseAt(t, a, 'closed', { cell: 0 });
    ids.c1filed = await caseAt(t, a, 'filed', { cell: 1 });
    ids.c1progress = await caseAt(t, a, 'in_progress', { cell: 1 });
    ids.outside = (await report(t, a.dispatcher.auth, { point: [100.5, 20.5], category: a.minor.code, source: 'hotline', description: '市民热线：噪音扰民 油烟' })).body.data.id;
  });
  const list = (auth: string, q = '') => t.http().get(`/api/v1/cases${q}`).set('Authorization', auth);
  const idsOf = (res: { body: { data: { id: string }[] } }) => res.body.data.map((c) => c.id).sort();

  test('scope: an inspector sees only their cell; the team leader the team; the bureau and legal office all; a liaison nothing', async () => {
    expect(idsOf(await list(a.inspectors[0]!.auth))).toEqual([ids.c0reported, ids.c0closed].sort());
    expect(idsOf(await list(a.inspectors[1]!.auth))).toEqual([ids.c1filed, ids.c1progress].sort());
    expect(idsOf(await list(a.leader.auth))).toEqual([ids.c0reported, ids.c0closed, ids.c1filed, ids.c1progress].sort());
    expect(idsOf(await list(a.dispatcher.auth))).toEqual(Object.values(ids).sort());
    expect((await list(a.legal.auth)).body.meta.total).toBe(5);
    const liaison = await buildUser({ role: 'agency_liaison', agencyId: '64b0000000000000000000cc' });
    expect(await list(bearer(t, liaison)).then((r) => r.body)).toEqual({ data: [], meta: { nextCursor: null, total: 0 } });
    expect((await list(a.admin.auth)).status).toBe(403);
    expect((await t.http().get('/api/v1/cases')).status).toBe(401);
  });

  test('a filter never widens the scope: asking for another cell’s cases returns none', async () => {
    const res = await list(a.inspectors[0]!.auth, `?gridId=${a.area.cells[1]!.id}`);
    expect(res.body).toEqual({ data: [], meta: { nextCursor: null, total: 0 } });
  });

  test('filters: status list, tier, grid, text, mine, created range', async () => {
    expect(idsOf(await list(a.dispatcher.auth, '?status=filed,in_progress'))).toEqual([ids.c1filed, ids.c1progress].sort());
    expect(idsOf(await list(a.dispatcher.auth, '?tier=bureau'))).toEqual([ids.outside]);
    expect(idsOf(await list(a.dispatcher.auth, `?gridId=${a.area.cells[0]!.id}`))).toEqual([ids.c0reported, ids.c0closed].sort());
    expect(idsOf(await list(a.dispatcher.auth, `?q=${encodeURIComponent('油烟')}`))).toEqual([ids.outside]);
    expect(idsOf(await list(a.dispatcher.auth, `?q=${encodeURIComponent('(.*')}`))).toEqual([]);
    expect(idsOf(await list(a.inspectors[1]!.auth, '?mine=true'))).toEqual([ids.c1filed, ids.c1progress].sort());
    expect(idsOf(await list(a.inspectors[0]!.auth, '?mine=true'))).toEqual([ids.c0reported]);
    expect((await list(a.dispatcher.auth, '?createdFrom=2099-01-01T00:00:00Z')).body.meta.total).toBe(0);
  });

  test('cursor pagination walks every case once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(a.dispatcher.auth, `?limit=2&sort=createdAt${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.meta.total).toBe(5);
      seen.push(...res.body.data.map((c: { id: string }) => c.id));
      cursor = res.body.meta.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen[0]).toBe(ids.c0reported);
  });

  test('bad queries → 400: unknown keys, operators, bad enums, bad cursor, limits', async () => {
    for (const q of ['?status[$ne]=closed', '?status=open', '?foo=1', '?limit=1000', '?cursor=abc', '?teamId=xyz', '?createdFrom=yesterday']) {
      const res = await list(a.dispatcher.auth, q);
      expect([q, res.status]).toEqual([q, 400]);
    }
  });

  test('CSV export: filtered, scoped, UTF-8 with BOM and Chinese headers', async () => {
    const res = await t.http().get('/api/v1/cases/export.csv?status=filed,in_progress').set('Authorization', a.leader.auth).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = (res.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0]!)).toContain('案件编号 caseNo');
    expect(rows.map((r) => r['状态 status']).sort()).toEqual(['filed', 'in_progress']);
    const scoped = await t.http().get('/api/v1/cases/export.csv').set('Authorization', a.inspectors[0]!.auth);
    expect(scoped.text.trim().split('\n')).toHaveLength(3); // header + the two cases of cell 0
  });

  test('lists show the allowed actions of each case for the caller', async () => {
    const res = await list(a.inspectors[1]!.auth, '?status=in_progress');
    expect(res.body.data[0].allowedActions).toEqual(expect.arrayContaining(['resolve', 'escalate']));
    await act(t, a.dispatcher.auth, ids.c1filed!, { action: 'comment', note: '待派遣' });
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMAINS } from '../../contracts';
import { readCategoryFixture } from './categories.loader';

describe('fixtures/categories.json (事项目录)', () => {
  const list = readCategoryFixture();
  const agencies = JSON.parse(readFileSync(path.join(__dirname, '../../../../fixtures/geo/baisha-org.json'), 'utf8')).agencies as { code: string }[];

  test('has at least 40 valid categories with unique codes', () => {
    expect(list.length).toBeGreaterThanOrEqual(40);
    expect(new Set(list.map((c) => c.code)).size).toBe(list.length);
  });

  test('covers every domain and every tier', () => {
    expect(new Set(list.map((c) => c.domain))).toEqual(new Set(DOMAINS));
    expect(new Set(list.map((c) => c.defaultTier))).toEqual(new Set(['grid', 'team', 'bureau']));
  });

  test('includes the guide\'s examples with simplified Chinese names', () => {
    const zh = new Set(list.map((c) => c.name.zh));
    for (const name of ['占道经营', '乱堆乱放', '违法建设', '无证无照经营', '油烟扰民', '渣土撒漏', '非法采砂', '食品安全']) expect(zh).toContain(name);
    for (const c of list) expect(c.name.zh).not.toMatch(/[經營亂違擾採築證處設場環衛業數]/);
  });

  test('cites a legal basis in 《…》 and names only the demo\'s agencies', () => {
    const known = new Set(agencies.map((a) => a.code));
    for (const c of list) {
      expect(c.legalBasis).toMatch(/^《.+》/);
      for (const a of c.coAgencies) expect(known).toContain(a);
    }
  });
});

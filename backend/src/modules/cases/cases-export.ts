import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import type { CaseListQuery } from '../../contracts';
import type { AppContext } from '../../core/context';
import type { AuthUser } from '../auth';
import { streamCases } from './cases-list.service';
import { viewCases } from './case-view.service';
import type { CaseRecord } from './cases.repository';

/** Times in the reporting zone (Asia/Shanghai), as Excel users read them. */
const shanghai = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19) : '';

const COLUMNS = [
  ['caseNo', '案件编号'],
  ['status', '状态'],
  ['tier', '层级'],
  ['category', '事项'],
  ['domain', '领域'],
  ['grid', '网格'],
  ['zone', '片区'],
  ['team', '中队'],
  ['holder', '承办人'],
  ['source', '来源'],
  ['createdAt', '上报时间'],
  ['dueAt', '当前期限'],
  ['overdue', '超期'],
  ['description', '描述'],
  ['address', '地址'],
  ['lng', '经度'],
  ['lat', '纬度'],
] as const;

/**
 * Streams the filtered list as CSV (scope applied), UTF-8 with a BOM so Excel shows Chinese text,
 * in batches so memory stays flat however many cases match.
 */
export async function streamCasesCsv(ctx: AppContext, user: AuthUser, q: CaseListQuery, res: Response): Promise<void> {
  const cursor = streamCases(ctx, user, q);
  const stamp = shanghai(ctx.clock.now().toISOString()).replace(/[-: ]/g, '').slice(0, 12);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="cases-${stamp}.csv"`);
  res.write('\uFEFF');
  const csv = stringify({ header: true, columns: COLUMNS.map(([key, header]) => ({ key, header: `${header} ${key}` })) });
  csv.pipe(res);
  let batch: CaseRecord[] = [];
  const flush = async () => {
    for (const c of await viewCases(ctx, user, batch)) {
      const ok = csv.write({
        caseNo: c.caseNo,
        status: c.status,
        tier: c.tier,
        category: `${c.category.code} ${c.category.name.zh}`,
        domain: c.category.domain,
        grid: c.grid?.code ?? '',
        zone: c.zone?.code ?? '',
        team: c.team?.name?.zh ?? c.team?.code ?? '',
        holder: c.holder?.displayName ?? '',
        source: c.source,
        createdAt: shanghai(c.createdAt),
        dueAt: shanghai(c.stage?.dueAt ?? null),
        overdue: c.stage?.overdue ? '是' : '',
        description: c.description,
        address: c.address ?? '',
        lng: c.location.coordinates[0],
        lat: c.location.coordinates[1],
      });
      if (!ok) await new Promise((r) => csv.once('drain', r));
    }
    batch = [];
  };
  for await (const doc of cursor) {
    batch.push(doc);
    if (batch.length >= 200) await flush();
  }
  await flush();
  csv.end();
  await new Promise((r) => res.once('finish', r));
}

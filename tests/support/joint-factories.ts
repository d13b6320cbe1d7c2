import { inflateSync } from 'node:zlib';
import { Types } from 'mongoose';
import type { CaseStatus, Tier } from '../../backend/src/contracts';
import { appendEvent, CaseModel } from '../../backend/src/modules/cases';
import { agencies, teams, type AgencyDoc, type TeamDoc } from '../../backend/src/modules/org';
import type { TestApp } from './app';
import { loginAs, uniq, type LoggedIn } from './factories';

/**
 * Factories for the joint-enforcement stories (joint cases, liaison meetings): agencies, teams,
 * liaisons and cases inserted straight into the database with a valid first timeline event.
 */

/** Not in the catalogue: the case module falls back to default deadlines for it. */
export const TEST_CATEGORY = 'JOINT_TEST';

export async function buildAgency(o: { code?: string; zh?: string; kind?: 'stationed' | 'district'; active?: boolean } = {}): Promise<AgencyDoc> {
  return agencies.insert({
    code: o.code ?? uniq('ag-'),
    name: { zh: o.zh ?? '测试派驻机构', en: 'Test Agency' },
    kind: o.kind ?? 'stationed',
    active: o.active ?? true,
  });
}

export async function buildTeamFor(o: { zh?: string } = {}): Promise<TeamDoc> {
  return teams.insert({ code: uniq('T-'), name: { zh: o.zh ?? '测试中队', en: 'Test Team' }, kind: 'zone', domains: [], leaderId: null, colour: null, active: true });
}

/** A liaison (派驻机构联络员) of the agency, signed in. */
export const liaisonOf = (t: TestApp, agency: AgencyDoc | Types.ObjectId | string) =>
  loginAs(t, 'agency_liaison', { agencyId: String((agency as AgencyDoc)._id ?? agency) });

export interface CaseOverrides {
  status?: CaseStatus;
  tier?: Tier;
  gridId?: Types.ObjectId | null;
  teamId?: Types.ObjectId | null;
  holderId?: string | null;
  description?: string;
  at?: Date;
}

/** A case in the database (default: a bureau-tier case being handled) whose timeline starts with its report. */
export async function buildCase(t: TestApp, o: CaseOverrides = {}) {
  const _id = new Types.ObjectId();
  const at = o.at ?? t.clock.now();
  const caseNo = `JT-2026-${uniq('').toUpperCase()}`;
  await appendEvent({
    caseId: _id, seq: 1, action: 'report', from: null, to: 'reported', actorId: null, actorRole: null, actorName: 'factory',
    at, note: null, data: { caseNo, source: 'hotline', category: TEST_CATEGORY }, patch: {}, attachments: [],
  });
  const doc = await CaseModel.create({
    _id,
    caseNo,
    status: o.status ?? 'in_progress',
    tier: o.tier ?? 'bureau',
    source: 'hotline',
    categoryCode: TEST_CATEGORY,
    domain: 'market',
    description: o.description ?? '无证经营且占道，涉及市场监管与公安',
    location: { type: 'Point', coordinates: [106.25, 29.29] },
    gridId: o.gridId ?? null,
    teamId: o.teamId ?? null,
    holderId: o.holderId ? new Types.ObjectId(o.holderId) : null,
    seq: 1,
    reportedAt: at,
    createdAt: at,
    updatedAt: at,
  });
  return doc.toObject();
}

/** The bureau, two agencies with a liaison each, and two open cases: the cast of a joint case. */
export async function jointCast(t: TestApp): Promise<{
  dispatcher: LoggedIn;
  police: AgencyDoc;
  market: AgencyDoc;
  tax: AgencyDoc;
  policeLiaison: LoggedIn;
  marketLiaison: LoggedIn;
  taxLiaison: LoggedIn;
  cases: { _id: Types.ObjectId; caseNo: string }[];
}> {
  const [police, market, tax] = [await buildAgency({ zh: '公安派出所' }), await buildAgency({ zh: '市场监管所' }), await buildAgency({ zh: '税务所' })];
  return {
    dispatcher: await loginAs(t, 'dispatcher'),
    police,
    market,
    tax,
    policeLiaison: await liaisonOf(t, police),
    marketLiaison: await liaisonOf(t, market),
    taxLiaison: await liaisonOf(t, tax),
    cases: [await buildCase(t), await buildCase(t)],
  };
}

export const iso = (d: Date) => d.toISOString();
export const inHours = (t: TestApp, h: number) => new Date(t.clock.now().getTime() + h * 3_600_000).toISOString();

/**
 * Text of a PDF as a reader would copy it, without poppler: inflates the streams, reads the
 * ToUnicode CMaps (bfchar/bfrange) and decodes the hex glyph strings of every TJ/Tj operator.
 * One string per text-showing operator (a line of the document).
 */
export function pdfText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const bytes = Buffer.from(m[1]!, 'latin1');
    try {
      streams.push(inflateSync(bytes).toString('latin1'));
    } catch {
      streams.push(m[1]!);
    }
  }
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  const map = new Map<number, string>();
  for (const s of streams.filter((x) => x.includes('begincmap'))) {
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, src, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(src!, 16), utf16(dst!));
    }
    for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, lo, hi, rest] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const start = parseInt(lo!, 16);
        const end = parseInt(hi!, 16);
        if (rest!.startsWith('[')) [...rest!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, i) => map.set(start + i, utf16(d[1]!)));
        else for (let c = start, base = parseInt(rest!.slice(1, -1), 16); c <= end; c++) map.set(c, String.fromCharCode(base + c - start));
      }
    }
  }
  const lines: string[] = [];
  for (const s of streams.filter((x) => /\bT[Jj]\b/.test(x))) {
    for (const op of s.matchAll(/(\[(?:[^\]]*)\]\s*TJ|<[0-9a-fA-F]*>\s*Tj)/g)) {
      let text = '';
      for (const [, hex] of op[1]!.matchAll(/<([0-9a-fA-F]*)>/g)) {
        for (let i = 0; i + 4 <= hex!.length; i += 4) text += map.get(parseInt(hex!.slice(i, i + 4), 16)) ?? '\uFFFD';
      }
      lines.push(text);
    }
  }
  return lines;
}

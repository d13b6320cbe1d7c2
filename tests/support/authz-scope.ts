import type { Role } from '../../backend/src/contracts';
import { CaseModel } from '../../backend/src/modules/cases';
import { JointCaseModel, JointTaskModel } from '../../backend/src/modules/joint-cases';
import { ActionItemModel, MeetingModel } from '../../backend/src/modules/meetings';
import type { TestApp } from './app';
import type { Who } from './authz-world';

/**
 * The scope rules of domain.md §7 written out again, independently of the policies under test, as
 * the oracle the list checks compare against (sets of ids read straight from the database).
 */

const s = (v: unknown) => (v === null || v === undefined ? null : String(v));

type Raw = Record<string, unknown>;

export const BUREAU: Role[] = ['dispatcher', 'bureau_chief'];
/** Roles that see every case (局管全面; the legal office reads everything). */
export const SEES_ALL_CASES: Role[] = ['dispatcher', 'bureau_chief', 'legal_officer'];

/** 员管网格 (cells, held, reported) · 队管片区 (team, held) · agencies their shared cases · the bureau all. */
export function seesCase(who: Who, c: Raw): boolean {
  const u = who.user;
  const me = who.id;
  switch (u.role as Role) {
    case 'dispatcher':
    case 'bureau_chief':
    case 'legal_officer':
      return true;
    case 'inspector':
      return (u.gridIds ?? []).map(String).includes(s(c.gridId) ?? '-') || s(c.holderId) === me || s(c.reporterId) === me;
    case 'team_leader':
      return (u.teamId !== null && s(c.teamId) === s(u.teamId)) || s(c.holderId) === me;
    case 'agency_liaison':
      return u.agencyId !== null && ((c.agencyIds as unknown[]) ?? []).map(String).includes(String(u.agencyId));
    default:
      return false;
  }
}

export async function allCases(): Promise<Raw[]> {
  return CaseModel.find({}).lean<Raw[]>();
}

export async function visibleCases(who: Who): Promise<Raw[]> {
  return (await allCases()).filter((c) => seesCase(who, c));
}

/** Joint cases: the bureau and legal all, a liaison its agency's, inspectors and leaders those over a case they see. */
export async function visibleJointIds(who: Who): Promise<Set<string>> {
  const role = who.user.role as Role;
  const joints = await JointCaseModel.find({}).lean<Raw[]>();
  if (SEES_ALL_CASES.includes(role)) return new Set(joints.map((j) => String(j._id)));
  if (role === 'agency_liaison') {
    return new Set(joints.filter((j) => (j.agencyIds as unknown[]).map(String).includes(String(who.user.agencyId))).map((j) => String(j._id)));
  }
  const seen = new Set((await visibleCases(who)).map((c) => String(c._id)));
  return new Set(joints.filter((j) => (j.caseIds as unknown[]).map(String).some((id) => seen.has(id))).map((j) => String(j._id)));
}

export async function visibleTaskIds(who: Who): Promise<Set<string>> {
  const tasks = await JointTaskModel.find({}).lean<Raw[]>();
  if (who.user.role === 'agency_liaison') return new Set(tasks.filter((x) => String(x.agencyId) === String(who.user.agencyId)).map((x) => String(x._id)));
  const joints = await visibleJointIds(who);
  return new Set(tasks.filter((x) => joints.has(String(x.jointCaseId))).map((x) => String(x._id)));
}

/** Action items: the bureau and legal all, a liaison its agency's, a leader the team's. */
export async function visibleItemIds(who: Who): Promise<Set<string>> {
  const items = await ActionItemModel.find({}).lean<Raw[]>();
  const role = who.user.role as Role;
  if (SEES_ALL_CASES.includes(role)) return new Set(items.map((i) => String(i._id)));
  if (role === 'agency_liaison') return new Set(items.filter((i) => s(i.ownerAgencyId) === String(who.user.agencyId)).map((i) => String(i._id)));
  if (role === 'team_leader') return new Set(items.filter((i) => s(i.ownerTeamId) === String(who.user.teamId)).map((i) => String(i._id)));
  return new Set();
}

/** Meetings: the bureau and legal all, a liaison those inviting its agency, a leader those with items of the team. */
export async function visibleMeetingIds(who: Who): Promise<Set<string>> {
  const meetings = await MeetingModel.find({}).lean<Raw[]>();
  const role = who.user.role as Role;
  if (SEES_ALL_CASES.includes(role)) return new Set(meetings.map((m) => String(m._id)));
  if (role === 'agency_liaison') {
    return new Set(meetings.filter((m) => (m.invitedAgencyIds as unknown[]).map(String).includes(String(who.user.agencyId))).map((m) => String(m._id)));
  }
  if (role === 'team_leader') {
    const items = await ActionItemModel.find({ ownerTeamId: who.user.teamId }).lean<Raw[]>();
    return new Set(items.map((i) => String(i.meetingId)));
  }
  return new Set();
}

export interface Page {
  ids: string[];
  body: Record<string, any>;
}

/** Follows `meta.nextCursor` to the end of a list; every page is kept (to check totals on each). */
export async function pages(t: TestApp, auth: string, url: string, query: Record<string, string | number> = {}, idOf = (x: any) => String(x.id)): Promise<Page[]> {
  const out: Page[] = [];
  let cursor: string | null | undefined;
  for (let i = 0; i < 500; i++) {
    const res = await t.http().get(url).query({ ...query, ...(cursor ? { cursor } : {}) }).set('Authorization', auth);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status} ${JSON.stringify(res.body)}`);
    out.push({ ids: (res.body.data as unknown[]).map(idOf), body: res.body });
    cursor = res.body.meta?.nextCursor;
    if (!cursor) return out;
  }
  throw new Error(`${url}: more than 500 pages`);
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), BOM stripped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

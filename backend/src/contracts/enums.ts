/**
 * Enumerations shared by the backend and the frontend.
 * Glossary (domain terms keep their Chinese name once here):
 *  - tier: bureau 局管全面 / team 队管片区 / grid 员管网格
 *  - zone 片区, grid cell 网格, category catalogue 事项目录
 *  - reported 上报, filed 立案, rejected 不予立案, dispatched 派遣, in_progress 处置,
 *    resolved 处置完毕(待核查), closed 结案, return 退回, verify 核查, rework 返工, escalate 升级
 */
export const ROLES = [
  'inspector', // 网格员 grid inspector (incl. 协管员 assistant enforcers)
  'team_leader', // 中队长 enforcement team leader
  'dispatcher', // 指挥中心 bureau dispatch centre
  'bureau_chief', // 局长
  'agency_liaison', // 派驻机构联络员 stationed/district agency liaison
  'legal_officer', // 法制部门 district legal office (read-only + reviews)
  'admin', // 管理员 users, geometry, catalogue; no case decisions
] as const;
export type Role = (typeof ROLES)[number];

export const TIERS = ['grid', 'team', 'bureau'] as const;
export type Tier = (typeof TIERS)[number];

export const CASE_STATUSES = [
  'reported',
  'filed',
  'rejected',
  'merged',
  'dispatched',
  'in_progress',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_SOURCES = ['patrol', 'hotline', 'citizen', 'agency_referral', 'open311'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Enforcement domains (分领域执法). */
export const DOMAINS = [
  'city_appearance', // 市容环卫
  'market', // 市场监管
  'planning_land', // 规划自然资源
  'environment', // 生态环境
  'work_safety', // 安全生产
  'agriculture', // 农业农村
  'culture_tourism', // 文化旅游
  'transport', // 交通运输
  'water', // 水务
  'health', // 卫生健康
] as const;
export type Domain = (typeof DOMAINS)[number];

export const AGENCY_KINDS = ['stationed', 'district'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const TEAM_KINDS = ['zone', 'domain'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/** How a role relates to one scope field of a user. */
export type ScopeNeed = 'required' | 'optional' | 'forbidden';
export type ScopeField = 'gridIds' | 'teamId' | 'agencyId';

/**
 * Which scope each role carries (domain §7): inspectors work their grid cells (and may belong to
 * a team), team leaders their team, liaisons their agency; the bureau-wide roles carry none. The
 * users API enforces it; the admin page offers only the fields a role carries.
 */
export const SCOPE_RULES: Record<Role, Record<ScopeField, ScopeNeed>> = {
  inspector: { gridIds: 'required', teamId: 'optional', agencyId: 'forbidden' },
  team_leader: { gridIds: 'forbidden', teamId: 'required', agencyId: 'forbidden' },
  dispatcher: { gridIds: 'forbidden', teamId: 'forbidden', agencyId: 'forbidden' },
  bureau_chief: { gridIds: 'forbidden', teamId: 'forbidden', agencyId: 'forbidden' },
  agency_liaison: { gridIds: 'forbidden', teamId: 'forbidden', agencyId: 'required' },
  legal_officer: { gridIds: 'forbidden', teamId: 'forbidden', agencyId: 'forbidden' },
  admin: { gridIds: 'forbidden', teamId: 'forbidden', agencyId: 'forbidden' },
};

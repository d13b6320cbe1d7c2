import { z } from 'zod';
import { CASE_SOURCES, CASE_STATUSES, DOMAINS, TIERS, type CaseStatus, type Role, type Tier } from './enums';
import { GeoJsonPoint, LocalizedName, ObjectIdString } from './common';

/**
 * Case actions (transitions and timeline-only steps). Glossary:
 * file 立案 · reject 不予立案 · merge 合并 · dispatch 派遣 · accept 接收 · return 退回 · handle_on_spot 当场处置 ·
 * resolve 处置完毕 · verify 核查(通过) · rework 返工 · escalate 升级 · de_escalate 降级 · postpone 延期 · suspend 缓办/挂账 ·
 * refer 移送/抄告 · penalty_* 行政处罚程序: investigate 调查取证, notify 告知(陈述申辩/听证), hearing 听证,
 * legal_review 法制审核, decide 决定, serve 送达, execute 执行, extend 延长办案期限 · comment 备注.
 */
export const CASE_ACTIONS = [
  'file',
  'reject',
  'merge',
  'dispatch',
  'accept',
  'return',
  'handle_on_spot',
  'resolve',
  'verify',
  'rework',
  'escalate',
  'de_escalate',
  'postpone_request',
  'postpone_approve',
  'postpone_deny',
  'suspend_request',
  'suspend_approve',
  'suspend_deny',
  'resume',
  'refer',
  'refer_ack',
  'penalty_investigate',
  'penalty_notify',
  'penalty_hearing',
  'legal_review',
  'penalty_decide',
  'penalty_serve',
  'penalty_execute',
  'penalty_extend',
  'comment',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Timeline-only actions recorded by the system (creation, merge into a survivor, joint steps, warnings). */
export const SYSTEM_EVENTS = ['report', 'merged_in', 'joint', 'warning', 'photo_added'] as const;

const Note = z.string().trim().min(1).max(2000);
const OptionalNote = z.string().trim().max(2000).optional();
const PhotoIds = z.array(ObjectIdString).max(20).optional();

/** `POST /api/v1/incidents` (上报). */
export const CreateIncidentBody = z.strictObject({
  location: GeoJsonPoint,
  category: z.string().trim().min(1).max(40),
  description: z.string().trim().min(1).max(2000),
  source: z.enum(CASE_SOURCES).exclude(['open311']).default('patrol'),
  urgent: z.boolean().default(false),
  address: z.string().trim().max(300).optional(),
  reporterContact: z.string().trim().max(100).optional(),
});
export type CreateIncidentBody = z.infer<typeof CreateIncidentBody>;

/** `POST /api/v1/cases/:id/transitions`: one variant per action. */
export const TransitionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('file'), note: OptionalNote, urgent: z.boolean().optional() }),
  z.strictObject({ action: z.literal('reject'), note: Note }),
  z.strictObject({ action: z.literal('merge'), targetCaseId: ObjectIdString, note: OptionalNote }),
  z.strictObject({
    action: z.literal('dispatch'),
    tier: z.enum(TIERS).optional(),
    teamId: ObjectIdString.optional(),
    holderId: ObjectIdString.optional(),
    note: OptionalNote,
  }),
  z.strictObject({ action: z.literal('accept'), note: OptionalNote }),
  z.strictObject({ action: z.literal('return'), note: Note }),
  z.strictObject({ action: z.literal('handle_on_spot'), note: Note, photoIds: PhotoIds }),
  z.strictObject({ action: z.literal('resolve'), note: Note, photoIds: PhotoIds }),
  z.strictObject({ action: z.literal('verify'), note: OptionalNote, photoIds: PhotoIds }),
  z.strictObject({ action: z.literal('rework'), note: Note, photoIds: PhotoIds }),
  z.strictObject({ action: z.literal('escalate'), note: Note }),
  z.strictObject({
    action: z.literal('de_escalate'),
    tier: z.enum(['grid', 'team']),
    holderId: ObjectIdString.optional(),
    note: Note,
  }),
  z.strictObject({ action: z.literal('postpone_request'), hours: z.number().int().min(1).max(24 * 90), note: Note }),
  z.strictObject({ action: z.literal('postpone_approve'), note: OptionalNote }),
  z.strictObject({ action: z.literal('postpone_deny'), note: Note }),
  z.strictObject({ action: z.literal('suspend_request'), note: Note }),
  z.strictObject({ action: z.literal('suspend_approve'), note: OptionalNote }),
  z.strictObject({ action: z.literal('suspend_deny'), note: Note }),
  z.strictObject({ action: z.literal('resume'), note: OptionalNote }),
  z.strictObject({
    action: z.literal('refer'),
    agencyId: ObjectIdString,
    kind: z.enum(['transfer', 'copy', 'crime']).default('transfer'),
    note: Note,
  }),
  z.strictObject({ action: z.literal('refer_ack'), referralId: z.string().min(1).max(64), note: OptionalNote }),
  z.strictObject({ action: z.literal('penalty_investigate'), note: Note, photoIds: PhotoIds }),
  z.strictObject({ action: z.literal('penalty_notify'), hearingOffered: z.boolean(), note: OptionalNote }),
  z.strictObject({
    action: z.literal('penalty_hearing'),
    requested: z.boolean(),
    heldAt: z.iso.datetime({ offset: true }).optional(),
    note: OptionalNote,
  }),
  z.strictObject({ action: z.literal('legal_review'), approved: z.boolean(), note: Note }),
  z.strictObject({
    action: z.literal('penalty_decide'),
    decisionType: z.enum(['warning', 'fine', 'confiscation', 'suspension', 'revocation', 'no_penalty']),
    amountYuan: z.number().min(0).max(1e9).default(0),
    legalBasis: z.string().trim().min(1).max(500),
    note: OptionalNote,
  }),
  z.strictObject({ action: z.literal('penalty_serve'), servedAt: z.iso.datetime({ offset: true }).optional(), note: OptionalNote }),
  z.strictObject({ action: z.literal('penalty_execute'), note: Note }),
  z.strictObject({ action: z.literal('penalty_extend'), days: z.number().int().min(1).max(90), note: Note }),
  z.strictObject({ action: z.literal('comment'), note: Note, photoIds: PhotoIds }),
]);
export type TransitionBody = z.infer<typeof TransitionBody>;

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).max(50));

/** `GET /api/v1/cases` filters (also the CSV export and the map). Comma lists mean "any of". */
export const CaseListQuery = z.strictObject({
  status: csv(z.enum(CASE_STATUSES)).optional(),
  tier: csv(z.enum(TIERS)).optional(),
  teamId: ObjectIdString.optional(),
  zoneId: ObjectIdString.optional(),
  gridId: ObjectIdString.optional(),
  category: csv(z.string().min(1).max(40)).optional(),
  domain: csv(z.enum(DOMAINS)).optional(),
  holderId: ObjectIdString.optional(),
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
  updatedFrom: z.iso.datetime({ offset: true }).optional(),
  updatedTo: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'dueAt', '-dueAt']).default('-createdAt'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export interface RefDto {
  id: string;
  code: string;
  name?: LocalizedName;
}

export interface PhotoDto {
  id: string;
  url: string;
  thumbUrl: string;
  contentType: string;
  size: number;
  width: number;
  height: number;
  uploadedAt: string;
}

/** A case as the API shows it. `allowedActions` is decided by the server for the caller. */
export interface CaseDto {
  id: string;
  caseNo: string;
  status: CaseStatus;
  tier: Tier;
  source: string;
  urgent: boolean;
  category: { code: string; name: LocalizedName; domain: string; penaltyCapable: boolean };
  description: string;
  address: string | null;
  location: GeoJsonPoint;
  /** Outside every grid cell: routed to the bureau dispatch queue and flagged. */
  outside: boolean;
  grid: RefDto | null;
  zone: RefDto | null;
  team: RefDto | null;
  holder: { id: string; displayName: string; role: Role } | null;
  reporter: { id: string; displayName: string } | null;
  stage: { name: string; dueAt: string | null; overdue: boolean } | null;
  possibleDuplicates: { id: string; caseNo: string; distanceM: number }[];
  mergedInto: { id: string; caseNo: string } | null;
  jointCaseId: string | null;
  pending: { kind: 'postpone' | 'suspend'; hours?: number; requestedBy: string } | null;
  suspended: boolean;
  penalty: {
    steps: string[];
    major: boolean;
    legalReview: 'none' | 'approved' | 'rejected';
    decision: { type: string; amountYuan: number; legalBasis: string; at: string } | null;
    decisionDueAt: string | null;
  } | null;
  referrals: { id: string; agencyId: string; kind: string; at: string; acknowledgedAt: string | null }[];
  photos: PhotoDto[];
  allowedActions: CaseAction[];
  seq: number;
  createdAt: string;
  updatedAt: string;
  filedAt: string | null;
  closedAt: string | null;
}

export interface CaseEventDto {
  seq: number;
  action: string;
  from: CaseStatus | null;
  to: CaseStatus | null;
  actor: { id: string; displayName: string; role: Role } | null;
  at: string;
  note: string | null;
  data: Record<string, unknown>;
  attachments: string[];
  hash: string;
}

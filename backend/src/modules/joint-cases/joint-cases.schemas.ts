import { z } from 'zod';
import { ObjectIdString } from '../../contracts';
import { JOINT_REASONS, JOINT_STATUSES } from './joint-case.model';
import { TASK_STATUSES } from './joint-task.workflow';

const Text = (max: number) => z.string().trim().min(1).max(max);
const DueAt = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
/** Photo ids or short text references (document numbers, links) kept with a task's result. */
const Attachments = z.array(Text(500)).max(20).default([]);

export const NewTaskSchema = z.strictObject({
  agencyId: ObjectIdString,
  description: Text(2000),
  dueAt: DueAt,
});
export type NewTask = z.infer<typeof NewTaskSchema>;

/** `POST /joint-cases`: opened by the bureau from one or more cases. */
export const OpenJointCaseSchema = z
  .strictObject({
    title: Text(200),
    description: z.string().trim().max(4000).default(''),
    reason: z.enum(JOINT_REASONS),
    caseIds: z.array(ObjectIdString).min(1).max(20),
    lead: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('bureau') }),
      z.strictObject({ kind: z.literal('agency'), agencyId: ObjectIdString }),
    ]),
    agencyIds: z.array(ObjectIdString).min(1).max(20),
    tasks: z.array(NewTaskSchema).max(50).default([]),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((b) => new Set(b.caseIds).size === b.caseIds.length, { message: 'caseIds must be distinct', path: ['caseIds'] })
  .refine((b) => new Set(b.agencyIds).size === b.agencyIds.length, { message: 'agencyIds must be distinct', path: ['agencyIds'] });
export type OpenJointCaseBody = z.infer<typeof OpenJointCaseSchema>;

export const ListJointCasesQuery = z.strictObject({
  status: z.enum(JOINT_STATUSES).optional(),
  caseId: ObjectIdString.optional(),
  agencyId: ObjectIdString.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: ObjectIdString.optional(),
});
export type ListJointCasesQuery = z.infer<typeof ListJointCasesQuery>;

export const ListTasksQuery = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  jointCaseId: ObjectIdString.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: ObjectIdString.optional(),
});
export type ListTasksQuery = z.infer<typeof ListTasksQuery>;

export const IdParams = z.strictObject({ id: ObjectIdString });
export const TaskParams = z.strictObject({ id: ObjectIdString, taskId: ObjectIdString });
export const NoQuery = z.strictObject({});

/** `POST /joint-cases/:id/tasks/:taskId/transitions`: one variant per action. */
export const TaskTransitionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), note: z.string().trim().max(2000).optional() }),
  z.strictObject({ action: z.literal('decline'), reason: Text(2000) }),
  z.strictObject({ action: z.literal('start'), note: z.string().trim().max(2000).optional() }),
  z.strictObject({ action: z.literal('report'), result: Text(4000), attachments: Attachments }),
  z.strictObject({ action: z.literal('cancel'), reason: Text(2000) }),
]);
export type TaskTransitionBody = z.infer<typeof TaskTransitionSchema>;

/** `POST /joint-cases/:id/tasks/:taskId/reassign`: a declined task goes to another agency (改派). */
export const ReassignTaskSchema = z.strictObject({
  agencyId: ObjectIdString,
  description: Text(2000).optional(),
  dueAt: DueAt,
  note: z.string().trim().max(2000).optional(),
});
export type ReassignTaskBody = z.infer<typeof ReassignTaskSchema>;

/** `POST /joint-cases/:id/decision`: the joint decision (联合决定), closing the joint case. */
export const DecideSchema = z.strictObject({ decision: Text(4000), note: z.string().trim().max(2000).optional() });
export type DecideBody = z.infer<typeof DecideSchema>;

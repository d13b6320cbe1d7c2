/** Joint enforcement (联合办案): joint cases with the stationed and district agencies, and their tasks. */
export { JointCaseModel, JointEventModel, JointLinkModel } from './joint-case.model';
export { JointTaskModel, JointTaskEventModel, JointNoticeModel } from './joint-task.model';
export { createJointCasesRouter } from './joint-cases.routes';
export { runJointTaskScan } from './joint-deadline.scan';
export { jointCasesByIds } from './joint-cases.repository';
export { canSeeJointCase } from './joint-cases.policy';
export {
  agencyLabels,
  teamLabels,
  assertActiveAgencies,
  assertTeamExists,
  liaisonsOf,
  teamLeadersOf,
  bureauUsers,
  userNames,
  type UnitLabel,
} from './agency-lookup.repository';

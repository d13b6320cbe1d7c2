export { recordAudit, type AuditInput, type AuditActor } from './audit.service';
export { createAuditRouter } from './audit.routes';
export { AuditEventModel, type AuditEventDoc } from './audit-event.model';
export type { AuditEventDto } from './audit.presenter';

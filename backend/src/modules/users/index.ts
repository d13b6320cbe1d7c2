export { UserModel, CredentialModel, type UserDoc } from './user.model';
export { findUserForAuth, userLabels, type UserLabel } from './user-cache';
export { findUserById, findUserByUsername, findPasswordHash } from './users.repository';
export { hashPassword, verifyPassword, verifyAgainstDummy } from './password.hasher';
export { presentUser, type UserDto } from './users.presenter';
export { ensureUser } from './users.service';
export { assignCellsToInspector, deriveInspectorGrids } from './inspector-cells.service';
export { scopeOf, type UserScope, type ScopeFields } from './user-scope.workflow';
export { createUsersRouter } from './users.routes';

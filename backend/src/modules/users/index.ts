export { UserModel, CredentialModel, type UserDoc } from './user.model';
export { findUserById, findUserByUsername } from './users.repository';

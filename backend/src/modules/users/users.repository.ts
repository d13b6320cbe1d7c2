import { Types } from 'mongoose';
import { UserModel, type UserDoc } from './user.model';

export async function findUserById(id: string): Promise<UserDoc | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return UserModel.findById(id).lean<UserDoc>();
}

export async function findUserByUsername(username: string): Promise<UserDoc | null> {
  return UserModel.findOne({ username: username.trim().toLowerCase() }).lean<UserDoc>();
}

import { z } from 'zod';
import { ObjectIdString, PageQuery, ROLES } from '../../contracts';

export const LOCALES = ['zh-CN', 'en'] as const;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'letters, digits, dot, dash and underscore; starting with a letter or digit');
/** Length bounds only (NIST 800-63B): at least 8 characters, at most 1024 so hashing stays cheap. */
export const Password = z.string().min(8, 'must be at least 8 characters').max(1024);
const DisplayName = z.string().trim().min(1).max(100);
const Phone = z.string().trim().regex(/^\+?[0-9 ()-]{3,32}$/, 'must be a phone number');
const GridIds = z.array(ObjectIdString).max(500);

/** `POST /users`: a new account with its initial password. */
export const CreateUserSchema = z.strictObject({
  username: Username,
  displayName: DisplayName,
  role: z.enum(ROLES),
  password: Password,
  gridIds: GridIds.default([]),
  teamId: ObjectIdString.nullable().default(null),
  agencyId: ObjectIdString.nullable().default(null),
  phone: Phone.nullable().default(null),
  locale: z.enum(LOCALES).default('zh-CN'),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

/** `PATCH /users/:id`: any subset of the editable fields (username and password excluded). */
export const UpdateUserSchema = z
  .strictObject({
    displayName: DisplayName.optional(),
    role: z.enum(ROLES).optional(),
    gridIds: GridIds.optional(),
    teamId: ObjectIdString.nullable().optional(),
    agencyId: ObjectIdString.nullable().optional(),
    phone: Phone.nullable().optional(),
    locale: z.enum(LOCALES).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Give at least one field to change' });
export type UpdateUserInput = z.infer<typeof UpdateUserSchema>;

export const ResetPasswordSchema = z.strictObject({ password: Password });

export const UserIdParams = z.strictObject({ id: ObjectIdString });

export const ListUsersQuery = z.strictObject({
  role: z.enum(ROLES).optional(),
  teamId: ObjectIdString.optional(),
  agencyId: ObjectIdString.optional(),
  gridId: ObjectIdString.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  disabled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...PageQuery,
});
export type ListUsersInput = z.infer<typeof ListUsersQuery>;

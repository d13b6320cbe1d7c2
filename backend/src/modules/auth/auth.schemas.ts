import { z } from 'zod';

/** Bounds keep hashing cheap and refuse junk before any database work. */
export const LoginSchema = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});

export const RefreshSchema = z.strictObject({
  refreshToken: z.string().min(1).max(512),
});

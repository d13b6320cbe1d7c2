import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client';
import { sessionStore, type Session } from '@/lib/session';

/** Same limits the server applies, so obvious mistakes are caught before a round trip. */
export const LoginInputSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

/** `POST /api/v1/auth/login` → `{ accessToken, refreshToken, user }`; stores the session. */
export async function login(input: LoginInput): Promise<Session> {
  const s = await api<Session>('/auth/login', { method: 'POST', body: input, auth: false });
  sessionStore.set({ accessToken: s.accessToken, refreshToken: s.refreshToken, user: s.user });
  return s;
}

export function useLogin() {
  // The form shows the error itself, next to the fields.
  return useMutation({ mutationFn: login, meta: { toast: false } });
}

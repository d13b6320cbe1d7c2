import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@gridenforce/backend/contracts';
import { api, type DataBody } from '@/lib/api-client';
import { userKeys, type UserRow } from './get-users';

/** The scope and profile fields an administrator sets (`POST /users`, `PATCH /users/:id`). */
export interface UserFieldsInput {
  displayName: string;
  role: Role;
  gridIds?: string[];
  teamId?: string | null;
  agencyId?: string | null;
  phone?: string | null;
  locale?: 'zh-CN' | 'en';
}

export interface CreateUserInput extends UserFieldsInput {
  username: string;
  password: string;
}

/**
 * Mutations show their own errors (per field in the form), so the global toast is off; the user
 * lists are refetched after every change.
 */
function useUserMutation<V>(fn: (v: V) => Promise<UserRow | void>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { toast: false },
    onSuccess: () => void qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** `POST /api/v1/users`. */
export function useCreateUser() {
  return useUserMutation(async (body: CreateUserInput) => (await api<DataBody<UserRow>>('/users', { method: 'POST', body })).data);
}

/** `PATCH /api/v1/users/:id`: a role or scope change ends the user's sessions (server side). */
export function useUpdateUser() {
  return useUserMutation(
    async ({ id, body }: { id: string; body: Partial<UserFieldsInput> }) =>
      (await api<DataBody<UserRow>>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body })).data,
  );
}

/** `POST /api/v1/users/:id/disable|enable`: disabling ends every session of the user at once. */
export function useSetUserDisabled() {
  return useUserMutation(
    async ({ id, disabled }: { id: string; disabled: boolean }) =>
      (await api<DataBody<UserRow>>(`/users/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`, { method: 'POST' })).data,
  );
}

/** `POST /api/v1/users/:id/reset-password` (204): the user's sessions end. */
export function useResetPassword() {
  return useUserMutation(async ({ id, password }: { id: string; password: string }) => {
    await api(`/users/${encodeURIComponent(id)}/reset-password`, { method: 'POST', body: { password } });
  });
}

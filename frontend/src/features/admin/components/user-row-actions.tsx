import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/error-message';
import { toast } from '@/lib/toast';
import type { UserRow } from '../api/get-users';
import { useSetUserDisabled } from '../api/user-mutations';

/**
 * Edit, reset password and disable/enable for one user. Disabling asks once more (it ends the
 * user's sessions at once); administrators cannot disable themselves (the server refuses too).
 */
export function UserRowActions({ user, self, onEdit, onResetPassword }: { user: UserRow; self: boolean; onEdit: (u: UserRow) => void; onResetPassword: (u: UserRow) => void }) {
  const { t } = useTranslation();
  const setDisabled = useSetUserDisabled();
  const [confirming, setConfirming] = useState(false);
  const who = user.username;

  const apply = (disabled: boolean) =>
    setDisabled.mutate(
      { id: user.id, disabled },
      {
        onSuccess: () => {
          setConfirming(false);
          toast('success', t(disabled ? 'admin.disabledDone' : 'admin.enabledDone', { name: who }));
        },
        onError: (err) => toast('error', errorMessage(err, t)),
      },
    );

  if (confirming) {
    return (
      <div className="action-buttons is-confirming" role="group" aria-label={t('admin.confirmDisable', { name: who })}>
        <span className="small">{t('admin.confirmDisable', { name: who })}</span>
        <button type="button" className="btn btn-small btn-danger" onClick={() => apply(true)} disabled={setDisabled.isPending} data-testid="user-disable-confirm" autoFocus>
          {t('admin.disable')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
          {t('common.cancel')}
        </button>
      </div>
    );
  }
  return (
    <div className="action-buttons">
      <button type="button" className="btn btn-small" onClick={() => onEdit(user)} aria-label={t('admin.editNamed', { name: who })} data-testid="user-edit">
        {t('admin.edit')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => onResetPassword(user)} aria-label={t('admin.resetNamed', { name: who })} data-testid="user-reset-password">
        {t('admin.resetPassword')}
      </button>
      {user.disabled ? (
        <button type="button" className="btn btn-small" onClick={() => apply(false)} disabled={setDisabled.isPending} aria-label={t('admin.enableNamed', { name: who })} data-testid="user-enable">
          {t('admin.enable')}
        </button>
      ) : self ? null : (
        <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setConfirming(true)} aria-label={t('admin.disableNamed', { name: who })} data-testid="user-disable">
          {t('admin.disable')}
        </button>
      )}
    </div>
  );
}

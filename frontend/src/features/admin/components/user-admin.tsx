import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '@/lib/session';
import { toast } from '@/lib/toast';
import type { UserRow } from '../api/get-users';
import { ResetPasswordForm } from './reset-password-form';
import { UserForm } from './user-form';
import { UserList } from './user-list';

type Panel = { kind: 'none' } | { kind: 'create' } | { kind: 'edit'; user: UserRow } | { kind: 'reset'; user: UserRow };

/**
 * User administration: the list with its filters and one panel at a time above it (new user,
 * edit, password reset). Escape closes the panel; focus moves to the panel's heading on open.
 */
export function UserAdmin() {
  const { t } = useTranslation();
  const me = useUser();
  const [panel, setPanelState] = useState<Panel>({ kind: 'none' });
  const opener = useRef<HTMLElement | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const setPanel = (p: Panel) => {
    if (panel.kind === 'none') opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setPanelState(p);
  };
  // Focus goes back to the button that opened the panel (or "New user" if that row is gone).
  const close = () => {
    setPanelState({ kind: 'none' });
    const back = opener.current;
    requestAnimationFrame(() => (back?.isConnected ? back : newButton.current)?.focus());
  };
  const panelKey = panel.kind === 'edit' || panel.kind === 'reset' ? `${panel.kind}-${panel.user.id}` : panel.kind;

  return (
    <div className="user-admin" data-testid="user-admin">
      <div className="list-head">
        <p className="muted">{t('admin.usersIntro')}</p>
        <button ref={newButton} type="button" className="btn btn-primary" onClick={() => setPanel({ kind: 'create' })} data-testid="user-new" aria-expanded={panel.kind === 'create'}>
          {t('admin.newUser')}
        </button>
      </div>
      <div
        onKeyDown={(e) => {
          if (e.key === 'Escape' && panel.kind !== 'none') {
            e.stopPropagation();
            close();
          }
        }}
      >
        {panel.kind === 'create' || panel.kind === 'edit' ? (
          <UserForm
            key={panelKey}
            user={panel.kind === 'edit' ? panel.user : null}
            self={panel.kind === 'edit' && panel.user.id === me.id}
            onCancel={close}
            onDone={(u) => {
              toast('success', t(panel.kind === 'create' ? 'admin.createdDone' : 'admin.savedDone', { name: u.username }));
              close();
            }}
          />
        ) : null}
        {panel.kind === 'reset' ? <ResetPasswordForm key={panelKey} user={panel.user} onClose={close} /> : null}
      </div>
      <UserList selfId={me.id} onEdit={(user) => setPanel({ kind: 'edit', user })} onResetPassword={(user) => setPanel({ kind: 'reset', user })} />
    </div>
  );
}

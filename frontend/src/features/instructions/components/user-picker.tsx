import { useDeferredValue, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecipientSearch, type TargetableUser } from '../api/search-recipients';
import '../i18n';
import '../instructions.css';

export type PickedUser = Pick<TargetableUser, 'id' | 'displayName' | 'username' | 'role'>;

/** Roles an instruction can name (the admin account receives no instructions in practice but may be named). */
const ROLES = ['inspector', 'team_leader', 'dispatcher', 'bureau_chief', 'agency_liaison', 'legal_officer'] as const;

/**
 * Named-user targets of an instruction: chosen people as removable chips, a search by name or
 * username with an optional role filter. The server lists only people the caller may instruct
 * (a team leader: their team's), so what is offered is what the send accepts.
 */
export function UserPicker({ value, onChange }: { value: PickedUser[]; onChange: (v: PickedUser[]) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [term, setTerm] = useState('');
  const [role, setRole] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const search = useRecipientSearch(useDeferredValue(term), role);
  const chosen = new Set(value.map((u) => u.id));
  const hits = (search.data ?? []).filter((u) => !chosen.has(u.id));
  const roleName = (r: string) => t(`role.${r}`, { defaultValue: r });
  const searching = term.trim() !== '' || role !== '';
  return (
    <fieldset className="user-picker" data-testid="instruction-user-picker">
      <legend>{t('instructions.toUsers')}</legend>
      {value.length ? (
        <ul className="chips" aria-label={t('instructions.usersChosen', { count: value.length })} data-testid="picked-users">
          {value.map((u) => (
            <li key={u.id} className="chip" data-testid="picked-user">
              <span>
                <strong>{u.displayName}</strong> <span className="muted small">{u.username} · {roleName(u.role)}</span>
              </span>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={t('instructions.removeUser', { name: u.displayName })}
                onClick={() => onChange(value.filter((x) => x.id !== u.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('instructions.noUsersChosen')}</p>
      )}
      <div className="user-picker-controls">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('instructions.userSearch')}</label>
          <input
            id={`${id}-q`}
            ref={input}
            type="search"
            value={term}
            onChange={(e) => setTerm(e.target.value)}
            autoComplete="off"
            maxLength={50}
            aria-describedby={`${id}-hint`}
            data-testid="user-search"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('instructions.userRole')}</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">{t('instructions.anyRole')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="hint" id={`${id}-hint`}>
        {t('instructions.userSearchHint')}
      </p>
      <div aria-live="polite">
        {searching && search.isSuccess && search.data.length === 0 ? <p className="muted small">{t('instructions.noUsersFound')}</p> : null}
      </div>
      {searching && hits.length ? (
        <ul className="search-hits check-scroll" aria-label={t('instructions.userResults')} data-testid="user-hits">
          {hits.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                className="btn btn-small"
                aria-label={t('instructions.addUser', { name: `${u.displayName} (${u.username})` })}
                onClick={() => {
                  onChange([...value, { id: u.id, displayName: u.displayName, username: u.username, role: u.role }]);
                  // Ready for the next name: the search is cleared and has the focus again.
                  setTerm('');
                  input.current?.focus();
                }}
                data-testid="user-hit"
                data-username={u.username}
              >
                + {u.displayName}
              </button>{' '}
              <span className="small muted">
                {u.username} · {roleName(u.role)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, SCOPE_RULES, type Role } from '@gridenforce/backend/contracts';
import { useAgencies } from '@/api/get-agencies';
import { useTeams } from '@/api/get-teams';
import { errorMessage } from '@/lib/error-message';
import { useLocalName } from '@/lib/i18n';
import type { UserRow } from '../api/get-users';
import { useCreateUser, useUpdateUser, type UserFieldsInput } from '../api/user-mutations';
import { CellPicker } from './cell-picker';
import { carries, generatePassword, userErrors, type FieldErrors, type FormField } from './user-form-model';

/** A labelled text input with its error announced and linked (aria-describedby). */
function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  required?: boolean;
  type?: string;
  hint?: ReactNode;
  autoComplete?: string;
  name: string;
}) {
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={props.id}>
        {props.label} {props.required ? <span className="req">*</span> : null}
      </label>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete ?? 'off'}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.hint ? (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p className="field-error" id={`${props.id}-err`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="field-error" id={id}>
      {error}
    </p>
  ) : null;
}

/**
 * Creating or editing an account: name, role and the scope the role carries (cells grouped by
 * zone for inspectors, a team, an agency). The server validates; its refusals are shown beside
 * the field they concern. Editing a role or scope ends the user's sessions (said in the hint).
 */
export function UserForm({ user, self = false, onDone, onCancel }: { user: UserRow | null; self?: boolean; onDone: (u: UserRow) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const create = useCreateUser();
  const update = useUpdateUser();
  const teams = useTeams();
  const agencies = useAgencies();
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'inspector');
  const [password, setPassword] = useState('');
  const [gridIds, setGridIds] = useState<string[]>(user?.gridIds ?? []);
  const [teamId, setTeamId] = useState(user?.teamId ?? '');
  const [agencyId, setAgencyId] = useState(user?.agencyId ?? '');
  const [phone, setPhone] = useState(user?.phone ?? '');
  const [locale, setLocale] = useState<'zh-CN' | 'en'>(user?.locale === 'en' ? 'en' : 'zh-CN');
  // The refusal itself is kept, so its messages follow a language switch.
  const [failure, setFailure] = useState<unknown>(null);
  const { fields: errors, other } = failure ? userErrors(failure, t) : { fields: {} as FieldErrors, other: false };
  const formError = other ? errorMessage(failure, t) : null;
  const pending = create.isPending || update.isPending;

  useEffect(() => heading.current?.focus(), []);

  const fail = (err: unknown) => {
    setFailure(err);
    const { fields } = userErrors(err, t);
    const first = (['username', 'displayName', 'role', 'password', 'teamId', 'agencyId', 'phone'] as FormField[]).find((f) => fields[f]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const fields: UserFieldsInput = { displayName, role, phone: phone.trim() || null, locale };
    if (carries(role, 'gridIds')) fields.gridIds = gridIds;
    if (carries(role, 'teamId')) fields.teamId = teamId || null;
    if (carries(role, 'agencyId')) fields.agencyId = agencyId || null;
    if (user) update.mutate({ id: user.id, body: fields }, { onSuccess: (u) => u && onDone(u), onError: fail });
    else create.mutate({ ...fields, username, password }, { onSuccess: (u) => u && onDone(u), onError: fail });
  };

  const need = SCOPE_RULES[role];
  const teamOptions = (teams.data ?? []).map((x) => ({ id: x.id, label: `${x.code ?? ''} ${local(x.name, x.id)}`.trim() }));
  const agencyOptions = (agencies.data ?? []).map((x) => ({ id: x.id, label: local(x.name, x.code ?? x.id) }));
  const f = (name: FormField) => `${id}-${name}`;
  const described = (name: FormField) => (errors[name] ? `${f(name)}-err` : undefined);

  return (
    <form className="card user-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`} data-testid="user-form">
      <h2 id={`${id}-h`} tabIndex={-1} ref={heading}>
        {user ? t('admin.editUser', { name: user.username }) : t('admin.newUser')}
      </h2>
      <div className="form-grid">
        {user ? (
          <div className="field">
            <span className="label">{t('admin.username')}</span>
            <p className="readonly-value">{user.username}</p>
          </div>
        ) : (
          <TextField id={f('username')} name="username" label={t('admin.username')} value={username} onChange={setUsername} error={errors.username} required hint={t('admin.usernameHint')} />
        )}
        <TextField id={f('displayName')} name="displayName" label={t('admin.displayName')} value={displayName} onChange={setDisplayName} error={errors.displayName} required />
      </div>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={f('role')}>
            {t('admin.role')} <span className="req">*</span>
          </label>
          <select id={f('role')} name="role" value={role} disabled={self} onChange={(e) => {
              setRole(e.target.value as Role);
              setFailure(null);
            }} aria-describedby={self ? `${f('role')}-self` : described('role')} aria-invalid={errors.role ? true : undefined}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          {self ? (
            <p className="hint" id={`${f('role')}-self`}>
              {t('admin.ownRole')}
            </p>
          ) : null}
          <FieldError id={`${f('role')}-err`} error={errors.role} />
        </div>
        {need.teamId !== 'forbidden' ? (
          <div className="field">
            <label htmlFor={f('teamId')}>
              {t('admin.team')} {need.teamId === 'required' ? <span className="req">*</span> : null}
            </label>
            <select id={f('teamId')} name="teamId" value={teamId} onChange={(e) => setTeamId(e.target.value)} aria-describedby={described('teamId')} aria-invalid={errors.teamId ? true : undefined}>
              <option value="">{t('admin.noTeam')}</option>
              {teamOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
            <FieldError id={`${f('teamId')}-err`} error={errors.teamId} />
          </div>
        ) : null}
        {need.agencyId !== 'forbidden' ? (
          <div className="field">
            <label htmlFor={f('agencyId')}>
              {t('admin.agency')} <span className="req">*</span>
            </label>
            <select id={f('agencyId')} name="agencyId" value={agencyId} onChange={(e) => setAgencyId(e.target.value)} aria-describedby={described('agencyId')} aria-invalid={errors.agencyId ? true : undefined}>
              <option value="">{t('admin.chooseAgency')}</option>
              {agencyOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
            <FieldError id={`${f('agencyId')}-err`} error={errors.agencyId} />
          </div>
        ) : null}
      </div>
      {need.teamId === 'forbidden' && need.agencyId === 'forbidden' && need.gridIds === 'forbidden' ? <p className="hint">{t('admin.noScope')}</p> : null}
      {need.gridIds !== 'forbidden' ? <CellPicker value={gridIds} onChange={setGridIds} error={errors.gridIds} required={need.gridIds === 'required'} /> : null}
      {!user ? (
        <div className="field">
          <label htmlFor={f('password')}>
            {t('admin.initialPassword')} <span className="req">*</span>
          </label>
          <div className="inline-form">
            <input
              id={f('password')}
              name="password"
              type="text"
              autoComplete="new-password"
              spellCheck={false}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={[`${f('password')}-hint`, described('password')].filter(Boolean).join(' ')}
            />
            <button type="button" className="btn" onClick={() => setPassword(generatePassword())}>
              {t('admin.generate')}
            </button>
          </div>
          <p className="hint" id={`${f('password')}-hint`}>
            {t('admin.passwordHint')}
          </p>
          <FieldError id={`${f('password')}-err`} error={errors.password} />
        </div>
      ) : null}
      <div className="form-grid">
        <TextField id={f('phone')} name="phone" type="tel" label={t('admin.phone')} value={phone} onChange={setPhone} error={errors.phone} />
        <div className="field">
          <label htmlFor={f('locale')}>{t('admin.locale')}</label>
          <select id={f('locale')} name="locale" value={locale} onChange={(e) => setLocale(e.target.value as 'zh-CN' | 'en')}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </div>
      </div>
      {user ? <p className="hint">{t('admin.sessionsEndHint')}</p> : null}
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : Object.keys(errors).length ? (
        <p className="form-error" role="alert">
          {t('admin.fixFields')}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="user-form-submit">
          {pending ? t('form.submitting') : user ? t('common.save') : t('admin.create')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

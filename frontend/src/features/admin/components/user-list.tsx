import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@gridenforce/backend/contracts';
import { useAgencies } from '@/api/get-agencies';
import { useGridCells } from '@/api/get-geography';
import { useTeams } from '@/api/get-teams';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { useLocalName } from '@/lib/i18n';
import { useUsers, type UserFilters, type UserRow } from '../api/get-users';
import { UserRowActions } from './user-row-actions';

/** Names for the ids a user's scope holds (cell codes, team and agency names). */
function useScopeNames() {
  const local = useLocalName();
  const cells = useGridCells();
  const teams = useTeams();
  const agencies = useAgencies();
  return useMemo(() => {
    const cell = new Map((cells.data?.features ?? []).map((f) => [f.properties.id, f.properties.code]));
    const team = new Map((teams.data ?? []).map((x) => [x.id, local(x.name, x.code ?? x.id)]));
    const agency = new Map((agencies.data ?? []).map((x) => [x.id, local(x.name, x.code ?? x.id)]));
    return { cell, team, agency, teams: teams.data ?? [], agencies: agencies.data ?? [] };
  }, [cells.data, teams.data, agencies.data, local]);
}

const SHOWN_CELLS = 4;

/**
 * Every account with its role, scope and state, searchable by username or name and filtered by
 * role, team, agency and state; each row offers edit, password reset and disable/enable.
 */
export function UserList({ selfId, onEdit, onResetPassword }: { selfId: string; onEdit: (u: UserRow) => void; onResetPassword: (u: UserRow) => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const id = useId();
  const names = useScopeNames();
  const [role, setRole] = useState('');
  const [teamId, setTeamId] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [state, setState] = useState<'' | 'true' | 'false'>('');
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const filters: UserFilters = { role: role || undefined, teamId: teamId || undefined, agencyId: agencyId || undefined, disabled: state || undefined, q: q || undefined };
  const users = useUsers(filters);
  const rows = users.data?.pages.flatMap((p) => p.data) ?? [];
  const total = users.data?.pages[0]?.meta?.total;
  const filtered = Boolean(role || teamId || agencyId || state || q);

  const scopeText = (u: UserRow) => {
    const parts: string[] = [];
    if (u.gridIds.length) {
      const codes = u.gridIds.map((g) => names.cell.get(g) ?? '?').sort();
      parts.push(codes.slice(0, SHOWN_CELLS).join('、') + (codes.length > SHOWN_CELLS ? ` ${t('admin.andMore', { count: codes.length - SHOWN_CELLS })}` : ''));
    }
    if (u.teamId) parts.push(names.team.get(u.teamId) ?? t('admin.hasTeam'));
    if (u.agencyId) parts.push(names.agency.get(u.agencyId) ?? t('admin.hasAgency'));
    return parts.join(' · ');
  };

  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="user-admin-list">
      <div className="list-head">
        <h2 id={`${id}-h`}>{t('admin.users')}</h2>
        {total !== undefined ? (
          <span className="muted" role="status" data-testid="user-total">
            {t('admin.total', { count: total })}
          </span>
        ) : null}
      </div>
      <div className="filter-row" role="search" aria-label={t('admin.filters')}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('admin.searchLabel')}</label>
          <input id={`${id}-q`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('admin.searchPlaceholder')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('admin.role')}</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-team`}>{t('admin.team')}</label>
          <select id={`${id}-team`} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {names.teams.map((x) => (
              <option key={x.id} value={x.id}>
                {local(x.name, x.code ?? x.id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-agency`}>{t('admin.agency')}</label>
          <select id={`${id}-agency`} value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {names.agencies.map((x) => (
              <option key={x.id} value={x.id}>
                {local(x.name, x.code ?? x.id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-state`}>{t('admin.state')}</label>
          <select id={`${id}-state`} value={state} onChange={(e) => setState(e.target.value as '' | 'true' | 'false')}>
            <option value="">{t('common.all')}</option>
            <option value="false">{t('admin.active')}</option>
            <option value="true">{t('admin.disabled')}</option>
          </select>
        </div>
        {filtered ? (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              setRole('');
              setTeamId('');
              setAgencyId('');
              setState('');
              setSearch('');
            }}
          >
            {t('common.clear')}
          </button>
        ) : null}
      </div>
      {users.isPending ? <Loading /> : null}
      {users.isError ? <QueryError error={users.error} onRetry={() => void users.refetch()} /> : null}
      {users.isSuccess && !rows.length ? <Empty>{t('admin.noUsers')}</Empty> : null}
      {rows.length ? (
        <div className="table-scroll">
          <table className="table" data-testid="user-list" aria-busy={users.isFetching && !users.isFetchingNextPage ? true : undefined}>
            <caption className="visually-hidden">{t('admin.users')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.username')}</th>
                <th scope="col">{t('admin.displayName')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">{t('admin.scope')}</th>
                <th scope="col">{t('admin.state')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.id} className={u.disabled ? 'is-disabled' : ''} data-testid="user-row" data-username={u.username} data-disabled={u.disabled}>
                  <th scope="row" className="mono">
                    {u.username}
                  </th>
                  <td>{u.displayName}</td>
                  <td>{t(`role.${u.role}`)}</td>
                  <td className="small">{scopeText(u)}</td>
                  <td>
                    <span className={`badge ${u.disabled ? 'badge-off' : 'badge-on'}`}>{u.disabled ? t('admin.disabled') : t('admin.active')}</span>
                  </td>
                  <td>
                    <UserRowActions user={u} self={u.id === selfId} onEdit={onEdit} onResetPassword={onResetPassword} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {users.hasNextPage ? (
        <button type="button" className="btn" onClick={() => void users.fetchNextPage()} disabled={users.isFetchingNextPage}>
          {t('common.more')}
        </button>
      ) : null}
    </section>
  );
}

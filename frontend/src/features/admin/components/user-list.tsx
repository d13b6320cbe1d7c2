import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@gridenforce/backend/contracts';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { useUsers } from '../api/get-users';

/** Read-only list of accounts with their role and scope (editing comes with the users admin API). */
export function UserList() {
  const { t } = useTranslation();
  const id = useId();
  const [role, setRole] = useState('');
  const [search, setSearch] = useState('');
  const q = useUsers({ role: role || undefined, q: useDeferredValue(search.trim()) || undefined });
  const rows = q.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.users')}</h2>
      <div className="filter-row">
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
          <label htmlFor={`${id}-q`}>{t('common.search')}</label>
          <input id={`${id}-q`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </div>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && !rows.length ? <Empty>{t('admin.noUsers')}</Empty> : null}
      {rows.length ? (
        <table className="table" data-testid="user-list">
          <thead>
            <tr>
              <th scope="col">{t('admin.username')}</th>
              <th scope="col">{t('admin.displayName')}</th>
              <th scope="col">{t('admin.role')}</th>
              <th scope="col">{t('admin.scope')}</th>
              <th scope="col">{t('admin.state')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id} className={u.disabled ? 'is-disabled' : ''}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{t(`role.${u.role}`)}</td>
                <td className="small">
                  {u.gridIds.length ? t('admin.cells', { count: u.gridIds.length }) : ''}
                  {u.teamId ? ` ${t('admin.hasTeam')}` : ''}
                  {u.agencyId ? ` ${t('admin.hasAgency')}` : ''}
                </td>
                <td>{u.disabled ? t('admin.disabled') : t('admin.active')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {q.hasNextPage ? (
        <button type="button" className="btn" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {t('common.more')}
        </button>
      ) : null}
    </section>
  );
}

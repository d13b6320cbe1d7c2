import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, DOMAINS, TIERS } from '@gridenforce/backend/contracts';
import { useCategories } from '@/api/get-categories';
import { useTeams } from '@/api/get-teams';
import { shanghaiDayToIso, shanghaiToday } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import type { MapFilters } from '../api/get-clusters';

/** UI state of the filter bar; `toMapFilters` turns it into query parameters. */
export interface FilterState {
  status: string[];
  category: string;
  domain: string;
  tier: string;
  teamId: string;
  overdue: boolean;
  range: 'all' | 'today' | '7d' | '30d' | 'custom';
  from: string;
  to: string;
}

/** Open cases by default: what dispatch acts on. */
export const DEFAULT_FILTERS: FilterState = {
  status: ['reported', 'filed', 'dispatched', 'in_progress', 'resolved'],
  category: '',
  domain: '',
  tier: '',
  teamId: '',
  overdue: false,
  range: 'all',
  from: '',
  to: '',
};

export function toMapFilters(s: FilterState): MapFilters {
  const f: MapFilters = {};
  if (s.status.length && s.status.length < CASE_STATUSES.length) f.status = s.status;
  if (s.category) f.category = [s.category];
  if (s.domain) f.domain = [s.domain];
  if (s.tier) f.tier = [s.tier];
  if (s.teamId) f.teamId = s.teamId;
  if (s.overdue) f.overdue = true;
  const days = s.range === 'today' ? 0 : s.range === '7d' ? 6 : s.range === '30d' ? 29 : null;
  if (days !== null) f.createdFrom = shanghaiDayToIso(shanghaiToday(-days));
  if (s.range === 'custom') {
    f.createdFrom = s.from ? shanghaiDayToIso(s.from) : undefined;
    f.createdTo = s.to ? shanghaiDayToIso(s.to, true) : undefined;
  }
  return f;
}

/** Status, category, domain, tier, team, overdue and time range, all keyboard-operable. */
export function FilterBar({ value, onChange }: { value: FilterState; onChange: (v: FilterState) => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const categories = useCategories();
  const teams = useTeams();
  const id = useId();
  const set = <K extends keyof FilterState>(k: K, v: FilterState[K]) => onChange({ ...value, [k]: v });
  const toggleStatus = (st: string) =>
    set('status', value.status.includes(st) ? value.status.filter((x) => x !== st) : [...value.status, st]);
  const cats = (categories.data ?? []).filter((c) => !value.domain || c.domain === value.domain);

  return (
    <form className="filter-bar" role="search" aria-label={t('filters.title')} onSubmit={(e) => e.preventDefault()} data-testid="map-filters">
      <details className="filter-status">
        <summary>
          {t('filters.status')} ({value.status.length || t('common.all')})
        </summary>
        <fieldset>
          <legend className="visually-hidden">{t('filters.status')}</legend>
          {CASE_STATUSES.map((st) => (
            <div className="field-inline" key={st}>
              <input id={`${id}-st-${st}`} type="checkbox" checked={value.status.includes(st)} onChange={() => toggleStatus(st)} />
              <label htmlFor={`${id}-st-${st}`}>{t(`status.${st}`)}</label>
            </div>
          ))}
        </fieldset>
      </details>
      <div className="filter-field">
        <label htmlFor={`${id}-domain`}>{t('filters.domain')}</label>
        <select id={`${id}-domain`} value={value.domain} onChange={(e) => onChange({ ...value, domain: e.target.value, category: '' })}>
          <option value="">{t('common.all')}</option>
          {DOMAINS.map((d) => (
            <option key={d} value={d}>
              {t(`domain.${d}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-cat`}>{t('filters.category')}</label>
        <select id={`${id}-cat`} value={value.category} onChange={(e) => set('category', e.target.value)}>
          <option value="">{t('common.all')}</option>
          {cats.map((c) => (
            <option key={c.code} value={c.code}>
              {local(c.name, c.code)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-tier`}>{t('filters.tier')}</label>
        <select id={`${id}-tier`} value={value.tier} onChange={(e) => set('tier', e.target.value)}>
          <option value="">{t('common.all')}</option>
          {TIERS.map((x) => (
            <option key={x} value={x}>
              {t(`tier.${x}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-team`}>{t('filters.team')}</label>
        <select id={`${id}-team`} value={value.teamId} onChange={(e) => set('teamId', e.target.value)}>
          <option value="">{t('common.all')}</option>
          {(teams.data ?? []).map((tm) => (
            <option key={tm.id} value={tm.id}>
              {local(tm.name, tm.code ?? tm.id)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-range`}>{t('filters.range')}</label>
        <select id={`${id}-range`} value={value.range} onChange={(e) => set('range', e.target.value as FilterState['range'])}>
          {(['all', 'today', '7d', '30d', 'custom'] as const).map((r) => (
            <option key={r} value={r}>
              {t(`filters.range_${r}`)}
            </option>
          ))}
        </select>
      </div>
      {value.range === 'custom' ? (
        <>
          <div className="filter-field">
            <label htmlFor={`${id}-from`}>{t('filters.from')}</label>
            <input id={`${id}-from`} type="date" value={value.from} max={value.to || undefined} onChange={(e) => set('from', e.target.value)} />
          </div>
          <div className="filter-field">
            <label htmlFor={`${id}-to`}>{t('filters.to')}</label>
            <input id={`${id}-to`} type="date" value={value.to} min={value.from || undefined} onChange={(e) => set('to', e.target.value)} />
          </div>
        </>
      ) : null}
      <div className="filter-field field-inline">
        <input id={`${id}-overdue`} type="checkbox" checked={value.overdue} onChange={(e) => set('overdue', e.target.checked)} />
        <label htmlFor={`${id}-overdue`}>{t('filters.overdue')}</label>
      </div>
      <button type="button" className="btn btn-small" onClick={() => onChange(DEFAULT_FILTERS)}>
        {t('filters.reset')}
      </button>
    </form>
  );
}

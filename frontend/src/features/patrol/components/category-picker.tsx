import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategories } from '@/api/get-categories';
import { Loading, QueryError } from '@/components/ui/query-state';
import { useLocalName } from '@/lib/i18n';

/** Category (事项) picker: a search box filtering a radio list (arrow keys move, space selects). */
export function CategoryPicker({ value, onChange, error }: { value: string; onChange: (code: string) => void; error?: string }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const q = useCategories();
  const [search, setSearch] = useState('');
  const id = useId();
  const list = useMemo(() => {
    const s = search.trim().toLowerCase();
    const all = q.data ?? [];
    if (!s) return all;
    return all.filter((c) => c.code.toLowerCase().includes(s) || c.name.zh.includes(s) || c.name.en.toLowerCase().includes(s));
  }, [q.data, search]);
  const selected = q.data?.find((c) => c.code === value);

  return (
    <fieldset className="category-picker" aria-describedby={error ? `${id}-err` : undefined}>
      <legend>
        {t('patrol.category')} <span className="req">*</span>
      </legend>
      <div className="field">
        <label htmlFor={`${id}-search`}>{t('patrol.categorySearch')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('patrol.categorySearchHint')}
          data-testid="category-search"
          autoComplete="off"
        />
      </div>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <div className="category-list" role="radiogroup" aria-label={t('patrol.category')}>
        {list.map((c) => (
          <div key={c.code} className={`category-option ${c.code === value ? 'is-selected' : ''}`}>
            <input type="radio" id={`${id}-${c.code}`} name={`${id}-category`} value={c.code} checked={c.code === value} onChange={() => onChange(c.code)} />
            <label htmlFor={`${id}-${c.code}`}>
              {local(c.name, c.code)} <span className="muted small">{t(`domain.${c.domain}`, { defaultValue: String(c.domain) })}</span>
            </label>
          </div>
        ))}
        {q.isSuccess && list.length === 0 ? <p className="muted">{t('patrol.noCategoryMatch')}</p> : null}
      </div>
      {selected ? (
        <p className="hint" aria-live="polite">
          {t('patrol.selected')}: <strong>{local(selected.name, selected.code)}</strong>
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

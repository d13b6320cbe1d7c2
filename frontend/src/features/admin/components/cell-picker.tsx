import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGridCells, useZones } from '@/api/get-geography';
import { Loading, QueryError } from '@/components/ui/query-state';
import { useLocalName } from '@/lib/i18n';

interface CellOption {
  id: string;
  code: string;
  label: string;
}
interface ZoneGroup {
  id: string;
  label: string;
  cells: CellOption[];
}

/** A checkbox that shows "some selected" (indeterminate) as well as all or none. */
function TriCheckbox({ id, checked, mixed, onChange, label }: { id: string; checked: boolean; mixed: boolean; onChange: (v: boolean) => void; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = mixed;
  }, [mixed]);
  return (
    <div className="field-inline zone-all">
      <input ref={ref} type="checkbox" id={id} checked={checked} aria-checked={mixed ? 'mixed' : checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/**
 * Grid cells (网格) grouped by their zone (片区): one checkbox per cell and one per zone that
 * selects or clears the whole zone. Cells whose zone is unknown are listed last.
 */
export function CellPicker({ value, onChange, error, required }: { value: string[]; onChange: (v: string[]) => void; error?: string; required?: boolean }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const id = useId();
  const zones = useZones();
  const cells = useGridCells();
  const [filter, setFilter] = useState('');
  const needle = useDeferredValue(filter.trim().toLowerCase());
  const name = (n: unknown, fallback: string) => (typeof n === 'string' ? n : local(n as { zh: string; en: string } | null, fallback));

  const groups = useMemo<ZoneGroup[]>(() => {
    const byZone = new Map<string, ZoneGroup>();
    for (const z of zones.data?.features ?? []) {
      byZone.set(z.properties.id, { id: z.properties.id, label: `${z.properties.code} ${name(z.properties.name, '')}`.trim(), cells: [] });
    }
    const other: ZoneGroup = { id: 'none', label: t('admin.otherCells'), cells: [] };
    for (const c of cells.data?.features ?? []) {
      const p = c.properties;
      const group = byZone.get(String(p.zoneId ?? '')) ?? other;
      group.cells.push({ id: p.id, code: p.code, label: `${p.code} ${name(p.name, '')}`.trim() });
    }
    const out = [...byZone.values(), other].filter((g) => g.cells.length);
    for (const g of out) g.cells.sort((a, b) => a.code.localeCompare(b.code));
    return out;
  }, [zones.data, cells.data, t, local]);

  const shown = needle
    ? groups.map((g) => ({ ...g, cells: g.cells.filter((c) => c.label.toLowerCase().includes(needle) || g.label.toLowerCase().includes(needle)) })).filter((g) => g.cells.length)
    : groups;
  const selected = new Set(value);
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const x of ids) {
      if (on) next.add(x);
      else next.delete(x);
    }
    onChange([...next]);
  };

  return (
    <fieldset className="cell-picker" aria-describedby={error ? `${id}-err` : undefined} data-testid="cell-picker">
      <legend>
        {t('admin.cellsLabel')} {required ? <span className="req">*</span> : null}{' '}
        <span className="muted small">{t('admin.cellsChosen', { count: value.length })}</span>
      </legend>
      {zones.isPending || cells.isPending ? <Loading /> : null}
      {cells.isError ? <QueryError error={cells.error} onRetry={() => void cells.refetch()} /> : null}
      <div className="field cell-filter">
        <label htmlFor={`${id}-filter`}>{t('admin.cellFilter')}</label>
        <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('admin.cellFilterPlaceholder')} />
      </div>
      {needle && !shown.length ? <p className="hint">{t('admin.noCellsMatch')}</p> : null}
      <div className="cell-zones">
        {shown.map((g) => {
          const ids = g.cells.map((c) => c.id);
          const n = ids.filter((x) => selected.has(x)).length;
          return (
            <fieldset key={g.id} className="cell-zone">
              <legend>{g.label}</legend>
              <TriCheckbox
                id={`${id}-z-${g.id}`}
                checked={n === ids.length}
                mixed={n > 0 && n < ids.length}
                onChange={(on) => toggle(ids, on)}
                label={needle ? t('admin.allShownInZone', { count: ids.length }) : t('admin.wholeZone', { count: ids.length })}
              />
              <div className="check-grid">
                {g.cells.map((c) => (
                  <div className="field-inline" key={c.id}>
                    <input type="checkbox" id={`${id}-${c.id}`} checked={selected.has(c.id)} onChange={(e) => toggle([c.id], e.target.checked)} />
                    <label htmlFor={`${id}-${c.id}`}>{c.label}</label>
                  </div>
                ))}
              </div>
            </fieldset>
          );
        })}
      </div>
      {error ? (
        <p className="field-error" id={`${id}-err`} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

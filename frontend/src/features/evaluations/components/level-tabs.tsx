import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Level } from '../api/types';

/** The statistical level (统计口径) as a tab list: arrow keys, Home and End move between tabs (WAI-ARIA tabs). */
export function LevelTabs({ levels, value, onChange, panelId }: { levels: readonly Level[]; value: Level; onChange: (l: Level) => void; panelId: string }) {
  const { t } = useTranslation();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (i: number) => {
    const n = (i + levels.length) % levels.length;
    onChange(levels[n]!);
    refs.current[n]?.focus();
  };
  return (
    <div className="tabs ev-level-tabs" role="tablist" aria-label={t('evaluations.level')} data-testid="level-tabs">
      {levels.map((l, i) => (
        <button
          key={l}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`${panelId}-tab-${l}`}
          aria-selected={value === l}
          aria-controls={panelId}
          tabIndex={value === l ? 0 : -1}
          className={`tab ${value === l ? 'is-active' : ''}`}
          data-testid={`level-tab-${l}`}
          onClick={() => onChange(l)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight') move(i + 1);
            else if (e.key === 'ArrowLeft') move(i - 1);
            else if (e.key === 'Home') move(0);
            else if (e.key === 'End') move(levels.length - 1);
            else return;
            e.preventDefault();
          }}
        >
          {t(`evaluations.levels.${l}`)}
        </button>
      ))}
    </div>
  );
}

import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '@/components/ui/status-badge';
import { useLocalName } from '@/lib/i18n';
import { useCaseSearch } from '../api/search-cases';

export interface PickedCase {
  id: string;
  caseNo: string;
  label: string;
}

/** The cases a joint case covers: chosen ones as removable chips, and a search to add more. */
export function CasePicker({ value, onChange, error }: { value: PickedCase[]; onChange: (v: PickedCase[]) => void; error?: string }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const id = useId();
  const [term, setTerm] = useState('');
  const search = useCaseSearch(useDeferredValue(term));
  const chosen = new Set(value.map((c) => c.id));
  const hits = (search.data ?? []).filter((c) => !chosen.has(c.id) && !c.jointCaseId);
  return (
    <fieldset className="case-picker" aria-describedby={error ? `${id}-err` : undefined}>
      <legend>
        {t('joint.cases')} <span className="req">*</span>
      </legend>
      {value.length ? (
        <ul className="chips" data-testid="joint-picked-cases">
          {value.map((c) => (
            <li key={c.id} className="chip">
              <span>
                <strong>{c.caseNo}</strong> {c.label}
              </span>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={t('joint.removeCase', { caseNo: c.caseNo })}
                onClick={() => onChange(value.filter((x) => x.id !== c.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('joint.noCasesChosen')}</p>
      )}
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('joint.addCase')}</label>
        <input id={`${id}-q`} type="search" value={term} onChange={(e) => setTerm(e.target.value)} placeholder={t('joint.addCaseHint')} autoComplete="off" />
      </div>
      {hits.length ? (
        <ul className="search-hits" aria-label={t('joint.searchResults')}>
          {hits.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  onChange([...value, { id: c.id, caseNo: c.caseNo, label: local(c.category.name, c.category.code) }]);
                  setTerm('');
                }}
              >
                + {c.caseNo}
              </button>{' '}
              <StatusBadge status={c.status} /> <span className="small">{local(c.category.name, c.category.code)} · {c.description}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAction, CaseDto } from '@gridenforce/backend/contracts';
import { DANGER_ACTIONS, PRIMARY_ACTIONS } from './transition-fields';
import { TransitionForm } from './transition-form';

/**
 * One button per action the server allows this user now (`allowedActions`); nothing is computed
 * here. A button opens the form for that action.
 */
export function CaseActions({ kase }: { kase: CaseDto }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const actions = kase.allowedActions;
  if (!actions.length) return <p className="muted small">{t('actions.none')}</p>;
  return (
    <section className="case-actions" aria-label={t('actions.title')}>
      <h3>{t('actions.title')}</h3>
      <div className="action-buttons" role="group" aria-label={t('actions.title')}>
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={`btn btn-small ${PRIMARY_ACTIONS.has(a) ? 'btn-primary' : ''} ${DANGER_ACTIONS.has(a) ? 'btn-danger-outline' : ''}`}
            data-testid={`action-${a}`}
            aria-expanded={open === a}
            onClick={() => setOpen(open === a ? null : a)}
          >
            {t(`action.${a}`)}
          </button>
        ))}
      </div>
      {open && actions.includes(open) ? (
        <TransitionForm key={open} kase={kase} action={open} onDone={() => setOpen(null)} onCancel={() => setOpen(null)} />
      ) : null}
    </section>
  );
}

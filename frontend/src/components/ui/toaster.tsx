import { useTranslation } from 'react-i18next';
import { dismissToast, useToasts } from '@/lib/toast';

/** The toast region: announced to screen readers, errors assertively. */
export function Toaster() {
  const { t } = useTranslation();
  const toasts = useToasts();
  return (
    <div className="toaster" aria-live="polite" aria-relevant="additions">
      {toasts.map((x) => (
        <div key={x.id} className={`toast toast-${x.kind}`} role={x.kind === 'error' ? 'alert' : 'status'}>
          <span>{x.message}</span>
          <button type="button" className="toast-close" onClick={() => dismissToast(x.id)} aria-label={t('common.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Shown when a page fails to load (e.g. a chunk missing offline before the worker cached it). */
export function RouteError() {
  const { t } = useTranslation();
  const err = useRouteError();
  return (
    <section className="page narrow" role="alert">
      <h1>{t('errors.pageFailed')}</h1>
      <p className="muted">{err instanceof Error ? err.message : null}</p>
      <button type="button" className="btn" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </button>
    </section>
  );
}

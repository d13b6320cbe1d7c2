import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '@/config/paths';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <section className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to={paths.home}>{t('notFound.home')}</Link>
      </p>
    </section>
  );
}

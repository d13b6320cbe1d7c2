import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { JointCaseDetail } from '@/features/joint-cases/components/joint-case-detail';
import { paths } from '@/config/paths';

export function JointCaseRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <div className="page">
      <nav className="crumbs" aria-label={t('nav.breadcrumb')}>
        <Link to={paths.jointCases}>← {t('nav.jointCases')}</Link>
      </nav>
      {id ? <JointCaseDetail key={id} id={id} /> : null}
    </div>
  );
}

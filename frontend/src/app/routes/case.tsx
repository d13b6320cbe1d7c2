import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CaseDetail } from '@/features/cases/components/case-detail';

export function CaseRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <div className="page">
      <nav className="crumbs" aria-label={t('nav.breadcrumb')}>
        <Link to=".." onClick={(e) => { if (window.history.length > 1) { e.preventDefault(); window.history.back(); } }}>
          ← {t('common.back')}
        </Link>
      </nav>
      {id ? <CaseDetail key={id} caseId={id} /> : null}
    </div>
  );
}

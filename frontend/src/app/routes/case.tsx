import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CaseDetail } from '@/features/cases/components/case-detail';
import { CaseJointLink } from '@/features/joint-cases/components/case-joint-link';

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
      {id ? <CaseDetail key={id} caseId={id} extra={(k) => <CaseJointLink caseId={k.id} status={k.status} jointCaseId={k.jointCaseId} />} /> : null}
    </div>
  );
}

import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { JointCaseList } from '@/features/joint-cases/components/joint-case-list';
import { paths } from '@/config/paths';
import { isBureau } from '@/lib/authorization';
import { useUser } from '@/lib/session';

/** 联合办案: the list, and for the bureau the way to open one (usually from a case). */
export function JointCasesRoute() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <div className="page" data-testid="joint-cases-page">
      <div className="list-head">
        <h1>{t('nav.jointCases')}</h1>
        {isBureau(user.role) ? (
          <Link to={paths.newJointCase()} className="btn btn-primary" data-testid="joint-new">
            + {t('joint.openTitle')}
          </Link>
        ) : null}
      </div>
      <JointCaseList />
    </div>
  );
}

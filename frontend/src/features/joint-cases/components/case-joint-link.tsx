import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '@/config/paths';
import { isBureau } from '@/lib/authorization';
import { useUser } from '@/lib/session';

const OPEN = new Set(['reported', 'filed', 'dispatched', 'in_progress', 'resolved']);

/**
 * On a case page or the map's case panel: the joint case it belongs to, or — for the bureau, on an
 * open case — the way to open one from it (the server decides whether it may).
 */
export function CaseJointLink({ caseId, status, jointCaseId }: { caseId: string; status: string; jointCaseId: string | null }) {
  const { t } = useTranslation();
  const user = useUser();
  if (jointCaseId) {
    return (
      <p className="small">
        <Link to={paths.jointCase(jointCaseId)} data-testid="case-joint-case">
          {t('joint.viewFromCase')}
        </Link>
      </p>
    );
  }
  if (!isBureau(user.role) || !OPEN.has(status)) return null;
  return (
    <p className="small">
      <Link to={paths.newJointCase([caseId])} className="btn btn-small" data-testid="case-open-joint">
        {t('joint.openFromCase')}
      </Link>
    </p>
  );
}

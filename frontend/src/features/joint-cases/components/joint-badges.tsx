import { useTranslation } from 'react-i18next';
import type { JointStatus, TaskStatus } from '../api/types';

export function JointStatusBadge({ status }: { status: JointStatus }) {
  const { t } = useTranslation();
  return <span className={`badge joint-${status}`}>{t(`joint.status.${status}`)}</span>;
}

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge task-${status}`} data-testid="task-status" data-status={status}>
      {t(`task.status.${status}`)}
    </span>
  );
}

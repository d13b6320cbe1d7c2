import { useTranslation } from 'react-i18next';
import { AgencyTaskList } from '@/features/joint-cases/components/agency-task-list';
import { ActionItemList } from '@/features/meetings/components/action-item-list';

/** An agency liaison's landing page: their agency's joint tasks and meeting action items. */
export function AgencyTasksRoute() {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid="agency-tasks-page">
      <h1>{t('nav.agencyTasks')}</h1>
      <AgencyTaskList />
      <ActionItemList title={t('items.myAgency')} />
    </div>
  );
}

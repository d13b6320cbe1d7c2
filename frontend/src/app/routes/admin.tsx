import { useTranslation } from 'react-i18next';
import { GeoImportForm } from '@/features/admin/components/geo-import-form';
import { UserList } from '@/features/admin/components/user-list';

export function AdminRoute() {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid="admin-page">
      <h1>{t('admin.title')}</h1>
      <GeoImportForm />
      <UserList />
    </div>
  );
}

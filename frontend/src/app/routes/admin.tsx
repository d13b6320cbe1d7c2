import { useTranslation } from 'react-i18next';
import { GeoImportForm } from '@/features/admin/components/geo-import-form';
import { UserAdmin } from '@/features/admin/components/user-admin';

export function AdminRoute() {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid="admin-page">
      <h1>{t('admin.title')}</h1>
      <UserAdmin />
      <GeoImportForm />
    </div>
  );
}

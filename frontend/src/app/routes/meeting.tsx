import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MeetingDetail } from '@/features/meetings/components/meeting-detail';
import { paths } from '@/config/paths';

export function MeetingRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <div className="page">
      <nav className="crumbs" aria-label={t('nav.breadcrumb')}>
        <Link to={paths.meetings}>← {t('nav.meetings')}</Link>
      </nav>
      {id ? <MeetingDetail key={id} id={id} /> : null}
    </div>
  );
}

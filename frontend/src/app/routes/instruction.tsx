import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ReceiptsView } from '@/features/instructions/components/receipts-view';
import { paths } from '@/config/paths';

/** The sender's receipt view of one instruction. */
export function InstructionRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <div className="page">
      <nav className="crumbs" aria-label={t('nav.breadcrumb')}>
        <Link to={`${paths.instructions}?tab=sent`}>← {t('instructions.sentTitle')}</Link>
      </nav>
      {id ? <ReceiptsView key={id} id={id} /> : null}
    </div>
  );
}

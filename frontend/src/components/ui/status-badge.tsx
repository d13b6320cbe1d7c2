import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '@gridenforce/backend/contracts';

export function StatusBadge({ status }: { status: CaseStatus | string }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`, { defaultValue: status })}</span>;
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-overdue" role="img" aria-label={t('case.overdue')}>
      {t('case.overdue')}
    </span>
  );
}

export function TierBadge({ tier }: { tier: string }) {
  const { t } = useTranslation();
  return <span className={`badge tier-${tier}`}>{t(`tier.${tier}`, { defaultValue: tier })}</span>;
}

import { useTranslation } from 'react-i18next';
import type { Priority, ReceiptStatus } from '../api/types';

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return priority === 'urgent' ? <span className="badge badge-urgent">{t('instructions.priority.urgent')}</span> : null;
}

export function ReceiptBadge({ status }: { status: ReceiptStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge receipt-${status}`} data-testid="receipt-status" data-status={status}>
      {t(`instructions.receipt.${status}`)}
    </span>
  );
}

import { OutboxList } from '@/features/patrol/components/outbox-list';
import { PatrolForm } from '@/features/patrol/components/patrol-form';
import { flushOutbox } from '@/features/patrol/api/send-outbox';
import { useOutbox } from '@/lib/offline-queue';
import { useUser } from '@/lib/session';

/** Phone layout (≤ 420 px column): the report form, then this phone's outbox. */
export function PatrolRoute() {
  const user = useUser();
  const entries = useOutbox(user.id);
  return (
    <div className="page phone">
      <PatrolForm />
      <OutboxList entries={entries} onSendNow={() => void flushOutbox(user.id)} />
    </div>
  );
}

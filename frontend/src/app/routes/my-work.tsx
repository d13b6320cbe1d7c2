import { MyWorkList } from '@/features/cases/components/my-work-list';
import { VerifyQueue } from '@/features/cases/components/verify-queue';

export function MyWorkRoute() {
  return (
    <div className="page">
      <MyWorkList />
      <VerifyQueue />
    </div>
  );
}

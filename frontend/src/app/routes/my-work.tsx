import { MyWorkList } from '@/features/cases/components/my-work-list';

export function MyWorkRoute() {
  return (
    <div className="page">
      <MyWorkList />
    </div>
  );
}

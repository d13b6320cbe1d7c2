import { useSearchParams } from 'react-router';
import { OpenJointCaseForm } from '@/features/joint-cases/components/open-joint-case-form';

/** `/joint-cases/new?cases=<id>,<id>`: the bureau opens a joint case from the cases it selected. */
export function NewJointCaseRoute() {
  const [params] = useSearchParams();
  const ids = (params.get('cases') ?? '').split(',').filter((s) => /^[a-f0-9]{24}$/i.test(s));
  return (
    <div className="page">
      <OpenJointCaseForm initialCaseIds={ids} />
    </div>
  );
}

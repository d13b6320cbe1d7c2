import { useSearchParams } from 'react-router';
import { CasePanel } from '@/features/cases/components/case-panel';
import { CaseJointLink } from '@/features/joint-cases/components/case-joint-link';
import { MapConsole } from '@/features/map-console/components/map-console';

/** Map console + case side panel; the selected case is in the URL (`?case=<id>`) so it can be shared. */
export function MapConsoleRoute() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('case');
  const select = (id: string | null) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (id) n.set('case', id);
        else n.delete('case');
        return n;
      },
      { replace: true },
    );
  return (
    <div className={`console-layout ${selected ? 'with-panel' : ''}`}>
      <MapConsole selectedId={selected} onSelect={select} />
      {selected ? (
        <CasePanel
          key={selected}
          caseId={selected}
          onClose={() => select(null)}
          extra={(k) => <CaseJointLink caseId={k.id} status={k.status} jointCaseId={k.jointCaseId} />}
        />
      ) : null}
    </div>
  );
}

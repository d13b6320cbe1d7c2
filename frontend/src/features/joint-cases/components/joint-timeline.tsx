import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '@/components/ui/query-state';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { useJointTimeline } from '../api/get-joint-timeline';
import type { JointCaseDto } from '../api/types';

/** Every step of the joint case, oldest first (the linked cases' timelines show them too). */
export function JointTimeline({ jc }: { jc: JointCaseDto }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const q = useJointTimeline(jc.id, jc.seq);
  const agencyName = (aid: unknown) => {
    const a = jc.agencies.find((x) => x.id === aid);
    return a ? local(a.name, a.code) : null;
  };
  return (
    <section className="card" aria-labelledby="joint-timeline-h">
      <h2 id="joint-timeline-h">{t('joint.timeline')}</h2>
      {q.isPending ? <Loading /> : q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <ol className="timeline" data-testid="joint-timeline">
          {q.data.map((s) => {
            const agency = agencyName(s.data.agencyId);
            return (
              <li key={s.seq} className="timeline-item" data-step={s.step}>
                <div className="timeline-head">
                  <strong>{t(`joint.step.${s.step}`, { defaultValue: s.step })}</strong>
                  {agency ? <span className="muted small"> {agency}</span> : null}
                  <time className="muted small" dateTime={s.at}>
                    {f.dateTime(s.at)}
                  </time>
                </div>
                <div className="small">{s.actor ? t('common.nameRole', { name: s.actor.displayName, role: t(`role.${s.actor.role}`, { defaultValue: s.actor.role }) }) : t('case.system')}</div>
                {s.note ? <p className="timeline-note">{s.note}</p> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}

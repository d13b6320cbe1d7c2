import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { useJointCase } from '../api/get-joint-case';
import { AddTaskForm } from './add-task-form';
import { DecisionForm } from './decision-form';
import { JointStatusBadge } from './joint-badges';
import { JointTaskCard } from './joint-task-card';
import { JointTimeline } from './joint-timeline';

/** A joint case: facts, linked cases, tasks per agency with their actions, the decision, the timeline. */
export function JointCaseDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const q = useJointCase(id);
  const [form, setForm] = useState<'add_task' | 'decide' | null>(null);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const jc = q.data;
  const tasks = jc.tasks ?? [];
  return (
    <div className="joint-detail" data-testid="joint-case-detail" data-status={jc.status}>
      <header className="case-detail-head">
        <h1>
          {jc.title} <JointStatusBadge status={jc.status} />
        </h1>
      </header>
      <div className="case-grid">
        <div className="case-main">
          <section className="card" aria-label={t('joint.facts')}>
            {jc.description ? <p className="case-desc">{jc.description}</p> : null}
            <dl className="facts">
              <dt>{t('joint.reason')}</dt>
              <dd>{t(`joint.reasons.${jc.reason}`, { defaultValue: jc.reason })}</dd>
              <dt>{t('joint.lead')}</dt>
              <dd>{jc.lead.kind === 'agency' && jc.lead.agency ? local(jc.lead.agency.name, jc.lead.agency.code) : t('joint.leadBureau')}</dd>
              <dt>{t('joint.agencies')}</dt>
              <dd>{jc.agencies.map((a) => local(a.name, a.code)).join('、')}</dd>
              <dt>{t('joint.cases')}</dt>
              <dd>
                <ul className="inline-list">
                  {jc.cases.map((c) => (
                    <li key={c.id}>
                      <Link to={paths.case(c.id)}>{c.caseNo}</Link>
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>{t('joint.openedBy')}</dt>
              <dd>
                {jc.openedBy.displayName} · {f.dateTime(jc.openedAt)}
              </dd>
              {jc.closedAt ? (
                <>
                  <dt>{t('joint.closedAt')}</dt>
                  <dd>{f.dateTime(jc.closedAt)}</dd>
                </>
              ) : null}
            </dl>
            {jc.decision ? (
              <div className="notice" data-testid="joint-decision">
                <strong>{t('joint.decision')}</strong>
                <p>{jc.decision.text}</p>
                <p className="small muted">
                  {jc.decision.decidedBy.displayName} · {f.dateTime(jc.decision.decidedAt)}
                </p>
              </div>
            ) : null}
            {jc.allowedActions.length ? (
              <div className="action-buttons" role="group" aria-label={t('actions.title')}>
                {jc.allowedActions.includes('add_task') ? (
                  <button type="button" className="btn btn-small" aria-expanded={form === 'add_task'} onClick={() => setForm(form === 'add_task' ? null : 'add_task')} data-testid="joint-add-task">
                    + {t('task.add')}
                  </button>
                ) : null}
                {jc.allowedActions.includes('decide') ? (
                  <button type="button" className="btn btn-small btn-primary" aria-expanded={form === 'decide'} onClick={() => setForm(form === 'decide' ? null : 'decide')} data-testid="joint-decide">
                    {t('joint.decide')}
                  </button>
                ) : null}
                {jc.allowedActions.includes('add_task') && !jc.allowedActions.includes('decide') ? (
                  <p className="muted" data-testid="joint-decide-waiting">
                    {t('joint.decideWaiting')}
                  </p>
                ) : null}
              </div>
            ) : null}
            {form === 'add_task' ? <AddTaskForm jc={jc} onDone={() => setForm(null)} /> : null}
            {form === 'decide' ? <DecisionForm jc={jc} onDone={() => setForm(null)} /> : null}
          </section>
          <section className="card" aria-labelledby="joint-tasks-h">
            <h2 id="joint-tasks-h">
              {t('joint.tasks')} <span className="muted small">({tasks.length})</span>
            </h2>
            {tasks.length ? (
              <ul className="task-list" data-testid="joint-tasks">
                {tasks.map((task) => (
                  <JointTaskCard key={task.id} task={task} />
                ))}
              </ul>
            ) : (
              <p className="muted">{t('joint.noTasks')}</p>
            )}
          </section>
        </div>
        <div className="case-side">
          <JointTimeline jc={jc} />
        </div>
      </div>
    </div>
  );
}

import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OverdueBadge } from '@/components/ui/status-badge';
import { paths } from '@/config/paths';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import type { JointTaskDto, TaskAction } from '../api/types';
import { TaskStatusBadge } from './joint-badges';
import { TaskActionForm } from './task-action-form';

const PRIMARY = new Set<TaskAction>(['accept', 'start', 'report']);
const DANGER = new Set<TaskAction>(['decline', 'cancel']);

/** One joint task: agency, due time, status, reason or result, and the actions the server allows now. */
export function JointTaskCard({ task, showJointCase = false }: { task: JointTaskDto; showJointCase?: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const [open, setOpen] = useState<TaskAction | null>(null);
  return (
    <li className={`task-card ${task.overdue ? 'is-overdue' : ''}`} data-testid="joint-task" data-agency={task.agency.code} data-status={task.status}>
      <div className="work-item-head">
        <strong>{local(task.agency.name, task.agency.code)}</strong>
        <TaskStatusBadge status={task.status} />
        {task.overdue ? <OverdueBadge /> : null}
        {task.reassignedFromTaskId ? <span className="badge">{t('task.reassignedFrom')}</span> : null}
        {task.reassignedToTaskId ? <span className="badge">{t('task.reassignedTo')}</span> : null}
      </div>
      {showJointCase && task.jointCase ? (
        <p className="small">
          {t('task.jointCase')}: <Link to={paths.jointCase(task.jointCase.id)}>{task.jointCase.title}</Link>
        </p>
      ) : null}
      <p>{task.description}</p>
      <p className="small muted">
        {t('task.dueAt')} <time dateTime={task.dueAt}>{f.dateTime(task.dueAt)}</time>
      </p>
      {task.declineReason ? (
        <p className="small">
          {t('task.declineReason')}: {task.declineReason}
        </p>
      ) : null}
      {task.cancelReason ? (
        <p className="small">
          {t('task.cancelReason')}: {task.cancelReason}
        </p>
      ) : null}
      {task.result ? (
        <div className="small task-result">
          <p>
            {t('task.resultAt', { at: f.dateTime(task.result.reportedAt) })} {task.result.text}
          </p>
          {task.result.attachments.length ? (
            <ul>
              {task.result.attachments.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {task.allowedActions.length ? (
        <div className="action-buttons" role="group" aria-label={t('task.actions', { agency: local(task.agency.name, task.agency.code) })}>
          {task.allowedActions.map((a) => (
            <button
              key={a}
              type="button"
              className={`btn btn-small ${PRIMARY.has(a) ? 'btn-primary' : ''} ${DANGER.has(a) ? 'btn-danger-outline' : ''}`}
              aria-expanded={open === a}
              data-testid={`task-action-${a}`}
              onClick={() => setOpen(open === a ? null : a)}
            >
              {t(`task.action.${a}`)}
            </button>
          ))}
        </div>
      ) : null}
      {open && task.allowedActions.includes(open) ? (
        <TaskActionForm key={open} task={task} action={open} onDone={() => setOpen(null)} onCancel={() => setOpen(null)} />
      ) : null}
    </li>
  );
}

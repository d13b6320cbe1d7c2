import { useTranslation } from 'react-i18next';
import type { CaseDto } from '@gridenforce/backend/contracts';
import { OverdueBadge, StatusBadge, TierBadge } from '@/components/ui/status-badge';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';

const refName = (r: CaseDto['grid'], local: ReturnType<typeof useLocalName>) => (r ? local(r.name, r.code) : '—');

/** The facts of a case: status, tier, category, place, holder and the current deadline. */
export function CaseSummary({ kase }: { kase: CaseDto }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  return (
    <div className="case-summary">
      <div className="case-badges" data-testid="case-status" data-status={kase.status}>
        <StatusBadge status={kase.status} />
        <TierBadge tier={kase.tier} />
        {kase.urgent ? <span className="badge badge-urgent">{t('case.urgent')}</span> : null}
        {kase.stage?.overdue ? <OverdueBadge /> : null}
        {kase.suspended ? <span className="badge">{t('case.suspended')}</span> : null}
        {kase.outside ? <span className="badge badge-urgent">{t('case.outside')}</span> : null}
      </div>
      <p className="case-desc">{kase.description}</p>
      <dl className="facts">
        <dt>{t('case.category')}</dt>
        <dd>{local(kase.category.name, kase.category.code)}</dd>
        <dt>{t('case.domain')}</dt>
        <dd>{t(`domain.${kase.category.domain}`, { defaultValue: kase.category.domain })}</dd>
        {kase.address ? (
          <>
            <dt>{t('case.address')}</dt>
            <dd>{kase.address}</dd>
          </>
        ) : null}
        <dt>{t('case.grid')}</dt>
        <dd>
          {refName(kase.grid, local)} / {refName(kase.zone, local)}
        </dd>
        <dt>{t('case.team')}</dt>
        <dd>{refName(kase.team, local)}</dd>
        <dt>{t('case.holder')}</dt>
        <dd>{kase.holder ? t('common.nameRole', { name: kase.holder.displayName, role: t(`role.${kase.holder.role}`) }) : '—'}</dd>
        {kase.stage ? (
          <>
            <dt>{t('case.stage')}</dt>
            <dd>
              {t(`stage.${kase.stage.name}`, { defaultValue: kase.stage.name })} · {t('case.due')} {f.dateTime(kase.stage.dueAt)}
            </dd>
          </>
        ) : null}
        <dt>{t('case.reporter')}</dt>
        <dd>
          {kase.reporter?.displayName ?? '—'} · {t(`source.${kase.source}`, { defaultValue: kase.source })}
        </dd>
        <dt>{t('case.createdAt')}</dt>
        <dd>{f.dateTime(kase.createdAt)}</dd>
        {kase.closedAt ? (
          <>
            <dt>{t('case.closedAt')}</dt>
            <dd>{f.dateTime(kase.closedAt)}</dd>
          </>
        ) : null}
        {kase.mergedInto ? (
          <>
            <dt>{t('case.mergedInto')}</dt>
            <dd>{kase.mergedInto.caseNo}</dd>
          </>
        ) : null}
        {kase.pending ? (
          <>
            <dt>{t('case.pending')}</dt>
            <dd>
              {t(`pending.${kase.pending.kind}`)}
              {kase.pending.hours ? ` · ${t('case.hours', { count: kase.pending.hours })}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

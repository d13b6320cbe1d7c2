import { useTranslation } from 'react-i18next';
import type { CaseDto } from '@gridenforce/backend/contracts';
import { OverdueBadge } from '@/components/ui/status-badge';
import { useFormatters } from '@/lib/format';

/** 行政处罚程序 in order: investigation → notice → hearing → legal review → decision → service → execution. */
const STEPS = ['investigate', 'notify', 'hearing', 'legal_review', 'decide', 'serve', 'execute'] as const;
const norm = (s: string) => s.replace(/^penalty_/, '');

export function PenaltySteps({ kase }: { kase: CaseDto }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const p = kase.penalty;
  if (!p) {
    return kase.category.penaltyCapable ? (
      <section className="card" aria-labelledby="penalty-h">
        <h2 id="penalty-h">{t('penalty.title')}</h2>
        <p className="muted">{t('penalty.notStarted')}</p>
      </section>
    ) : null;
  }
  const done = new Set(p.steps.map(norm));
  const decisionOverdue = !!p.decisionDueAt && !p.decision && new Date(p.decisionDueAt).getTime() < Date.now();
  return (
    <section className="card" aria-labelledby="penalty-h" data-testid="penalty-steps">
      <h2 id="penalty-h">
        {t('penalty.title')} {p.major ? <span className="badge badge-urgent">{t('penalty.major')}</span> : null}
      </h2>
      <ol className="steps">
        {STEPS.map((s) => (
          <li key={s} className={done.has(s) ? 'step done' : 'step'} aria-current={undefined}>
            <span className="step-mark" aria-hidden="true">
              {done.has(s) ? '✓' : '○'}
            </span>
            {t(`penalty.${s}`)}
            <span className="visually-hidden">{done.has(s) ? t('penalty.stepDone') : t('penalty.stepOpen')}</span>
          </li>
        ))}
      </ol>
      <dl className="facts">
        <dt>{t('penalty.legalReview')}</dt>
        <dd>{t(`penalty.review_${p.legalReview}`)}</dd>
        <dt>{t('penalty.decisionDue')}</dt>
        <dd>
          {f.dateTime(p.decisionDueAt)} {decisionOverdue ? <OverdueBadge /> : null}
        </dd>
        {p.decision ? (
          <>
            <dt>{t('penalty.decision')}</dt>
            <dd>
              {t(`decision.${p.decision.type}`, { defaultValue: p.decision.type })}
              {p.decision.amountYuan ? ` · ¥${p.decision.amountYuan.toLocaleString()}` : ''} · {p.decision.legalBasis} ·{' '}
              {f.dateTime(p.decision.at)}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

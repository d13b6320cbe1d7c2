import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCategories } from '@/api/get-categories';
import { paths } from '@/config/paths';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { removeFromOutbox, updateOutbox, type OutboxEntry, type OutboxRef } from '@/lib/offline-queue';

/**
 * The reports on this phone: waiting for network, sending, sent (with the case number and where
 * the server routed it), or refused (with the reason; retry or discard).
 */
export function OutboxList({ entries, onSendNow }: { entries: OutboxEntry[]; onSendNow: () => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const cats = useCategories();
  const ref = (r: OutboxRef | null) => (r ? local(r.name, r.code) : '—');
  if (!entries.length) return null;
  const waiting = entries.some((e) => e.status === 'queued');

  return (
    <section className="outbox" aria-labelledby="outbox-h">
      <div className="list-head">
        <h2 id="outbox-h">{t('patrol.outbox')}</h2>
        {waiting ? (
          <button type="button" className="btn btn-small" onClick={onSendNow} data-testid="outbox-send-now">
            {t('patrol.sendNow')}
          </button>
        ) : null}
      </div>
      <ul className="outbox-list" aria-live="polite">
        {entries.map((e) => {
          const cat = cats.data?.find((c) => c.code === e.body.category);
          return (
            <li key={e.id} className={`outbox-entry is-${e.status}`} data-testid="outbox-entry" data-status={e.status}>
              <div className="outbox-head">
                <span className={`badge outbox-${e.status}`}>{t(`outbox.${e.status}`)}</span>
                <strong>{cat ? local(cat.name, cat.code) : e.body.category}</strong>
                <time className="muted small" dateTime={e.createdAt}>
                  {f.dateTime(e.createdAt)}
                </time>
              </div>
              {e.result ? (
                <div className="outbox-result" data-testid="outbox-result">
                  <p>
                    {t('patrol.caseNo')}：
                    <Link to={paths.case(e.result.caseId)} data-testid="outbox-case-no">
                      {e.result.caseNo}
                    </Link>
                  </p>
                  {e.result.outside ? (
                    <p className="small">{t('patrol.routedOutside')}</p>
                  ) : (
                    <p className="small" data-testid="outbox-routed">
                      {t('patrol.routedTo', { grid: ref(e.result.grid), zone: ref(e.result.zone), team: ref(e.result.team) })}
                    </p>
                  )}
                  {e.status !== 'sent' && e.photos.some((p) => !p.uploadedId) ? (
                    <p className="small muted">{t('patrol.photosPending', { count: e.photos.filter((p) => !p.uploadedId).length })}</p>
                  ) : null}
                </div>
              ) : (
                <p className="small muted clamp">{e.body.description}</p>
              )}
              {e.status === 'queued' && e.lastError ? <p className="small muted">{t('patrol.willRetry', { reason: e.lastError })}</p> : null}
              {e.status === 'failed' ? (
                <>
                  <p className="field-error small" role="alert">
                    {e.lastError}
                  </p>
                  <div className="outbox-actions">
                    <button type="button" className="btn btn-small" onClick={() => void updateOutbox(e.id, { status: 'queued', lastError: null })}>
                      {t('common.retry')}
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => void removeFromOutbox(e.id)}>
                      {t('patrol.discard')}
                    </button>
                  </div>
                </>
              ) : null}
              {e.status === 'sent' ? (
                <button type="button" className="btn btn-small btn-ghost" onClick={() => void removeFromOutbox(e.id)}>
                  {t('patrol.clearSent')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

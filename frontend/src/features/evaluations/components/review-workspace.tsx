import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { CaseTimeline } from '@/features/cases/components/case-timeline';
import { useCase } from '@/features/cases/api/get-case';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { useReviewBatch, useReviewBatches } from '../api/reviews';
import type { ReviewBatchDto, ReviewItemDto } from '../api/types';
import { useTeamName } from '../lib/team-names';
import { RectificationList } from './rectification-list';
import { ReviewSampleForm } from './review-sample-form';
import { RubricEditor } from './rubric-editor';
import { ScoreSheet } from './score-sheet';

interface Props {
  period: string;
  canWrite: boolean;
  batchId: string | null;
  fileId: string | null;
  onBatch: (id: string | null) => void;
  onFile: (id: string | null) => void;
}

/** 案卷评查: draw a sample, the sampled files per team with their pre-check flags, score a file next to its timeline, rectification items. */
export function ReviewWorkspace({ period, canWrite, batchId, fileId, onBatch, onFile }: Props) {
  const { t } = useTranslation();
  const f = useFormatters();
  const id = useId();
  const list = useReviewBatches(period);
  const current = batchId ?? list.data?.[0]?.id ?? null;
  const batch = useReviewBatch(current);
  const file = batch.data?.items.find((i) => i.id === fileId) ?? null;
  return (
    <div data-testid="review-workspace">
      <section className="card" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{t('evaluations.reviewTitle')}</h2>
        {canWrite ? <ReviewSampleForm period={period} onCreated={(b) => onBatch(b)} /> : null}
        {list.isPending ? <Loading /> : null}
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.isSuccess && !list.data.length ? <Empty>{t('evaluations.noSamples')}</Empty> : null}
        {list.data?.length ? (
          <div className="field field-row">
            <label htmlFor={`${id}-b`}>{t('evaluations.sample')}</label>
            <select id={`${id}-b`} value={current ?? ''} data-testid="sample-select" onChange={(e) => onBatch(e.target.value)}>
              {list.data.map((b) => (
                <option key={b.id} value={b.id}>
                  {t('evaluations.sampleOption', { at: f.dateTime(b.createdAt), seed: b.seed, size: b.sizePerTeam })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {batch.isError ? <QueryError error={batch.error} onRetry={() => void batch.refetch()} /> : null}
        {batch.data ? <BatchSummary batch={batch.data} /> : null}
      </section>
      {batch.data && file ? <FileWorkspace item={file} batch={batch.data} readOnly={!canWrite || !!batch.data.frozenBy} onClose={() => onFile(null)} /> : null}
      {batch.data ? <SampledFiles batch={batch.data} selected={fileId} onOpen={onFile} /> : null}
      {current ? <RectificationList batchId={current} /> : null}
      <RubricEditor canWrite={canWrite} />
    </div>
  );
}

function BatchSummary({ batch }: { batch: ReviewBatchDto }) {
  const { t } = useTranslation();
  const teamName = useTeamName();
  return (
    <div data-testid="sample-summary" data-seed={batch.seed}>
      <dl className="ev-facts">
        <div>
          <dt>{t('evaluations.seed')}</dt>
          <dd data-testid="sample-seed-value">{batch.seed}</dd>
        </div>
        <div>
          <dt>{t('evaluations.sizePerTeam')}</dt>
          <dd>{batch.sizePerTeam}</dd>
        </div>
        <div>
          <dt>{t('evaluations.rubricVersion')}</dt>
          <dd>v{batch.rubricVersion}</dd>
        </div>
        <div>
          <dt>{t('evaluations.frozen')}</dt>
          <dd>{batch.frozenBy ? t('evaluations.frozenYes') : t('evaluations.frozenNo')}</dd>
        </div>
      </dl>
      <table className="table">
        <caption className="ev-caption">{t('evaluations.populationCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluations.levels.team')}</th>
            <th scope="col" className="num">{t('evaluations.population')}</th>
            <th scope="col" className="num">{t('evaluations.sampled')}</th>
            <th scope="col">{t('evaluations.populationHash')}</th>
          </tr>
        </thead>
        <tbody>
          {batch.teams.map((x) => (
            <tr key={x.team}>
              <th scope="row">{teamName(x.team)}</th>
              <td className="num">{x.population}</td>
              <td className="num">{x.sampled.length}</td>
              <td>
                <code title={x.populationSha256}>{x.populationSha256.slice(0, 16)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SampledFiles({ batch, selected, onOpen }: { batch: ReviewBatchDto; selected: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const teamName = useTeamName();
  const id = useId();
  const teams = [...new Set(batch.items.map((i) => i.team))];
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="sampled-files">
      <h2 id={`${id}-h`}>{t('evaluations.sampledFiles')}</h2>
      {!batch.items.length ? <Empty>{t('evaluations.noFiles')}</Empty> : null}
      {teams.map((team) => {
        const rows = batch.items.filter((i) => i.team === team);
        return (
          <div key={team}>
            <h3>
              {teamName(team)} <span className="small muted">{t('evaluations.scoredOf', { scored: rows.filter((r) => r.status === 'scored').length, total: rows.length })}</span>
            </h3>
            <table className="table ev-files-table">
              <thead>
                <tr>
                  <th scope="col">{t('evaluations.case')}</th>
                  <th scope="col">{t('evaluations.prechecks')}</th>
                  <th scope="col">{t('evaluations.statusCol')}</th>
                  <th scope="col" className="num">{t('evaluations.total')}</th>
                  <th scope="col">{t('actions.title')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((it) => (
                  <tr key={it.id} data-testid="sampled-file" data-status={it.status} className={selected === it.id ? 'is-selected' : undefined}>
                    <td>
                      <Link to={paths.case(it.caseId)} className="case-link">
                        {it.caseNo}
                      </Link>
                    </td>
                    <td>
                      {it.prechecks.length ? (
                        <ul className="ev-flags">
                          {it.prechecks.map((p) => (
                            <li key={p.code} className="badge ev-flag" data-testid="precheck-flag">
                              {local(p.message, p.code)}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="muted">{t('evaluations.noFlags')}</span>
                      )}
                    </td>
                    <td>{t(`evaluations.itemStatus.${it.status}`, { defaultValue: it.status })}</td>
                    <td className="num">
                      {it.score ? (
                        <>
                          {it.score.total} <span className={`badge rating-${it.score.rating}`}>{t(`evaluations.rating.${it.score.rating}`)}</span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      <button type="button" className="btn btn-small" aria-pressed={selected === it.id} data-testid="file-open" onClick={() => onOpen(it.id)}>
                        {t('evaluations.openFile')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}

/** The file being reviewed: the case's timeline on the left, the score sheet on the right. */
function FileWorkspace({ item, batch, readOnly, onClose }: { item: ReviewItemDto; batch: ReviewBatchDto; readOnly: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const kase = useCase(item.caseId);
  return (
    <section className="ev-file" aria-label={t('evaluations.fileAria', { caseNo: item.caseNo })} data-testid="file-workspace">
      <div className="list-head">
        <h2>
          {t('evaluations.reviewingFile')}{' '}
          <Link to={paths.case(item.caseId)} className="case-link">
            {item.caseNo}
          </Link>
        </h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t('evaluations.close')}
        </button>
      </div>
      <div className="case-grid">
        <div className="ev-file-timeline">
          {kase.isPending ? <Loading /> : null}
          {kase.isError ? <QueryError error={kase.error} onRetry={() => void kase.refetch()} /> : null}
          {kase.data ? <CaseTimeline kase={kase.data} /> : null}
        </div>
        <ScoreSheet item={item} rubricVersion={batch.rubricVersion} readOnly={readOnly} />
      </div>
    </section>
  );
}

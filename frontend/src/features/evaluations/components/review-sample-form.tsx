import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/error-message';
import { toast } from '@/lib/toast';
import { useCreateReview } from '../api/reviews';

/** Draws a reproducible sample (案卷评查抽样) of the period's closed cases per team: size, and a seed (random when empty). */
export function ReviewSampleForm({ period, onCreated }: { period: string; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const create = useCreateReview();
  const [size, setSize] = useState('5');
  const [seed, setSeed] = useState('');
  const seedOk = seed === '' || (/^\d+$/.test(seed) && Number(seed) <= 4294967295);
  const sizeOk = /^\d+$/.test(size) && Number(size) >= 1 && Number(size) <= 100;
  return (
    <form
      className="filter-row ev-sample-form"
      aria-labelledby={`${id}-h`}
      data-testid="review-sample-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!seedOk || !sizeOk) return;
        create.mutate(
          { period, sizePerTeam: Number(size), ...(seed ? { seed: Number(seed) } : {}) },
          {
            onSuccess: (b) => {
              toast('success', t('evaluations.sampleCreated', { files: b.items.length, seed: b.seed }));
              onCreated(b.id);
            },
          },
        );
      }}
    >
      <h3 id={`${id}-h`} className="ev-inline-h">
        {t('evaluations.newSample')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-size`}>{t('evaluations.sizePerTeam')}</label>
        <input id={`${id}-size`} type="number" min={1} max={100} value={size} aria-invalid={!sizeOk} data-testid="sample-size" onChange={(e) => setSize(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-seed`}>{t('evaluations.seed')}</label>
        <input id={`${id}-seed`} inputMode="numeric" value={seed} placeholder={t('evaluations.seedRandom')} aria-invalid={!seedOk} aria-describedby={`${id}-seed-h`} data-testid="sample-seed" onChange={(e) => setSeed(e.target.value.trim())} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={create.isPending || !seedOk || !sizeOk} data-testid="sample-create">
        {t('evaluations.drawSample')}
      </button>
      <p id={`${id}-seed-h`} className="hint ev-full">
        {t('evaluations.seedHint')}
      </p>
      {create.error ? (
        <p className="form-error" role="alert">
          {errorMessage(create.error, t)}
        </p>
      ) : null}
    </form>
  );
}

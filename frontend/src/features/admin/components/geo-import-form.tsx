import { useEffect, useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection } from 'geojson';
import { errorMessage } from '@/lib/error-message';
import { useCreateGeoImport, type GeoImportKind } from '../api/create-geo-import';
import { useGeoImport } from '../api/get-geo-import';

/** Parses a file as a GeoJSON FeatureCollection, or explains why not. */
async function readCollection(file: File): Promise<FeatureCollection> {
  const json = JSON.parse(await file.text()) as Partial<FeatureCollection>;
  if (json?.type !== 'FeatureCollection' || !Array.isArray(json.features)) throw new Error('not-collection');
  return json as FeatureCollection;
}

/**
 * GeoJSON import (zones or grid cells): the server validates every feature and writes all or
 * nothing; this form shows its progress and each feature's errors (index, property, reason).
 */
export function GeoImportForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [kind, setKind] = useState<GeoImportKind>('grid-cells');
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const create = useCreateGeoImport();
  const status = useGeoImport(importId);
  const s = status.data;

  useEffect(() => {
    if (s?.status === 'done') void qc.invalidateQueries({ queryKey: ['geo'] });
  }, [s?.status, qc]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    setImportId(null);
    if (!file) {
      setLocalError(t('admin.chooseFile'));
      return;
    }
    let fc: FeatureCollection;
    try {
      fc = await readCollection(file);
    } catch (err) {
      setLocalError(t((err as Error).message === 'not-collection' ? 'admin.notCollection' : 'admin.notJson'));
      return;
    }
    create.mutate({ kind, featureCollection: fc }, { onSuccess: (r) => setImportId(r.id) });
  };

  const running = create.isPending || (!!s && (s.status === 'validating' || s.status === 'writing'));
  const pct = s && s.total > 0 ? Math.round((s.processed / s.total) * 100) : 0;

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.geoImport')}</h2>
      <form onSubmit={submit} noValidate data-testid="geo-import-form">
        <fieldset>
          <legend>{t('admin.kind')}</legend>
          {(['zones', 'grid-cells'] as const).map((k) => (
            <div className="field-inline" key={k}>
              <input type="radio" id={`${id}-${k}`} name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
              <label htmlFor={`${id}-${k}`}>{t(`admin.kind_${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('admin.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="geo-import-file"
          />
          <p className="hint">{t('admin.fileHint')}</p>
        </div>
        {localError || create.error ? (
          <p className="form-error" role="alert">
            {localError ?? errorMessage(create.error, t)}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={running} data-testid="geo-import-submit">
          {running ? t('admin.importing') : t('admin.import')}
        </button>
      </form>
      {s ? (
        <div className="import-status" aria-live="polite" data-testid="geo-import-status" data-status={s.status}>
          <label htmlFor={`${id}-progress`}>
            {t(`admin.status_${s.status}`)} · {s.processed} / {s.total}
          </label>
          <progress id={`${id}-progress`} max={Math.max(1, s.total)} value={s.processed}>
            {pct}%
          </progress>
          {s.status === 'done' ? <p className="notice">{t('admin.importDone', { count: s.total })}</p> : null}
          {s.errors.length ? (
            <>
              <p className="form-error" role="alert">
                {t('admin.importFailed', { count: s.errors.length })}
              </p>
              <table className="table" data-testid="geo-import-errors">
                <caption className="visually-hidden">{t('admin.errorsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.featureIndex')}</th>
                    <th scope="col">{t('admin.property')}</th>
                    <th scope="col">{t('admin.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.errors.slice(0, 500).map((er, i) => (
                    <tr key={i}>
                      <td>{er.index}</td>
                      <td>{er.property ?? '—'}</td>
                      <td>{er.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {s.errors.length > 500 ? <p className="muted small">{t('admin.moreErrors', { count: s.errors.length - 500 })}</p> : null}
            </>
          ) : null}
        </div>
      ) : null}
      {status.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(status.error, t)}
        </p>
      ) : null}
    </section>
  );
}

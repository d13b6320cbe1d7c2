import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateIncidentBody } from '@gridenforce/backend/contracts';
import { useAppConfig } from '@/api/get-config';
import { addToOutbox, type OutboxPhoto } from '@/lib/offline-queue';
import { shrinkPhoto } from '@/lib/image';
import { useUser } from '@/lib/session';
import { uuid } from '@/lib/uuid';
import { CategoryPicker } from './category-picker';
import { LocationPicker, type PickedLocation } from './location-picker';

const MAX_PHOTOS = 6;

function PhotoPreview({ file, onRemove, label }: { file: File; onRemove: () => void; label: string }) {
  const url = useMemo(() => URL.createObjectURL(file), [file]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <li className="photo-preview">
      <img src={url} alt="" width={96} height={72} />
      <button type="button" className="btn btn-small" onClick={onRemove} aria-label={label}>
        ×
      </button>
    </li>
  );
}

/**
 * The patrol report (上报). Submitting always goes through the outbox: the report is saved on the
 * phone with its idempotency key first and sent from there, online or not.
 */
export function PatrolForm() {
  const { t } = useTranslation();
  const user = useUser();
  const cfg = useAppConfig();
  const [location, setLocation] = useState<PickedLocation | null>(null);
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [photos, setPhotos] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // Bumped after each saved report to reset the category search box.
  const [round, setRound] = useState(0);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const parsed = CreateIncidentBody.safeParse({
      location: location ? { type: 'Point', coordinates: location.point } : undefined,
      category,
      description,
      source: 'patrol',
      urgent,
      address: address.trim() || undefined,
    });
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const i of parsed.error.issues) {
        const k = String(i.path[0] ?? 'form');
        errs[k] ??= t(`patrol.err_${k}`, { defaultValue: t('form.invalid') });
      }
      setErrors(errs);
      document.getElementById(`${id}-errors`)?.focus();
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const limit = cfg.data?.photoMaxBytes ?? 10 * 1024 * 1024;
      const blobs: OutboxPhoto[] = [];
      for (const f of photos) {
        const blob = await shrinkPhoto(f);
        if (blob.size > limit) {
          setErrors({ photos: t('patrol.photoTooLarge', { name: f.name, mb: (limit / 1048576).toFixed(0) }) });
          return;
        }
        blobs.push({ blob, name: f.name.replace(/\.[^.]+$/, '') + (blob.type === 'image/jpeg' ? '.jpg' : ''), uploadedId: null });
      }
      await addToOutbox({
        id: uuid(),
        userId: user.id,
        createdAt: new Date().toISOString(),
        body: parsed.data,
        photos: blobs,
        status: 'queued',
        attempts: 0,
        lastError: null,
        result: null,
      });
      setSaved(navigator.onLine ? t('patrol.savedSending') : t('patrol.savedOffline'));
      setCategory('');
      setDescription('');
      setAddress('');
      setUrgent(false);
      setPhotos([]);
      setLocation(null);
      setRound((r) => r + 1);
    } catch (err) {
      setErrors({ form: err instanceof Error ? err.message : String(err) });
    } finally {
      setSaving(false);
    }
  };

  const errorList = Object.entries(errors);
  return (
    <form className="patrol-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`} data-testid="patrol-form">
      <h1 id={`${id}-h`}>{t('patrol.title')}</h1>
      {errorList.length ? (
        <div className="form-error" id={`${id}-errors`} tabIndex={-1} role="alert">
          <p>{t('form.fixErrors')}</p>
          <ul>
            {errorList.map(([k, m]) => (
              <li key={k}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <LocationPicker value={location} onChange={setLocation} gridIds={user.gridIds} error={errors.location} />
      <CategoryPicker key={round} value={category} onChange={setCategory} error={errors.category} />
      <div className="field">
        <label htmlFor={`${id}-desc`}>
          {t('patrol.description')} <span className="req">*</span>
        </label>
        <textarea
          id={`${id}-desc`}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={2000}
          aria-invalid={errors.description ? true : undefined}
          data-testid="patrol-description"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-addr`}>{t('patrol.address')}</label>
        <input id={`${id}-addr`} value={address} onChange={(e) => setAddress(e.target.value)} maxLength={300} autoComplete="off" />
      </div>
      <div className="field field-inline">
        <input id={`${id}-urgent`} type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
        <label htmlFor={`${id}-urgent`}>{t('patrol.urgent')}</label>
      </div>
      <div className="field">
        <label htmlFor={`${id}-photo`}>{t('patrol.photos', { max: MAX_PHOTOS })}</label>
        <input
          id={`${id}-photo`}
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          data-testid="patrol-photo"
          onChange={(e) => {
            const picked = Array.from(e.target.files ?? []);
            setPhotos((p) => [...p, ...picked].slice(0, MAX_PHOTOS));
            e.target.value = '';
          }}
          aria-invalid={errors.photos ? true : undefined}
        />
        {photos.length ? (
          <ul className="photo-previews">
            {photos.map((f, i) => (
              <PhotoPreview
                key={`${f.name}-${i}`}
                file={f}
                label={t('patrol.removePhoto', { n: i + 1 })}
                onRemove={() => setPhotos((p) => p.filter((_, j) => j !== i))}
              />
            ))}
          </ul>
        ) : null}
      </div>
      <button type="submit" className="btn btn-primary btn-block" disabled={saving} data-testid="patrol-submit">
        {saving ? t('patrol.saving') : t('patrol.submit')}
      </button>
      {saved ? (
        <p className="notice" role="status" data-testid="patrol-saved">
          {saved}
        </p>
      ) : null}
    </form>
  );
}

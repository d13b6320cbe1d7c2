import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto, PhotoDto } from '@gridenforce/backend/contracts';
import { useFormatters } from '@/lib/format';
import { usePhotoUrl } from '../api/get-photo';

/** A thumbnail that opens the full photo in a dialog (both fetched with the bearer token). */
export function PhotoThumb({ photo }: { photo: PhotoDto }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const thumb = usePhotoUrl(photo.thumbUrl || photo.url);
  const dialog = useRef<HTMLDialogElement>(null);
  const label = t('case.photoAt', { at: f.dateTime(photo.uploadedAt) });
  return (
    <>
      <button type="button" className="thumb" onClick={() => dialog.current?.showModal()} aria-label={label}>
        {thumb.url ? <img src={thumb.url} alt="" width={96} height={72} /> : <span className="thumb-ph">{thumb.isError ? '!' : '…'}</span>}
      </button>
      <dialog ref={dialog} className="photo-dialog" aria-label={label}>
        <FullPhoto photo={photo} />
        <form method="dialog">
          <button className="btn" type="submit">
            {t('common.close')}
          </button>
        </form>
      </dialog>
    </>
  );
}

function FullPhoto({ photo }: { photo: PhotoDto }) {
  const full = usePhotoUrl(photo.url);
  return full.url ? <img src={full.url} alt="" className="photo-full" /> : <p>…</p>;
}

export function CasePhotos({ kase }: { kase: CaseDto }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="photos-h">
      <h2 id="photos-h">
        {t('case.photos')} <span className="muted small">({kase.photos.length})</span>
      </h2>
      {kase.photos.length ? (
        <div className="thumbs" data-testid="case-photos">
          {kase.photos.map((p) => (
            <PhotoThumb key={p.id} photo={p} />
          ))}
        </div>
      ) : (
        <p className="muted">{t('case.noPhotos')}</p>
      )}
    </section>
  );
}

import type { PhotoDto } from '@gridenforce/backend/contracts';
import { api, type DataBody } from '@/lib/api-client';

/** `POST /api/v1/cases/:id/photos` (multipart field `photo`). Used by patrol, verification and evidence. */
export async function uploadCasePhoto(caseId: string, photo: Blob, name = 'photo.jpg'): Promise<PhotoDto> {
  const form = new FormData();
  form.append('photo', photo, name);
  const body = await api<DataBody<PhotoDto>>(`/cases/${encodeURIComponent(caseId)}/photos`, { method: 'POST', body: form });
  return body.data;
}

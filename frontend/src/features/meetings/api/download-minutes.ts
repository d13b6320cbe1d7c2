import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/**
 * `GET /api/v1/meetings/:id/minutes.pdf`: fetched with the bearer token (a plain link could not
 * send it), then saved through a temporary object URL.
 */
export async function downloadMinutes(meetingId: string, fileName: string): Promise<void> {
  const blob = await api<Blob>(`/meetings/${encodeURIComponent(meetingId)}/minutes.pdf`, { responseType: 'blob', headers: { Accept: 'application/pdf' } });
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export function useDownloadMinutes(meetingId: string) {
  return useMutation({ mutationFn: (fileName: string) => downloadMinutes(meetingId, fileName) });
}

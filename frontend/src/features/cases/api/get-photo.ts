import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/**
 * Photos need the bearer token, so they are fetched as blobs (through the refreshing client) and
 * shown from object URLs, revoked when no longer shown.
 */
export function usePhotoUrl(url: string | undefined) {
  const q = useQuery({
    queryKey: ['photo', url],
    queryFn: () => api<Blob>(url ?? '', { responseType: 'blob' }),
    enabled: !!url,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    meta: { toast: false },
  });
  const [objectUrl, setObjectUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!q.data) return;
    const u = URL.createObjectURL(q.data);
    setObjectUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [q.data]);
  return { url: objectUrl, isError: q.isError, isPending: q.isPending };
}

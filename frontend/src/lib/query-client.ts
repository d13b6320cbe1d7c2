import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, NetworkError } from './api-client';
import { errorMessage } from './error-message';
import { i18n } from './i18n';
import { toast } from './toast';

declare module '@tanstack/react-query' {
  interface Register {
    /** `meta.toast: false` silences the global error toast (the component shows the error itself). */
    queryMeta: { toast?: boolean };
    mutationMeta: { toast?: boolean };
  }
}

function shouldToast(err: unknown, meta: { toast?: boolean } | undefined) {
  if (meta?.toast === false) return false;
  // A 401 here means the session ended; the app goes to the login page instead.
  if (err instanceof ApiError && err.status === 401) return false;
  return true;
}

export function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (shouldToast(err, query.meta)) toast('error', errorMessage(err, i18n.t));
      },
    }),
    mutationCache: new MutationCache({
      onError: (err, _v, _c, mutation) => {
        if (shouldToast(err, mutation.meta)) toast('error', errorMessage(err, i18n.t));
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => {
          if (err instanceof NetworkError) return count < 2;
          if (err instanceof ApiError) return (err.status >= 500 || err.status === 429) && count < 2;
          return false;
        },
      },
      mutations: { retry: false },
    },
  });
}

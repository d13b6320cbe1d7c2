import { env } from '@/config/env';

declare const __BUILD_ID__: string;

/**
 * Registers public/sw.js, which caches the built app shell so the app opens without network.
 * The build id is part of the script URL, so each deploy installs a fresh worker and cache.
 */
export function registerServiceWorker() {
  if (!env.ENABLE_SW || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(__BUILD_ID__)}`, { scope: '/' }).catch(() => {
      /* not fatal: the app works online without it */
    });
  });
}

import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Writes `precache-manifest.json` listing every emitted file, so the hand-written service worker
 * (public/sw.js) can cache the whole app shell at install without workbox. The build id is a hash
 * of the file names (they are content-hashed), so a new build registers a new worker.
 */
function precacheManifest(): Plugin {
  return {
    name: 'gridenforce-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map')).sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      this.emitFile({
        type: 'asset',
        fileName: 'precache-manifest.json',
        source: JSON.stringify({ version, files: ['/', ...files.map((f) => `/${f}`)] }, null, 2),
      });
    },
  };
}

/** Part of the service worker's URL: a new build installs a new worker (and a fresh shell cache). */
const BUILD_ID = `${Date.now().toString(36)}`;

export default defineConfig({
  define: { __BUILD_ID__: JSON.stringify(BUILD_ID) },
  plugins: [react(), precacheManifest()],
  resolve: {
    alias: {
      '@gridenforce/backend/contracts': here('../backend/src/contracts/index.ts'),
      '@': here('./src'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});

// Builds the operator console into dist/console, served by the Todoku process at /console
// (src/web/console-serve.ts). `npm run build`, or `npm start` when the build is missing or stale.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../dist/console', import.meta.url)),
    emptyOutDir: true,
    // Hashed file names under assets/: served with a year-long cache; index.html is never cached.
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
  },
  // `vite --config src/web/console/vite.config.ts` during development: the API of a running server.
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Built into dist/console and served by the audit service at /console (same origin as its
 * API, so the token never leaves it). `vite` in dev proxies the API to a local audit service.
 */
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)), emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': `http://127.0.0.1:${process.env['AUDIT_PORT'] ?? 3005}` } },
});

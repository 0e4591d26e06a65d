import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The dashboard is built into dist/web, which the API server serves. The server's
 * Content-Security-Policy allows scripts and styles from files only, so nothing may be inlined:
 * every asset, however small, stays a file.
 */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsInlineLimit: 0,
  },
});

// Builds the renderer (src-renderer) into dist-web/, which both the Electron app:// protocol and the
// `npm run web` loopback server serve. Relative base so the bundle works from any origin or path.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src-renderer'),
  base: './',
  publicDir: here('./assets/icons'),
  plugins: [react()],
  build: {
    outDir: here('./dist-web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 6000,
  },
});

import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './shared/csp';

/**
 * The built console carries its CSP in a meta tag, because pages loaded from file:// in
 * Electron get no response headers. The dev server skips it: Vite's HMR needs inline scripts.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'tollgate-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads must be one CommonJS file with nothing to require but electron.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: resolve('out/renderer'),
      // electron-vite leaves the renderer unminified by default; minified it is 4× smaller to load.
      minify: true,
      // One bundle of ~870 kB read from disk or loopback, never over a network: no need to split it.
      chunkSizeWarningLimit: 1024,
      rollupOptions: {
        input: resolve('renderer/index.html'),
        onwarn(warning, warn) {
          // zod's sources carry explanatory comments next to @__PURE__ marks that rollup
          // cannot place; harmless, and not ours to fix, but they drown the build output.
          if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
          warn(warning);
        },
      },
    },
  },
});

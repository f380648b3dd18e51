import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './api/contentSecurityPolicy';

/**
 * The built index.html carries the same CSP as the server header and Electron's response header
 * (frame-ancestors is dropped: browsers ignore it in a meta tag). Dev mode has none: React's fast
 * refresh needs an inline script.
 */
function cspMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'marksight-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

// The renderer is built once into dist/renderer and served by the web-mode server or loaded by Electron.
// base './' keeps asset URLs relative so the same build works from app:// and http://127.0.0.1.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': `http://127.0.0.1:${process.env.MARKSIGHT_PORT ?? 4300}` },
  },
});

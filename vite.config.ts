import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import { VitePWA } from 'vite-plugin-pwa';

import chromium from './test/chromium.json' with { type: 'json' };

/** Debian's Chromium; test tools cannot download browsers on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? chromium.path;
export const CHROMIUM_ARGS = chromium.args;

/**
 * Content-Security-Policy of the app: every script, worker and request from the app's own origin,
 * no inline script, no eval. Styles may be inline: Svelte sets `style` attributes. Sent as a
 * `<meta http-equiv>` in index.html (works on any static host, offline too) and as a header by
 * `vite preview`. The service worker's register script is a file (`injectRegister: 'script-defer'`),
 * never inline.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const csp: Plugin = {
  name: 'content-security-policy',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
};

/**
 * Offline: a generated service worker precaches the whole built app (scenario library included)
 * and the hand-written web manifest. Left out of Vitest runs, where there is nothing to precache.
 */
const pwa = VitePWA({
  registerType: 'autoUpdate',
  injectRegister: 'script-defer',
  manifest: false,
  // The sample Odoo export too, so "Try the sample" works offline.
  includeAssets: ['manifest.webmanifest', 'icons/*', 'scenarios/*.json', 'samples/*.csv'],
  workbox: {
    globPatterns: ['**/*.{js,css,html,json,svg,png,webmanifest,csv}'],
    navigateFallback: 'index.html',
    clientsClaim: true,
    skipWaiting: true,
    cleanupOutdatedCaches: true,
  },
});

export default defineConfig({
  plugins: [svelte(), ...(process.env.VITEST ? [] : [csp, pwa])],
  preview: {
    // frame-ancestors is ignored in a <meta>: only a header can forbid framing.
    headers: { 'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'` },
  },
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 600 },
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts', 'test/e2e/**'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});

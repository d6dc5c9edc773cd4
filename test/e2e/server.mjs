/**
 * Shared by the end-to-end runner and the UI benchmarks: build the app when it is missing or older
 * than its sources, serve it with `vite preview` on a free localhost port, and launch Debian's
 * Chromium (never a downloaded browser).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { preview } from 'vite';
import chromiumConfig from '../chromium.json' with { type: 'json' };

export const ROOT = new URL('../../', import.meta.url).pathname;
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? chromiumConfig.path;
export const CHROMIUM_ARGS = chromiumConfig.args;

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Runs `vite build` unless dist/ is newer than every source it is built from. */
export function buildIfNeeded({ force = false } = {}) {
  const index = join(ROOT, 'dist/index.html');
  const sources = Math.max(
    newest(join(ROOT, 'src')),
    newest(join(ROOT, 'public')),
    statSync(join(ROOT, 'index.html')).mtimeMs,
    statSync(join(ROOT, 'vite.config.ts')).mtimeMs,
  );
  if (!force && existsSync(index) && statSync(index).mtimeMs > sources) return false;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
  return true;
}

/** `vite preview` on a free port (port 0 lets the OS pick). Returns { url, close }. */
export async function startPreview() {
  const server = await preview({
    root: ROOT,
    logLevel: 'silent',
    preview: { port: 0, strictPort: false, host: '127.0.0.1', open: false },
  });
  const address = server.httpServer.address();
  const url = `http://127.0.0.1:${address.port}/`;
  return { url, close: () => new Promise((r) => server.httpServer.close(() => r())) };
}

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

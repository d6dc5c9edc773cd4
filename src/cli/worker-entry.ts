/**
 * Where a worker thread of the CLI starts: the bundle next to this one (`.cache/cli/NAME.mjs`,
 * built by `npm run sim` or `npm run build:cli`), or, when this module itself runs from source
 * (tests, `tsx src/cli/sim.ts`), the source file loaded through tsx's loader, registered inside the
 * worker (a worker's execArgv cannot take `--import`).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function workerEntry(name: 'sweep-worker' | 'fold-worker'): {
  code: string | URL;
  eval: boolean;
} {
  const bundled = new URL(`./${name}.mjs`, import.meta.url);
  if (import.meta.url.endsWith('.mjs') && existsSync(fileURLToPath(bundled))) {
    return { code: bundled, eval: false };
  }
  // tsx's ESM API (its package exports map `import` to the .mjs next to the `require` entry).
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const tsx = JSON.stringify(pathToFileURL(api).href);
  const source = JSON.stringify(new URL(`./${name}.ts`, import.meta.url).href);
  return {
    code: `import(${tsx}).then((tsx) => { tsx.register(); return import(${source}); });`,
    eval: true,
  };
}

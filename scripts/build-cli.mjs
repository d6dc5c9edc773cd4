/**
 * Bundles the CLI entry points into .cache/cli/ with esbuild, only when their sources changed.
 * `npm run sim` is what a user runs, so its start-up counts: an unchanged tree costs one directory
 * walk (a few ms) instead of a bundle. The stamp is a hash of every source file's path, size and
 * mtime, plus the entry points and package-lock.json; any edit, added or removed file rebuilds.
 *
 * Usage: node scripts/build-cli.mjs ENTRY.ts [ENTRY.ts …], or `ensureBuilt([...])` from a launcher
 * (scripts/sim.mjs) that then runs the bundle in its own process.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const out = join(root, '.cache/cli');

function walk(dir, hash) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) walk(path, hash);
    else hash.update(`${path}\0${st.size}\0${st.mtimeMs}\n`);
  }
}

/**
 * Bundles `entries` (paths from the repository root) into .cache/cli/ unless the stamp says the
 * bundles are up to date. Returns the bundles' paths, in the order of `entries`.
 */
export async function ensureBuilt(entries) {
  const hash = createHash('sha256');
  hash.update(entries.join('\0'));
  walk(join(root, 'src'), hash);
  for (const f of ['package-lock.json', 'package.json']) {
    const p = join(root, f);
    if (existsSync(p)) hash.update(`${f}\0${statSync(p).mtimeMs}\n`);
  }
  const stamp = hash.digest('hex');
  const stampFile = join(out, `.stamp-${entries.map((e) => basename(e, '.ts')).join('+')}`);
  const outputs = entries.map((e) => join(out, `${basename(e, '.ts')}.mjs`));
  const fresh =
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8') === stamp &&
    outputs.every((o) => existsSync(o));
  if (!fresh) {
    const { build } = await import('esbuild');
    await build({
      entryPoints: entries.map((e) => join(root, e)),
      bundle: true,
      platform: 'node',
      format: 'esm',
      outdir: out,
      outExtension: { '.js': '.mjs' },
      logLevel: 'warning',
    });
    mkdirSync(out, { recursive: true });
    writeFileSync(stampFile, stamp);
  }
  return outputs;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await ensureBuilt(process.argv.slice(2));

/**
 * The CLI's fold on a second thread (src/cli/fold.ts): a long run's summary is folded from the
 * compact log by another thread. Forced onto that path (SIM_FOLD_THREAD_MIN_VISITORS=0), the CLI
 * prints what it prints folding in its own thread, byte for byte: the table and `--json` (with the
 * staffing by hour of a scenario on a clock), from source (the thread through tsx) and bundled like
 * `npm run sim` (the thread's own bundle next to sim.mjs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/sim.ts';
import { givenSemiSpace } from '../../src/cli/fold.ts';
import { scenarioArb } from '../../src/fuzz/gen.ts';
import { usesClock } from '../../src/sim/traffic.ts';
import { capture } from './helpers/capture.ts';
import { exampleScenario } from './fixtures.ts';

let dir: string;
let files: string[];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sim-fold-'));
  // The bench's traffic for a day: ~43,000 events, ten chunks and more, so that chunks go to
  // the thread while the run goes on, buffers come back, and strings first met in one chunk are
  // named by number in the next.
  const bench = JSON.parse(readFileSync('public/scenarios/bench.json', 'utf8'));
  bench.durationMinutes = 1300;
  const scenarios = [
    exampleScenario(),
    bench,
    ...fc.sample(scenarioArb({ clock: true }), { numRuns: 5, seed: 21 }),
  ];
  files = scenarios.map((s, i) => {
    const path = join(dir, `s${i}.json`);
    writeFileSync(path, JSON.stringify(s));
    return path;
  });
  // The property below is only worth something if a scenario on a clock prints its hours.
  expect(scenarios.slice(2).some(usesClock)).toBe(true);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `main` with SIM_FOLD_THREAD_MIN_VISITORS set to `min` (the thread from `min` visitors). */
async function cliWith(min: string, argv: string[]) {
  const before = process.env.SIM_FOLD_THREAD_MIN_VISITORS;
  process.env.SIM_FOLD_THREAD_MIN_VISITORS = min;
  try {
    return await capture(main, argv);
  } finally {
    if (before === undefined) delete process.env.SIM_FOLD_THREAD_MIN_VISITORS;
    else process.env.SIM_FOLD_THREAD_MIN_VISITORS = before;
  }
}

describe('sim CLI, the fold on a second thread', () => {
  it('reads the semi-space flags it gives back to the process as Node does (last one wins)', () => {
    expect(givenSemiSpace('max', [])).toBe(0);
    expect(givenSemiSpace('max', ['--max-semi-space-size=8', '--min-semi-space-size=4'])).toBe(8);
    expect(givenSemiSpace('min', ['--max-semi-space-size=8', '--min-semi-space-size=4'])).toBe(4);
    expect(givenSemiSpace('max', ['--max-semi-space-size', '16'])).toBe(16);
    expect(givenSemiSpace('max', ['--max_semi_space_size=2', '--max-semi-space-size=32'])).toBe(32);
  });

  it('prints what the fold in its own thread prints (table and --json), from source', async () => {
    for (const path of files)
      for (const extra of [[], ['--json'], ['--json', '--policy', 'odoo-19', '--seed', '7']]) {
        const argv = [path, '--quiet', ...extra];
        const here = await cliWith('1e15', argv);
        const threaded = await cliWith('0', argv);
        expect(here.code).toBe(0);
        expect(here.out.length).toBeGreaterThan(100);
        expect(threaded).toEqual(here);
      }
  }, 120_000);

  it('prints the same bundled like `npm run sim`, the thread from its own bundle', () => {
    execFileSync(
      'npx',
      [
        'esbuild',
        'src/cli/sim.ts',
        'src/cli/fold-worker.ts',
        '--bundle',
        '--platform=node',
        '--format=esm',
        `--outdir=${join(dir, 'cli')}`,
        '--out-extension:.js=.mjs',
        '--log-level=warning',
      ],
      { stdio: 'pipe' },
    );
    const run = (min: string, path: string) =>
      spawnSync('node', [join(dir, 'cli', 'sim.mjs'), path, '--json', '--quiet'], {
        encoding: 'utf8',
        env: { ...process.env, SIM_FOLD_THREAD_MIN_VISITORS: min },
      });
    for (const path of files) {
      const here = run('1e15', path);
      const threaded = run('0', path);
      expect(here.status).toBe(0);
      expect(JSON.parse(here.stdout).visitors).toBeGreaterThanOrEqual(0);
      expect({ status: threaded.status, out: threaded.stdout, err: threaded.stderr }).toEqual({
        status: 0,
        out: here.stdout,
        err: '',
      });
    }
  }, 120_000);
});

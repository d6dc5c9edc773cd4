/**
 * `sim sweep` (issue 9 §2): in-process through `main(argv)`, and bundled as `npm run sim` runs it
 * (worker threads from the bundle, byte-identical output whatever --jobs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/sim.ts';
import { METRIC_KEYS } from '../../src/sim/sweep/figures.ts';
import type { SweepResult } from '../../src/sim/sweep/reduce.ts';
import { exampleScenario } from './fixtures.ts';
import { capture } from './helpers/capture.ts';

let dir: string;
let scenarioFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sim-sweep-'));
  scenarioFile = join(dir, 'example.json');
  writeFileSync(scenarioFile, JSON.stringify(exampleScenario()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sweep = (...argv: string[]) => capture(main, ['sweep', ...argv]);
const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const GRID = ['--vary', 'operators=1:3', '--vary', 'policy=odoo,balanced', '--reps', '4'];

describe('sim sweep, good input', () => {
  it('--json: one object, points in cartesian order, every figure with its 95% interval', async () => {
    const { code, out, err } = await sweep(scenarioFile, ...GRID, '--json', '--jobs', '1');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(lines(out)).toHaveLength(1);
    const result = JSON.parse(out) as SweepResult;
    expect(result.points.map((p) => p.params)).toEqual([
      { operators: 1, policy: 'odoo' },
      { operators: 1, policy: 'balanced' },
      { operators: 2, policy: 'odoo' },
      { operators: 2, policy: 'balanced' },
      { operators: 3, policy: 'odoo' },
      { operators: 3, policy: 'balanced' },
    ]);
    expect(result.seed).toBe(1);
    for (const p of result.points) {
      expect(p.reps).toBe(4);
      expect(Object.keys(p.metrics)).toEqual([...METRIC_KEYS]);
      for (const key of METRIC_KEYS) {
        const { mean, lo, hi } = p.metrics[key];
        expect(lo!, key).toBeLessThanOrEqual(mean!);
        expect(mean!, key).toBeLessThanOrEqual(hi!);
      }
    }
    // More operators, fewer visitors turned away (on the same visitors: common random numbers).
    const away = result.points
      .filter((_, i) => i % 2 === 0)
      .map((p) => p.metrics.unavailable.mean!);
    expect(away[0]).toBeGreaterThan(away[2]);
  });

  it('--target adds, for each value of the other parameter, the smallest point meeting it', async () => {
    const { out } = await sweep(
      scenarioFile,
      ...GRID,
      '--json',
      '--jobs',
      '1',
      '--target',
      'unavailable<=0.5',
    );
    const result = JSON.parse(out) as SweepResult;
    expect(result.target!.expr).toBe('unavailable<=0.5');
    expect(result.target!.met).toHaveLength(2);
    result.target!.met.forEach((m, g) => {
      if (m === null) return;
      expect(m.params.policy).toBe(['odoo', 'balanced'][g]);
      expect(result.points[m.point].params).toEqual(m.params);
      expect(result.points[m.point].metrics.unavailable.hi).toBeLessThanOrEqual(0.5);
      // No smaller number of operators meets it.
      for (const p of result.points)
        if (p.params.policy === m.params.policy && p.params.operators! < m.params.operators!)
          expect(p.metrics.unavailable.hi).toBeGreaterThan(0.5);
    });
  });

  it('prints a readable table and the answer in words without --json', async () => {
    const { code, out } = await sweep(
      scenarioFile,
      ...GRID,
      '--jobs',
      '1',
      '--target',
      'answeredFraction>=0.01',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^Example: 6 points × 4 replications \(seeds 1–4\)/);
    expect(out).toMatch(/^operators\s+policy\s+answered within 20 s\s+answered\s/m);
    expect(out).toMatch(/^1\s+odoo\s+\d+\.\d% ± \d+\.\d/m);
    expect(out).toMatch(
      /^At least 1% answered, with 95% confidence: 1 operator under odoo; 1 operator under balanced\.$/m,
    );
  });

  it('--csv writes a row per point with the same numbers as --json', async () => {
    const csv = join(dir, 'out.csv');
    const { out } = await sweep(scenarioFile, ...GRID, '--json', '--jobs', '1', '--csv', csv);
    const result = JSON.parse(out) as SweepResult;
    const rows = Papa.parse<Record<string, string>>(readFileSync(csv, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows).toHaveLength(result.points.length);
    rows.forEach((row, i) => {
      const p = result.points[i];
      expect(row.operators).toBe(String(p.params.operators));
      expect(row.policy).toBe(p.params.policy);
      expect(Number(row.reps)).toBe(4);
      for (const key of METRIC_KEYS) {
        expect(Number(row[`${key}_mean`])).toBe(p.metrics[key].mean);
        expect(Number(row[`${key}_lo`])).toBe(p.metrics[key].lo);
      }
    });
  });

  it('--jobs 2 (worker threads, from source) prints the same bytes as --jobs 1', async () => {
    const one = await sweep(scenarioFile, ...GRID, '--json', '--jobs', '1');
    // A sweep this short stays on one thread unless told otherwise (SWEEP_THREADS_MIN_SECONDS).
    process.env.SWEEP_THREADS_MIN_SECONDS = '0';
    const two = await sweep(scenarioFile, ...GRID, '--json', '--jobs', '2').finally(
      () => delete process.env.SWEEP_THREADS_MIN_SECONDS,
    );
    expect(two.err).toBe('');
    expect(two.out).toBe(one.out);
  });

  it('--shard I/N lines, merged with --merge, give the whole sweep (JSON, table and CSV)', async () => {
    const target = ['--target', 'answeredWithinTarget>=0.5'];
    const whole = await sweep(scenarioFile, ...GRID, ...target, '--json', '--jobs', '1');
    const files: string[] = [];
    let runs = 0;
    for (const i of [1, 2, 3]) {
      const r = await sweep(scenarioFile, ...GRID, ...target, '--shard', `${i}/3`, '--jobs', '1');
      expect(r.code).toBe(0);
      runs += lines(r.out).length;
      const f = join(dir, `shard-${i}.jsonl`);
      writeFileSync(f, r.out);
      files.push(f);
    }
    expect(runs).toBe(6 * 4);
    const merged = await sweep('--merge', ...files.reverse(), '--json');
    expect(merged.err).toBe('');
    expect(merged.out).toBe(whole.out);
    const table = await sweep(scenarioFile, ...GRID, ...target, '--jobs', '1');
    expect((await sweep('--merge', ...files)).out).toBe(table.out);
  });
});

describe('sim sweep, bad input: one line per problem, exit 2', () => {
  async function bad(argv: string[], expected: string[]) {
    const { code, out, err } = await sweep(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(lines(err)).toEqual(expected);
  }

  it('every bad flag', async () => {
    const f = scenarioFile;
    await bad([f], ['--vary: at least one NAME=VALUES is needed']);
    await bad(
      [f, '--vary', 'staff=1:3'],
      [
        '--vary staff=1:3: "staff" is not a sweep parameter (valid: operators, rate, maxSessions, timeoutMinutes, policy)',
      ],
    );
    await bad(
      [f, '--vary', 'operators=5:2'],
      ['--vary operators=5:2: "5:2" is an empty range (5 > 2)'],
    );
    await bad(
      [f, '--vary'],
      ['--vary: missing value', '--vary: at least one NAME=VALUES is needed'],
    );
    await bad(
      [f, '--vary', 'operators=1', '--reps', '0'],
      ['--reps: "0" is not a whole number ≥ 1'],
    );
    await bad(
      [f, '--vary', 'operators=1', '--jobs', 'all'],
      ['--jobs: "all" is not a whole number ≥ 1'],
    );
    await bad([f, '--vary', 'operators=1', '--seed', '1.5'], ['--seed: "1.5" is not an integer']);
    await bad(
      [f, '--vary', 'operators=1', '--target', 'speed>=1'],
      [
        '--target "speed>=1": "speed" is not a sweep figure (valid: answeredWithinTarget, answeredFraction, serviceLevel, meanWaitSeconds, abandoned, unavailable, unanswered, languageMatch, busyFraction)',
      ],
    );
    await bad(
      [f, '--vary', 'operators=1', '--shard', '0/4'],
      ['--shard: "0/4": I must be from 1 to N'],
    );
    await bad([f, '--vary', 'operators=1', '--shard', '2'], ['--shard: "2" is not I/N (e.g. 2/8)']);
    await bad(
      [f, '--vary', 'operators=1', '--shard', '1/2', '--json'],
      ['--shard: writes one JSON line per run; use --json or --csv with --merge'],
    );
    await bad([f, '--vary', 'operators=1', '--fast'], ['--fast: unknown option']);
    await bad(['--vary', 'operators=1'], ['missing scenario FILE']);
    await bad(
      [join(dir, 'nope.json'), '--vary', 'operators=1'],
      [`${join(dir, 'nope.json')}: cannot read (no such file)`],
    );
    await bad(['--merge'], ['--merge: no FILES to merge']);
    await bad(
      ['--merge', join(dir, 'nope.jsonl')],
      [`${join(dir, 'nope.jsonl')}: cannot read (no such file)`],
    );
  });

  it('a bad scenario file: its own one-line errors', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...exampleScenario(), durationMinutes: -5 }));
    await bad(
      [broken, '--vary', 'operators=1:2'],
      [`${broken}: durationMinutes: must be greater than 0, got -5`],
    );
  });

  it('a --csv file that cannot be written', async () => {
    const path = join(dir, 'no-such-dir', 'out.csv');
    await bad(
      [scenarioFile, '--vary', 'operators=1', '--reps', '2', '--csv', path],
      [`--csv: cannot write ${path} (ENOENT)`],
    );
  });
});

describe('sim sweep bundled, as `npm run sim` runs it', () => {
  let bundleDir: string;
  beforeAll(() => {
    // The same esbuild command as scripts/build-cli.mjs (sim and its worker entry), privately.
    bundleDir = join(dir, 'cli');
    execFileSync(
      'npx',
      [
        'esbuild',
        'src/cli/sim.ts',
        'src/cli/sweep-worker.ts',
        '--bundle',
        '--platform=node',
        '--format=esm',
        `--outdir=${bundleDir}`,
        '--out-extension:.js=.mjs',
        '--log-level=warning',
      ],
      { stdio: 'pipe' },
    );
  });
  // Worker threads even for these short sweeps (they would stay on one thread otherwise).
  const node = (...argv: string[]) =>
    spawnSync('node', [join(bundleDir, 'sim.mjs'), 'sweep', ...argv], {
      encoding: 'utf8',
      env: { ...process.env, SWEEP_THREADS_MIN_SECONDS: '0' },
    });

  it('runs on worker threads from the bundle, byte-identical for --jobs 1 and --jobs 2', () => {
    const one = node(scenarioFile, ...GRID, '--json', '--jobs', '1');
    const two = node(scenarioFile, ...GRID, '--json', '--jobs', '2');
    expect(one.status).toBe(0);
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(two.stdout).points).toHaveLength(6);
  });

  it('exits 2 with one line and no stack trace on bad input', () => {
    const r = node(scenarioFile, '--vary', 'operators=x');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([
      '--vary operators=x: "x" is not an integer ≥ 1 (the number of operators)',
    ]);
  });
});

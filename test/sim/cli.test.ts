/**
 * The headless CLI (issue 2 §5): `main(argv)` in-process with stdout and stderr captured, plus the
 * bundled `node .cache/…/sim.mjs` as a real process for exit codes and the absence of stack traces.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, USAGE } from '../../src/cli/sim.ts';
import { eventLog } from '../../src/sim/engine.ts';
import { duration } from '../../src/sim/format/time.ts';
import { roundFigures } from '../../src/sim/format/precision.ts';
import { summarize } from '../../src/sim/metrics.ts';
import { exampleScenario } from './fixtures.ts';
import { toJsonl } from '../../src/fuzz/gen.ts';
import { capture } from './helpers/capture.ts';
import { SWEEP_USAGE } from '../../src/cli/sweep.ts';
import { IMPORT_USAGE } from '../../src/cli/import-odoo.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a scenario file (an object is written as JSON, a string as is); returns its path. */
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** Runs `main(argv)` with stdout and stderr captured. */
const cli = (...argv: string[]) => capture(main, argv);

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('sim CLI, good input', () => {
  it('prints a readable summary table', async () => {
    const s = exampleScenario();
    const { code, out, err } = await cli(file('example.json', s));
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const summary = summarize(s, eventLog(s));
    expect(out).toMatch(/^Scenario\s+Example$/m);
    expect(out).toMatch(/^Policy \/ seed\s+odoo \/ 1$/m);
    expect(out).toMatch(new RegExp(`^Visitors\\s+${summary.visitors}$`, 'm'));
    expect(out).toMatch(
      new RegExp(`^Served\\s+${summary.served}, of which ${summary.unanswered} unanswered$`, 'm'),
    );
    expect(out).toMatch(new RegExp(`^Events\\s+${summary.events}$`, 'm'));
    const names = new Map(s.operators.map((o) => [o.id, o.name]));
    for (const op of summary.operators)
      expect(out).toMatch(new RegExp(`^${names.get(op.id)}\\s+${op.sessions}\\s`, 'm'));
  });

  it('regression: the operators table named operators by id; now by name, the id only for twins', async () => {
    const s = exampleScenario();
    s.operators[2].name = s.operators[0].name; // two "Marc Demo"
    const { out } = await cli(file('twins.json', s));
    const [a, b, c] = s.operators;
    expect(out).toMatch(new RegExp(`^${a.name} \\(${a.id}\\)\\s+\\d+\\s`, 'm'));
    expect(out).toMatch(new RegExp(`^${c.name} \\(${c.id}\\)\\s+\\d+\\s`, 'm'));
    expect(out).toMatch(new RegExp(`^${b.name}\\s+\\d+\\s`, 'm'));
    expect(out).not.toMatch(new RegExp(`^${b.id}\\s`, 'm'));
  });

  it('explains every column of the operators table in one line below it', async () => {
    const { out } = await cli(file('example.json', exampleScenario()));
    const rows = lines(out);
    const header = rows.findIndex((r) => r.startsWith('Operator '));
    const columns = rows[header].trim().split(/\s+/).slice(1);
    expect(columns).toEqual(['sessions', 'busy', 'util.']);
    const below = rows.slice(header + 1);
    for (const column of columns) {
      const line = below.filter((r) => r.startsWith(`${column} `));
      expect(line, column).toHaveLength(1);
      expect(line[0].slice(column.length).trim().length).toBeGreaterThan(20);
    }
  });

  it('--help and -h print the usage with every option on stdout and exit 0', async () => {
    for (const argv of [['--help'], ['-h'], [file('example.json', exampleScenario()), '-h']]) {
      const { code, out, err } = await cli(...argv);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(out.startsWith(USAGE)).toBe(true);
      for (const flag of ['--seed', '--policy', '--json', '--events', '--quiet', '--help'])
        expect(out).toContain(flag);
    }
  });

  it('regression: sweep --help and import-odoo --help exited 2; they print their usage on stdout and exit 0', async () => {
    const usages: Record<string, string> = { sweep: SWEEP_USAGE, 'import-odoo': IMPORT_USAGE };
    for (const [command, usage] of Object.entries(usages))
      for (const flag of ['--help', '-h']) {
        const { code, out, err } = await cli(command, flag);
        expect({ command, code, err }).toEqual({ command, code: 0, err: '' });
        expect(out).toBe(`${usage}\n`);
      }
  });

  it('regression: --json printed 0.502863636363641; fractions now have 4 decimals, seconds 1', async () => {
    const s = exampleScenario();
    const { out } = await cli(file('example.json', s), '--json');
    const decimals = (n: number) => (String(n).split('.')[1] ?? '').length;
    const walk = (x: unknown, key: string): void => {
      if (typeof x === 'number') {
        expect(decimals(x), key).toBeLessThanOrEqual(/seconds$/i.test(key) ? 1 : 4);
      } else if (Array.isArray(x)) x.forEach((v) => walk(v, key));
      else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, k);
    };
    const json = JSON.parse(out);
    walk(json, '');
    const exact = summarize(s, eventLog(s));
    expect(decimals(exact.operators[0].busyFraction)).toBeGreaterThan(4);
    expect(json.operators[0].busyFraction).toBeCloseTo(exact.operators[0].busyFraction, 4);
    expect(json.meanWaitSeconds).toBeCloseTo(exact.meanWaitSeconds!, 1);
  });

  it('writes times with units, as the page does (regression: "Mean wait 77.0 s", "1.50 h")', async () => {
    const s = exampleScenario();
    const { out } = await cli(file('example-units.json', s));
    const summary = summarize(s, eventLog(s));
    const row = (label: string) => new RegExp(`^${label}\\s+(.+)$`, 'm').exec(out)?.[1];
    expect(row('Simulated time')).toBe(duration(summary.simulatedSeconds));
    expect(row('Mean wait')).toBe(duration(summary.meanWaitSeconds!));
    expect(row('p90 wait')).toBe(duration(summary.p90WaitSeconds!));
    for (const label of ['Simulated time', 'Mean wait', 'p90 wait'])
      expect(row(label)).toMatch(/^\d+(\.\d)? (s|min|h|d)( \d\d (s|min|h))?$/);
  });

  it('leads with the headline figures, each a count and a share of all visitors', async () => {
    const s = exampleScenario();
    const { out } = await cli(file('example.json', s));
    const summary = summarize(s, eventLog(s));
    const rows = lines(out);
    const at = (label: string) => rows.findIndex((r) => r.startsWith(label));
    const pct = (n: number) => `${((100 * n) / summary.visitors).toFixed(1)}%`;
    const answered = summary.served - summary.unanswered;
    const inTime = Math.round(summary.answeredWithinTarget! * summary.visitors);
    const expected: [string, number][] = [
      ['Answered ', answered],
      [`Answered within ${s.serviceLevelSeconds} s`, inTime],
      ['Unanswered', summary.unanswered],
      ['Abandoned', summary.abandoned],
      ['Turned away (no available collaborator)', summary.unavailable],
    ];
    // Right after the visitor count, in this order, before the served count and the service level.
    expected.forEach(([label], i) => expect(at(label), label).toBe(at('Visitors') + 1 + i));
    expect(at('Served')).toBeGreaterThan(at('Turned away'));
    for (const [label, n] of expected)
      expect(rows[at(label)]).toMatch(new RegExp(`\\s${n} · ${pct(n)} of all visitors$`));
    expect(out).toMatch(
      new RegExp(
        `^Service level \\(assigned within ${s.serviceLevelSeconds} s\\)\\s+[\\d.]+% of visitors not turned away$`,
        'm',
      ),
    );
  });

  it('--json prints one object with every key of the contract, equal to the metrics of the log', async () => {
    const s = exampleScenario();
    const { code, out, err } = await cli(file('example.json', s), '--json');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(lines(out)).toHaveLength(1);
    const json = JSON.parse(out);
    for (const key of [
      'visitors',
      'served',
      'abandoned',
      'unavailable',
      'unanswered',
      'waitedFraction',
      'meanWaitSeconds',
      'serviceLevel',
      'languageMatch',
      'operators',
      'events',
      'simulatedSeconds',
      'answeredFraction',
      'answeredWithinTarget',
    ])
      expect(json, key).toHaveProperty(key);
    expect(json.answeredFraction).toBeCloseTo((json.served - json.unanswered) / json.visitors, 4);
    expect(json.visitors).toBeGreaterThan(0);
    expect(json.visitors).toBe(json.served + json.abandoned + json.unavailable);
    expect(json.unanswered).toBeLessThanOrEqual(json.served);
    expect(json.operators.map((o: { id: string }) => o.id)).toEqual(['marc', 'mitchell', 'joel']);
    for (const o of json.operators) {
      expect(o).toHaveProperty('sessions');
      expect(o.busyFraction).toBeGreaterThanOrEqual(0);
      expect(o.busyFraction).toBeLessThanOrEqual(1);
    }
    const log = eventLog(s);
    expect(json.events).toBe(log.length);
    expect(json).toMatchObject(JSON.parse(JSON.stringify(roundFigures(summarize(s, log)))));
    expect(json.simulatedSeconds).toBeGreaterThanOrEqual(log[log.length - 1].t - 0.05);
  });

  it('--events writes the log as JSON Lines, equal to eventLog()', async () => {
    const s = exampleScenario();
    const out = join(dir, 'events.jsonl');
    const r = await cli(file('example.json', s), '--events', out, '--json');
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toBe(toJsonl(eventLog(s)));
    expect(JSON.parse(r.out).events).toBe(lines(text).length);
  });

  it('prints the same summary whether it writes the log or not (explanations only with --events)', async () => {
    const s = exampleScenario();
    const path = file('example.json', s);
    const withLog = await cli(path, '--events', join(dir, 'summary-same.jsonl'), '--json');
    const without = await cli(path, '--json');
    expect(without.code).toBe(0);
    expect(JSON.parse(without.out).visitors).toBeGreaterThan(5);
    expect(without.out).toBe(withLog.out);
  });

  it('--seed and --policy override the scenario’s', async () => {
    const s = exampleScenario();
    const out = join(dir, 'override.jsonl');
    const r = await cli(
      file('example.json', s),
      '--seed',
      '99',
      '--policy',
      'round-robin',
      '--events',
      out,
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ seed: 99, policy: 'round-robin' });
    const expected = toJsonl(eventLog(s, { seed: 99, policy: 'round-robin' }));
    expect(readFileSync(out, 'utf8')).toBe(expected);
    expect(expected).not.toBe(toJsonl(eventLog(s)));
    expect(expected).toContain('"policy":"round-robin"');
  });

  it('a run in queue mode ends with every visitor accounted for', async () => {
    const s = exampleScenario();
    s.whenNoOperator = 'queue';
    s.durationMinutes = 300;
    const { code, out } = await cli(file('queue.json', s), '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.unavailable).toBe(0);
    expect(json.visitors).toBe(json.served + json.abandoned);
    expect(json.events).toBe(eventLog(s).length);
  });
});

describe('sim CLI, bad input: non-zero exit, one clear line per problem, no stack trace', () => {
  const bad = async (argv: string[], expected: string[]) => {
    const { code, out, err } = await cli(...argv);
    expect(code).not.toBe(0);
    expect(out).toBe('');
    expect(err).not.toMatch(/^\s+at /m);
    const got = lines(err).filter((l) => l !== USAGE);
    expect(got).toEqual(expected);
  };
  const withChange = (change: (s: Record<string, unknown>) => void) => {
    const s = exampleScenario() as unknown as Record<string, unknown>;
    change(s);
    return s;
  };

  it('a missing file', async () => {
    const path = join(dir, 'nope.json');
    await bad([path], [`${path}: cannot read (no such file)`]);
  });

  it('invalid JSON, with the line and column', async () => {
    const path = file(
      'broken.json',
      '{\n  "format": "livechat-sandbox/scenario@1",\n  "name": "x",,\n}',
    );
    const { err } = await cli(path);
    expect(lines(err)).toHaveLength(1);
    expect(err).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: invalid JSON at line 3, column \\d+`,
      ),
    );
  });

  it('an unknown channel reference', async () => {
    const path = file(
      'channel.json',
      withChange(
        (s) => ((s.operators as { channels: string[] }[])[0].channels = ['website', 'sales']),
      ),
    );
    await bad(
      [path],
      [
        `${path}: operators[0].channels[1]: unknown channel "sales" (channels are "website", "support")`,
      ],
    );
  });

  it('a language that is not enabled', async () => {
    const path = file(
      'lang.json',
      withChange((s) => ((s.operators as { lang: string }[])[2].lang = 'de_DE')),
    );
    await bad([path], [`${path}: operators[2].lang: "de_DE" is not an enabled language`]);
  });

  it('a bad value', async () => {
    const path = file(
      'value.json',
      withChange((s) => (s.durationMinutes = -5)),
    );
    await bad([path], [`${path}: durationMinutes: must be greater than 0, got -5`]);
  });

  it('several problems: one line each', async () => {
    const path = file(
      'several.json',
      withChange((s) => {
        s.durationMinutes = 0;
        (s.channels as { maxSessions: unknown }[])[1].maxSessions = 1.5;
        (s.operators as { lang: string }[])[0].lang = 'xx_XX';
      }),
    );
    const { code, err } = await cli(path);
    expect(code).not.toBe(0);
    expect(lines(err).sort()).toEqual(
      [
        `${path}: durationMinutes: must be greater than 0, got 0`,
        `${path}: channels[1].maxSessions: must be an integer, got 1.5`,
        `${path}: operators[0].lang: "xx_XX" is not an enabled language`,
      ].sort(),
    );
  });

  it('an unknown policy, in the file or on the command line', async () => {
    const path = file(
      'policy.json',
      withChange((s) => (s.policy = 'fastest')),
    );
    const { code, err } = await cli(path);
    expect(code).not.toBe(0);
    expect(lines(err)).toHaveLength(1);
    expect(err).toMatch(/^.*: policy: "fastest" is not a known policy \(valid: "odoo", /);
    const good = file('good.json', exampleScenario());
    const r = await cli(good, '--policy', 'fastest');
    expect(r.code).not.toBe(0);
    expect(lines(r.err)[0]).toMatch(
      /^--policy: "fastest" is not a policy \(valid: odoo, odoo-19, /,
    );
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it('an --events file that cannot be written', async () => {
    const good = file('good.json', exampleScenario());
    const path = join(dir, 'no-such-dir', 'events.jsonl');
    const { code, err } = await cli(good, '--events', path, '--json');
    expect(code).not.toBe(0);
    expect(lines(err)).toHaveLength(1);
    expect(err).toMatch(
      new RegExp(`^--events: cannot write ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`),
    );
    expect(err).not.toMatch(/^\s+at /m);
  });

  it('a bad --seed, a missing value, an unknown flag, no file', async () => {
    const good = file('good.json', exampleScenario());
    await bad([good, '--seed', 'abc'], ['--seed: "abc" is not an integer']);
    await bad([good, '--seed', '1.5'], ['--seed: "1.5" is not an integer']);
    await bad([good, '--seed'], ['--seed: missing value']);
    await bad([good, '--fast'], ['--fast: unknown option']);
    await bad([], ['missing scenario FILE']);
  });
});

describe('sim CLI as a process (bundled like `npm run sim`)', () => {
  let bundle: string;
  beforeAll(() => {
    // The same esbuild command as scripts/build-cli.mjs, into a private directory.
    execFileSync(
      'npx',
      [
        'esbuild',
        'src/cli/sim.ts',
        '--bundle',
        '--platform=node',
        '--format=esm',
        `--outfile=${join(dir, 'sim.mjs')}`,
        '--log-level=warning',
      ],
      { stdio: 'pipe' },
    );
    bundle = join(dir, 'sim.mjs');
  });
  const node = (...argv: string[]) => spawnSync('node', [bundle, ...argv], { encoding: 'utf8' });

  it('exits 0 with the summary, or 2 with one line per problem and no stack trace', () => {
    const good = node(file('p-good.json', exampleScenario()), '--json');
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout).visitors).toBeGreaterThan(0);

    const broken = node(file('p-broken.json', '{"format": '));
    expect(broken.status).toBe(2);
    expect(lines(broken.stderr)).toHaveLength(1);
    expect(broken.stderr).toMatch(/invalid JSON/);

    const flag = node(file('p-good.json', exampleScenario()), '--fast');
    expect(flag.status).toBe(2);
    expect(lines(flag.stderr)).toEqual(['--fast: unknown option', USAGE]);

    for (const r of [broken, flag]) {
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/^\s+at |Error:/m);
    }
  });
});

/**
 * `npm run fuzz` (issue 10 §3): random scenarios, nothing lost. The fuzz itself runs in CI with a
 * few hundred seeds; here: its flags, that a seed is reproducible, that it can fail and then says
 * how to run the failing seed alone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failureReport, fuzzCase, main, parseFuzzArgs, runCase } from '../../src/cli/fuzz.ts';
import { createEngine } from '../../src/sim/engine.ts';

function capture() {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  return { out: () => out, err: () => err };
}
afterEach(() => vi.restoreAllMocks());

describe('npm run fuzz', () => {
  it('reads --seeds, --from and --quiet, and names each bad flag on its own line', () => {
    expect(parseFuzzArgs(['--seeds', '40', '--from', '7', '--quiet'])).toEqual({
      args: { seeds: 40, from: 7, quiet: true },
      errors: [],
    });
    expect(parseFuzzArgs(['--seeds', 'many', '--frm', '--from']).errors).toEqual([
      '--seeds: "many" is not an integer',
      expect.stringMatching(/^--frm: unknown flag/),
      '--from: "" is not an integer',
    ]);
    const io = capture();
    expect(main(['--seeds', '0'])).toBe(2);
    expect(io.err()).toBe('--seeds: 0 must be at least 1\n');
  });

  it('the same seed always gives the same case; one seed in three has a trainee with inputs', () => {
    expect(fuzzCase(42)).toEqual(fuzzCase(42));
    expect(fuzzCase(42)).not.toEqual(fuzzCase(43));
    const cases = Array.from({ length: 30 }, (_, i) => fuzzCase(i + 1));
    expect(cases.filter((c) => c.trainee)).toHaveLength(10);
    expect(cases.some((c) => c.trainee && c.inputs.length > 0)).toBe(true);
    for (const c of cases.filter((x) => x.trainee))
      expect(c.scenario.operators[0].activity.kind).toBe('trainee');
  });

  it('passes on random scenarios and says what it covered', () => {
    const io = capture();
    expect(main(['--seeds', '60', '--quiet'])).toBe(0);
    expect(io.out()).toMatch(
      /^60 seeds \(1–60\), [\d,]+ visitors, [\d,]+ events in [\d.]+ s: nothing lost\.\n/,
    );
    for (const mode of [
      'inactivity away',
      'inactivity remove',
      'whenNoOperator queue',
      'whenNoOperator unavailable',
      'with a trainee',
      'policy odoo-19',
    ])
      expect(io.out()).toContain(mode);
  });

  it('fails when a visitor is lost, and prints the failing seed as a command', () => {
    const c = fuzzCase(5);
    expect(runCase(c).violations).toEqual([]);
    // An engine that loses the first chat.ended it emits.
    let dropped = false;
    const lossy: typeof createEngine = (scenario, options = {}) =>
      createEngine(scenario, {
        ...options,
        onEvent: (e) => {
          if (e.type === 'chat.ended' && !dropped) dropped = true;
          else options.onEvent?.(e);
        },
      });
    const r = runCase(c, lossy);
    expect(dropped).toBe(true);
    expect(r.violations.join('\n')).toMatch(/served, 0 chat.ended/);
    const report = failureReport(c, r.violations, '.cache/fuzz/seed-5.json');
    expect(report).toContain('FAIL seed 5:');
    expect(report).toContain('reproduce: npm run fuzz -- --from 5 --seeds 1');
    expect(report).toContain('scenario:  .cache/fuzz/seed-5.json');
  });
});

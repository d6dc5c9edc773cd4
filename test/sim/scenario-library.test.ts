import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadShipped, SHIPPED_DIR, SHIPPED_FILES } from './helpers/shipped.ts';
import { analyticReference } from '../../src/sim/analytic.ts';
import { expectedArrivals } from '../../src/sim/traffic.ts';
import type { Scenario } from '../../src/sim/scenario/types.ts';

const files = SHIPPED_FILES;
const load = loadShipped;

/** Visitors expected over the run: Poisson arrivals at the streams' rates. */
const expectedVisitors = (s: Scenario) =>
  s.visitors.reduce((sum, v) => sum + expectedArrivals(s, v, 0, s.durationMinutes * 60), 0);

describe('the scenario library (public/scenarios)', () => {
  it('holds the scenarios issue 2 asks for', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'guide-walkthrough.json',
        'multilingual-rush-hour.json',
        'bench.json',
        'erlang-a.json',
        'erlang-b.json',
        'erlang-c.json',
        'policy-comparison.json',
      ]),
    );
  });

  it.each(files)('%s is valid and documented', (file) => {
    const s = load(file);
    expect(s.description?.length ?? 0).toBeGreaterThan(100);
  });

  it('index.json lists every scenario once, with its name and a description', () => {
    const index = JSON.parse(readFileSync(new URL('index.json', SHIPPED_DIR), 'utf8')) as {
      file: string;
      name: string;
      description: string;
    }[];
    expect(index.map((e) => e.file).sort()).toEqual(files);
    for (const entry of index) {
      expect(Object.keys(entry).sort()).toEqual(['description', 'file', 'name']);
      expect(entry.name).toBe(load(entry.file).name);
      expect(entry.description).not.toBe('');
    }
  });

  it('the guide walkthrough has what the guide talks about', () => {
    const s = load('guide-walkthrough.json');
    expect(s.languages).toContain('fr_FR');
    expect(s.languages.length).toBeGreaterThanOrEqual(3);
    expect(s.operators.some((o) => o.chatName === undefined)).toBe(true);
    expect(s.operators.some((o) => o.chatName)).toBe(true);
    expect(s.operators.some((o) => o.extraLanguages.length > 0)).toBe(true);
    expect(s.channels.some((c) => c.maxSessions !== null)).toBe(true);
    expect(s.whenNoOperator).toBe('unavailable');
    expect(s.inactivity).toEqual({ timeoutMinutes: 30, effect: 'remove' });
    // A break longer than the timeout, over before the run ends: removal, then return
    // (shipped-promises.test.ts checks that the removal happens at the shipped seed).
    const breaks = s.operators.flatMap((o) =>
      o.activity.kind === 'breaks' ? o.activity.breaks : [],
    );
    expect(
      breaks.some(
        (b) =>
          b.minutes > s.inactivity.timeoutMinutes && b.atMinute + b.minutes < s.durationMinutes,
      ),
    ).toBe(true);
  });

  it('the multilingual rush hour has 4 to 6 languages, 2 or 3 channels, a queue and patience', () => {
    const s = load('multilingual-rush-hour.json');
    expect(s.languages.length).toBeGreaterThanOrEqual(4);
    expect(s.languages.length).toBeLessThanOrEqual(6);
    expect(s.channels.length).toBeGreaterThanOrEqual(2);
    expect(s.channels.length).toBeLessThanOrEqual(3);
    expect(s.whenNoOperator).toBe('queue');
    expect(s.visitors.every((v) => v.patienceMinutes !== undefined)).toBe(true);
  });

  it('the bench has about 40 operators, 3 channels, 4 languages, maxSessions 2, queue, ~1M visitors', () => {
    const s = load('bench.json');
    expect(s.operators.length).toBe(40);
    expect(s.channels.length).toBe(3);
    expect(s.languages.length).toBe(4);
    expect(s.channels.every((c) => c.maxSessions === 2)).toBe(true);
    expect(s.whenNoOperator).toBe('queue');
    expect(s.operators.every((o) => o.activity.kind === 'always')).toBe(true);
    expect(expectedVisitors(s)).toBeCloseTo(1_000_000, -4);
  });

  it('the bench load is busy but stable: offered load ÷ session slots between 70% and 85% per channel', () => {
    const s = load('bench.json');
    for (const c of s.channels) {
      const slots = s.operators.filter((o) => o.channels.includes(c.id)).length * c.maxSessions!;
      const erlangs = s.visitors
        .filter((v) => v.channel === c.id)
        .reduce((sum, v) => {
          const d = v.chatMinutes;
          const mean =
            d.dist === 'fixed' ? d.value : d.dist === 'uniform' ? (d.min + d.max) / 2 : d.mean;
          return sum + expectedArrivals(s, v, 0, 60) * mean;
        }, 0);
      expect(erlangs / slots, c.id).toBeGreaterThanOrEqual(0.7);
      expect(erlangs / slots, c.id).toBeLessThanOrEqual(0.85);
    }
  });

  it.each([
    ['erlang-b.json', 'erlang-b', 'unavailable'],
    ['erlang-c.json', 'erlang-c', 'queue'],
    ['erlang-a.json', 'erlang-a', 'queue'],
  ])('%s is a textbook %s queue', (file, model, whenNoOperator) => {
    const s = load(file);
    expect(s.whenNoOperator).toBe(whenNoOperator);
    expect(s.languages).toHaveLength(1);
    expect(analyticReference(s).model).toBe(model);
  });

  it('the Erlang descriptions quote what the formulas predict', () => {
    const b = analyticReference(load('erlang-b.json'));
    const c = analyticReference(load('erlang-c.json'));
    const a = analyticReference(load('erlang-a.json'));
    if (!b.model || !c.model || !a.model) throw new Error('not textbook queues');
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    expect(load('erlang-b.json').description).toContain(pct(b.expected.blocking));
    expect(load('erlang-c.json').description).toContain(pct(c.expected.waitProbability));
    expect(load('erlang-a.json').description).toContain(pct(a.expected.abandonment));
  });

  it('the policy comparison has half its visitors French and a third of its operators French-speaking', () => {
    const s = load('policy-comparison.json');
    const [stream] = s.visitors;
    const total = Object.values(stream.languages).reduce((a, b) => a + b, 0);
    expect(stream.languages.fr_FR / total).toBe(0.5);
    const speakers = s.operators.filter(
      (o) => o.lang === 'fr_FR' || o.extraLanguages.includes('fr_FR'),
    );
    expect(speakers.map((o) => o.id)).toEqual(['marc', 'audrey']);
    expect(s.operators).toHaveLength(6);
    expect(s.whenNoOperator).toBe('queue');
  });
});

/**
 * The sweep core (issue 9 §2): parameters, scenario transforms, the grid, the statistics, the target
 * finder, shard merging, and agreement with Erlang C.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyticReference } from '../../src/sim/analytic.ts';
import { parseScenario } from '../../src/sim/scenario/validate.ts';
import type { ArrivalProfile, Scenario } from '../../src/sim/scenario/types.ts';
import { runOnce, type RunFigures } from '../../src/sim/sweep/figures.ts';
import {
  gridPoints,
  pointScenarios,
  shardJobs,
  sweepJobs,
  type Sweep,
} from '../../src/sim/sweep/grid.ts';
import { parseVaries, parseVary } from '../../src/sim/sweep/params.ts';
import { estimate, reduceSweep, type SweepPointResult } from '../../src/sim/sweep/reduce.ts';
import { referenceFigures } from '../../src/sim/sweep/reference.ts';
import { mergeRuns, runLine, sweepHeader } from '../../src/sim/sweep/shard.ts';
import { findTarget, parseTarget } from '../../src/sim/sweep/target.ts';
import {
  applyParams,
  rateProblems,
  withOperators,
  withRate,
} from '../../src/sim/sweep/transform.ts';
import { answerInWords } from '../../src/sim/sweep/words.ts';
import { erlangScenario } from './erlang-fixtures.ts';
import { exampleScenario } from './fixtures.ts';

/** A sweep of `scenario` over the `--vary` arguments. */
function sweepOf(scenario: Scenario, vary: string[], reps: number, seed = 1): Sweep {
  return { name: scenario.name, scenario, varies: parseVaries(vary).varies, reps, seed };
}

describe('--vary NAME=VALUES', () => {
  it('reads lists, integer ranges and ranges with a step', () => {
    expect(parseVary('operators=4,6,9').vary).toEqual({ name: 'operators', values: [4, 6, 9] });
    expect(parseVary('operators=4:7').vary?.values).toEqual([4, 5, 6, 7]);
    expect(parseVary('operators=4:12:4').vary?.values).toEqual([4, 8, 12]);
    expect(parseVary('operators=5:5').vary?.values).toEqual([5]);
    expect(parseVary('rate=0.5,1.2,2').vary?.values).toEqual([0.5, 1.2, 2]);
    expect(parseVary('maxSessions=1,2,null').vary?.values).toEqual([1, 2, null]);
    expect(parseVary('timeoutMinutes=5,30').vary?.values).toEqual([5, 30]);
    expect(parseVary('policy=odoo,balanced').vary?.values).toEqual(['odoo', 'balanced']);
  });

  it('refuses every bad input with one line naming the flag and the value', () => {
    const cases: [string, string][] = [
      ['operators', '--vary operators: expected NAME=VALUES, e.g. operators=4:12'],
      [
        'agents=1:3',
        '--vary agents=1:3: "agents" is not a sweep parameter (valid: operators, rate, maxSessions, timeoutMinutes, policy)',
      ],
      [
        'operators=',
        '--vary operators=: no values (expected a list a,b,c or a range a:b or a:b:step)',
      ],
      ['operators=9:4', '--vary operators=9:4: "9:4" is an empty range (9 > 4)'],
      ['operators=1:9:0', '--vary operators=1:9:0: "1:9:0": the step must be at least 1'],
      ['operators=1:9:-2', '--vary operators=1:9:-2: "1:9:-2": the step must be at least 1'],
      [
        'operators=1.5:3',
        '--vary operators=1.5:3: "1.5:3": a range takes integers, a:b or a:b:step',
      ],
      ['operators=1:2:3:4', '--vary operators=1:2:3:4: "1:2:3:4" is not a range a:b or a:b:step'],
      [
        'operators=0:3',
        '--vary operators=0:3: "0" is not an integer ≥ 1 (the number of operators)',
      ],
      [
        'operators=2.5',
        '--vary operators=2.5: "2.5" is not an integer ≥ 1 (the number of operators)',
      ],
      ['operators=4,,6', '--vary operators=4,,6: an empty value in "4,,6"'],
      ['operators=4,4', '--vary operators=4,4: "4" is listed twice'],
      ['rate=0', '--vary rate=0: "0" is not a number > 0 (a multiplier of every arrival rate)'],
      [
        'rate=fast',
        '--vary rate=fast: "fast" is not a number > 0 (a multiplier of every arrival rate)',
      ],
      [
        'rate=0x10',
        '--vary rate=0x10: "0x10" is not a number > 0 (a multiplier of every arrival rate)',
      ],
      ['maxSessions=0', '--vary maxSessions=0: "0" is not an integer ≥ 1 or null (unlimited)'],
      ['timeoutMinutes=-5', '--vary timeoutMinutes=-5: "-5" is not a number of minutes > 0'],
      [
        'policy=odoo,fastest',
        '--vary policy=odoo,fastest: "fastest" is not a policy name (odoo, odoo-19, round-robin, balanced, load-rotation, language-strict)',
      ],
      ['operators=1:5000', '--vary operators=1:5000: "1:5000" has more than 1000 values'],
    ];
    for (const [arg, error] of cases) expect(parseVary(arg), arg).toEqual({ error });
  });

  it('takes one or two parameters, each once', () => {
    expect(parseVaries(['operators=1:3', 'policy=odoo']).errors).toEqual([]);
    expect(parseVaries([]).errors).toEqual(['--vary: at least one NAME=VALUES is needed']);
    expect(parseVaries(['operators=1', 'operators=2']).errors).toEqual([
      '--vary operators=2: operators is already varied',
    ]);
    expect(parseVaries(['operators=1', 'rate=1', 'policy=odoo']).errors).toEqual([
      '--vary: at most 2 parameters (got 3)',
    ]);
  });
});

describe('scenario transforms', () => {
  it('operators: N ≤ the count keeps the first N in scenario order', () => {
    const s = exampleScenario();
    expect(withOperators(s, 2).operators.map((o) => o.id)).toEqual(['marc', 'mitchell']);
    expect(withOperators(s, 3).operators).toEqual(s.operators);
  });

  it('operators: above the count, copies of the operators in order, ids <id>-2, <id>-3, same languages, channels and activity', () => {
    const s = exampleScenario();
    const seven = withOperators(s, 7).operators;
    expect(seven.map((o) => o.id)).toEqual([
      'marc',
      'mitchell',
      'joel',
      'marc-2',
      'mitchell-2',
      'joel-2',
      'marc-3',
    ]);
    for (const copy of seven.slice(3)) {
      const original = s.operators.find((o) => copy.id.startsWith(`${o.id}-`))!;
      expect(copy.lang).toBe(original.lang);
      expect(copy.extraLanguages).toEqual(original.extraLanguages);
      expect(copy.channels).toEqual(original.channels);
      expect(copy.activity).toEqual(original.activity);
      expect(copy.expertises).toEqual(original.expertises);
    }
    // Copies are deep: changing one leaves the scenario alone.
    seven[3].extraLanguages.push('de_DE');
    expect(s.operators[0].extraLanguages).toEqual(['en_US']);
    expect(s.operators).toHaveLength(3);
    expect(parseScenario(withOperators(s, 7)).ok).toBe(true);
  });

  it('operators: a copy never takes an id the scenario already has', () => {
    const s = exampleScenario();
    s.operators[2].id = 'marc-2';
    s.operators[2].name = 'Marc Two';
    const ids = withOperators(s, 5).operators.map((o) => o.id);
    expect(ids).toEqual(['marc', 'mitchell', 'marc-2', 'marc-3', 'mitchell-2']);
  });

  it('rate multiplies every arrival rate; maxSessions, timeoutMinutes and policy are set; the base is unchanged', () => {
    const s = exampleScenario();
    const before = JSON.stringify(s);
    const t = applyParams(s, { rate: 1.5, maxSessions: 3, timeoutMinutes: 12, policy: 'balanced' });
    expect(t.visitors.map((v) => v.arrivalsPerHour)).toEqual([18, 9]);
    expect(t.channels.map((c) => c.maxSessions)).toEqual([3, 3]);
    expect(t.inactivity).toEqual({ timeoutMinutes: 12, effect: 'remove' });
    expect(t.policy).toBe('balanced');
    expect(applyParams(s, { maxSessions: null }).channels.map((c) => c.maxSessions)).toEqual([
      null,
      null,
    ]);
    expect(JSON.stringify(s)).toBe(before);
  });
});

describe('rate with real traffic (hourly profiles, traces)', () => {
  it('scales every hour of an hourly profile', () => {
    const s = exampleScenario();
    const byWeekday = {
      monday: 1,
      tuesday: 1,
      wednesday: 1,
      thursday: 1,
      friday: 1,
      saturday: 0.5,
      sunday: 0.5,
    };
    s.visitors[0].arrivalsPerHour = { byHour: Array.from({ length: 24 }, (_, h) => h), byWeekday };
    const t = withRate(s, 2).visitors[0].arrivalsPerHour as ArrivalProfile;
    expect(t.byHour).toEqual(Array.from({ length: 24 }, (_, h) => 2 * h));
    expect(t.byWeekday).toEqual(byWeekday);
  });

  it('refuses to scale a replayed trace, naming the stream, before any run', () => {
    const s = exampleScenario();
    delete s.visitors[1].arrivalsPerHour;
    s.visitors[1].arrivals = { trace: [{ at: 60, chatSeconds: 300 }] };
    const errors = pointScenarios(sweepOf(s, ['rate=0.5,2'], 1)).errors;
    expect(errors[0]).toBe(
      '--vary rate: visitors[1] replays a recorded trace, whose arrivals cannot be scaled',
    );
    expect(rateProblems(withRate(exampleScenario(), 2))).toEqual([]);
  });
});

describe('the grid', () => {
  it('lists points in the order of the cartesian product, the first --vary outermost', () => {
    const { varies } = parseVaries(['operators=4:6', 'policy=odoo,balanced']);
    expect(gridPoints(varies)).toEqual([
      { operators: 4, policy: 'odoo' },
      { operators: 4, policy: 'balanced' },
      { operators: 5, policy: 'odoo' },
      { operators: 5, policy: 'balanced' },
      { operators: 6, policy: 'odoo' },
      { operators: 6, policy: 'balanced' },
    ]);
  });

  it('gives replication r of every point the seed seed + r (common random numbers)', () => {
    const { varies } = parseVaries(['operators=1:2']);
    const jobs = sweepJobs({ name: 'x', varies, reps: 3, seed: 40 });
    expect(jobs.map((j) => [j.index, j.point, j.rep, j.seed])).toEqual([
      [0, 0, 0, 40],
      [1, 0, 1, 41],
      [2, 0, 2, 42],
      [3, 1, 0, 40],
      [4, 1, 1, 41],
      [5, 1, 2, 42],
    ]);
  });

  it('partitions the jobs into shards: each job in exactly one, whatever N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 12 }), (n, of) => {
        const { varies } = parseVaries([`operators=1:${n}`]);
        const jobs = sweepJobs({ name: 'x', varies, reps: 3, seed: 1 });
        const seen = Array.from({ length: of }, (_, i) => shardJobs(jobs, i + 1, of)).flat();
        expect(seen.map((j) => j.index).sort((a, b) => a - b)).toEqual(jobs.map((j) => j.index));
      }),
      { seed: 9, numRuns: 100 },
    );
  });

  it('checks every point’s scenario with the scenario validator, naming the point', () => {
    const s = exampleScenario();
    expect(pointScenarios(sweepOf(s, ['operators=1:4'], 1)).errors).toEqual([]);
    // A value that slipped past --vary's own checks is still caught before any run.
    const sweep = {
      ...sweepOf(s, ['operators=1'], 1),
      varies: [{ name: 'maxSessions' as const, values: [0] }],
    };
    expect(pointScenarios(sweep).errors).toEqual([
      'at maxSessions=0: channels[0].maxSessions: must be at least 1 (or null for unlimited), got 0',
      'at maxSessions=0: channels[1].maxSessions: must be at least 1 (or null for unlimited), got 0',
    ]);
  });
});

describe('Student-t intervals over replications', () => {
  it('matches hand-computed 95% intervals', () => {
    // n = 3: mean 0.8, sd 0.1, t(0.975, 2) = 4.302653 → half-width 0.248414.
    const a = estimate([0.7, 0.8, 0.9]);
    expect(a.mean).toBeCloseTo(0.8, 12);
    expect(a.lo).toBeCloseTo(0.8 - 0.248414, 6);
    expect(a.hi).toBeCloseTo(0.8 + 0.248414, 6);
    // n = 10, values 1…10: mean 5.5, sd 3.027650, t(0.975, 9) = 2.262157 → half-width 2.165852.
    const b = estimate([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(b.mean).toBe(5.5);
    expect(b.lo).toBeCloseTo(5.5 - 2.165852, 5);
    expect(b.hi).toBeCloseTo(5.5 + 2.165852, 5);
  });

  it('leaves out runs where a figure is undefined, and gives no interval below two values', () => {
    expect(estimate([null, 0.5, null])).toEqual({ mean: 0.5, lo: null, hi: null });
    expect(estimate([null])).toEqual({ mean: null, lo: null, hi: null });
    expect(estimate([0.25, 0.25, 0.25])).toEqual({ mean: 0.25, lo: 0.25, hi: 0.25 });
  });
});

/** A point whose figure `key` has the given interval. */
function point(params: SweepPointResult['params'], lo: number, mean: number, hi: number) {
  const e = { mean, lo, hi };
  return {
    params,
    reps: 10,
    metrics: {
      answeredWithinTarget: e,
      answeredFraction: e,
      serviceLevel: e,
      meanWaitSeconds: e,
      abandoned: e,
      unavailable: e,
      unanswered: e,
      languageMatch: e,
      busyFraction: e,
    },
  } satisfies SweepPointResult;
}

describe('the target finder', () => {
  const { varies } = parseVaries(['operators=4:6', 'policy=odoo,balanced']);
  // odoo: 4 → [.6,.7], 5 → [.78,.82] (mean over .8 but not its lower bound), 6 → [.81,.9].
  // balanced: 4 → [.7,.75], 5 → [.8,.85] (lower bound exactly .8), 6 → [.9,.95].
  const points = [
    point({ operators: 4, policy: 'odoo' }, 0.6, 0.65, 0.7),
    point({ operators: 4, policy: 'balanced' }, 0.7, 0.72, 0.75),
    point({ operators: 5, policy: 'odoo' }, 0.78, 0.805, 0.82),
    point({ operators: 5, policy: 'balanced' }, 0.8, 0.82, 0.85),
    point({ operators: 6, policy: 'odoo' }, 0.81, 0.85, 0.9),
    point({ operators: 6, policy: 'balanced' }, 0.9, 0.92, 0.95),
  ];

  it('>=: for each value of the other parameter, the smallest value whose lower bound meets it', () => {
    const { target } = parseTarget('answeredWithinTarget>=0.8');
    expect(findTarget(varies, points, target!)).toEqual([
      { params: { operators: 6, policy: 'odoo' }, point: 4 },
      { params: { operators: 5, policy: 'balanced' }, point: 3 },
    ]);
  });

  it('<=: the upper bound must meet it; null when no value does', () => {
    const { target } = parseTarget('abandoned<=0.7');
    expect(findTarget(varies, points, target!)).toEqual([
      { params: { operators: 4, policy: 'odoo' }, point: 0 },
      null,
    ]);
    expect(findTarget(varies, points, parseTarget('serviceLevel>=0.99').target!)).toEqual([
      null,
      null,
    ]);
  });

  it('searches numbers in ascending order whatever the order given', () => {
    const desc = parseVaries(['operators=6,5,4']).varies;
    const pts = [points[4], points[2], points[0]];
    expect(findTarget(desc, pts, parseTarget('serviceLevel>=0.6').target!)).toEqual([
      { params: { operators: 4, policy: 'odoo' }, point: 2 },
    ]);
  });

  it('says the answer in words', () => {
    const target = parseTarget('answeredWithinTarget>=80%').target!;
    expect(target.value).toBe(0.8);
    const met = findTarget(varies, points, target);
    const words = answerInWords(
      {
        scenario: 'x',
        seed: 1,
        reps: 10,
        vary: varies,
        points,
        target: { expr: target.expr, met },
      },
      target,
      20,
    );
    expect(words).toBe(
      'At least 80% answered within 20 s, with 95% confidence: 6 operators under odoo; 5 operators under balanced.',
    );
  });

  it('refuses a bad target expression with one line', () => {
    expect(parseTarget('answered>0.8').error).toBe(
      '--target "answered>0.8": expected KEY>=VALUE or KEY<=VALUE, e.g. answeredWithinTarget>=0.8',
    );
    expect(parseTarget('speed>=1').error).toMatch(
      /^--target "speed>=1": "speed" is not a sweep figure \(valid: answeredWithinTarget, /,
    );
    expect(parseTarget('serviceLevel>=abc').error).toBe(
      '--target "serviceLevel>=abc": "abc" is not a number',
    );
  });
});

describe('shards', () => {
  const s = exampleScenario();
  const sweep: Sweep = {
    ...sweepOf(s, ['operators=1:3', 'policy=odoo,balanced'], 3, 5),
    target: parseTarget('answeredFraction>=0.5').target,
  };
  const jobs = sweepJobs(sweep);
  const runs = jobs.map((j) => runOnce(applyParams(s, j.params), j.seed));
  const header = sweepHeader(sweep, s);
  const shardText = (i: number, of: number) =>
    shardJobs(jobs, i, of)
      .map((j) => runLine(header, j, runs[j.index]) + '\n')
      .join('');

  it('merged in any order, equal the whole sweep', () => {
    const whole = JSON.stringify(reduceSweep(sweep, runs));
    const files = [3, 1, 4, 2].map((i) => ({ name: `s${i}.jsonl`, text: shardText(i, 4) }));
    const merged = mergeRuns(files);
    expect(merged.errors).toEqual([]);
    expect(JSON.stringify(reduceSweep(merged.sweep!, merged.runs!))).toBe(whole);
  });

  it('refuses a missing shard, a run of another sweep, and a line that is not a run', () => {
    const missing = mergeRuns([1, 2].map((i) => ({ name: `s${i}`, text: shardText(i, 3) })));
    expect(missing.errors).toEqual([
      '--merge: 6 of 18 runs are missing (runs 2, 5, 8, 11, 14, 17): is a shard not merged?',
    ]);
    const other = sweepHeader({ ...sweep, seed: 6 }, s);
    const mixed = mergeRuns([
      { name: 'a', text: shardText(1, 2) },
      { name: 'b', text: runLine(other, jobs[1], runs[1]) + '\n' },
    ]);
    expect(mixed.errors).toEqual([
      'b:1: a run of another sweep than a:1 (scenario, seed, reps, vary or target differ)',
    ]);
    const junk = mergeRuns([{ name: 'c', text: '{"job": 1}\nnot json\n' }]);
    expect(junk.errors).toEqual([
      'c:1: no "sweep" header (not written by sweep --shard)',
      'c:2: not JSON (expected one run per line, from sweep --shard)',
    ]);
    expect(mergeRuns([{ name: 'd', text: '\n' }]).errors).toEqual([
      '--merge: no runs in the files',
    ]);
  });

  it('accepts a shard merged twice, not two different figures for one run', () => {
    const twice = mergeRuns([1, 1, 2].map((i) => ({ name: `s${i}`, text: shardText(i, 2) })));
    expect(twice.errors).toEqual([]);
    const changed: RunFigures = { ...runs[0], answeredFraction: 0.123 };
    const clash = mergeRuns([
      { name: 'a', text: shardText(1, 1) },
      { name: 'b', text: runLine(header, jobs[0], changed) },
    ]);
    expect(clash.errors).toEqual(['b:1: run 0 is also in a:1, with other figures']);
  });
});

describe('a sweep of an Erlang C scenario', () => {
  it('has intervals that contain the formula’s values at most points', () => {
    // 8 erlangs offered (96 an hour, 5 min chats); 9 to 12 always-active operators, one session each.
    const base = erlangScenario({
      operators: 10,
      maxSessions: 1,
      arrivalsPerHour: 96,
      chatMinutes: 5,
      whenNoOperator: 'queue',
      durationMinutes: 24 * 60,
      serviceLevelSeconds: 20,
    });
    const sweep = sweepOf(base, ['operators=9:12'], 10);
    const runs = sweepJobs(sweep).map((j) => runOnce(applyParams(base, j.params), j.seed));
    const result = reduceSweep(sweep, runs);
    let inside = 0;
    let checked = 0;
    result.points.forEach((p) => {
      const ref = analyticReference(applyParams(base, p.params));
      if (!ref.model) throw new Error(ref.reason);
      expect(ref.model).toBe('erlang-c');
      const expected = referenceFigures(ref.expected);
      for (const key of ['answeredWithinTarget', 'serviceLevel', 'meanWaitSeconds'] as const) {
        const e = p.metrics[key];
        checked++;
        if (e.lo! <= expected[key]! && expected[key]! <= e.hi!) inside++;
      }
    });
    // 95% intervals: about 11.4 of 12 expected inside; at most 2 misses allowed.
    expect(checked).toBe(12);
    expect(inside).toBeGreaterThanOrEqual(10);
    // And the curve goes the right way: more operators, more visitors answered in time.
    const means = result.points.map((p) => p.metrics.answeredWithinTarget.mean!);
    expect([...means].sort((a, b) => a - b)).toEqual(means);
  });
});

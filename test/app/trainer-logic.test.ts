/**
 * The trainer page's pure logic, in Node: event feed sentences, the "why" explanation, chart
 * figures, statechart outlines derived from the machines, draft helpers, compare arms and intervals,
 * and the worker's jobs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createMetrics, summarize } from '../../src/sim/metrics.ts';
import { eventLog } from '../../src/sim/engine.ts';
import type { SimEvent } from '../../src/sim/events.ts';
import { operatorMachine } from '../../src/sim/machines/operator.ts';
import { visitorMachine } from '../../src/sim/machines/visitor.ts';
import { formatErrors, parseScenario, parseScenarioText } from '../../src/sim/scenario/validate.ts';
import { namesFor } from '../../src/app/shared/names.ts';
import { clock } from '../../src/sim/format/time.ts';
import { describeEvent, explainAssignment, tierPhrase } from '../../src/app/trainer/describe.ts';
import { computeResults, histogram } from '../../src/app/trainer/results.ts';
import { activePaths, chartOf, type StateNodeLike } from '../../src/app/trainer/statechart.ts';
import {
  blankScenario,
  cleanDraft,
  fileNameFor,
  formatWeights,
  indexErrors,
  parseWeights,
  nextNamed,
} from '../../src/app/trainer/draft.ts';
import { buildArms, FIGURES, outcomeOf } from '../../src/app/trainer/compare-run.svelte.ts';
import {
  meanCI,
  pairedDifference,
  significant,
  verdict,
} from '../../src/app/trainer/compare-stats.ts';
import { compareJob, runJob } from '../../src/workers/jobs.ts';
import type { WorkerResponse } from '../../src/workers/protocol.ts';
import { exampleScenario } from '../sim/fixtures.ts';

describe('event feed', () => {
  const names = namesFor(exampleScenario());

  it('names operators by name, with the id only when two share a name (as the CLI does)', () => {
    const s = exampleScenario();
    s.operators[2].name = s.operators[0].name;
    const twins = namesFor(s);
    expect(twins.operator(s.operators[0].id)).toBe(`${s.operators[0].name} (${s.operators[0].id})`);
    expect(twins.operator(s.operators[1].id)).toBe(s.operators[1].name);
  });

  it('says an inactivity removal the way the guide does', () => {
    const e: SimEvent = {
      t: 14 * 3600 + 32 * 60,
      type: 'operator.left',
      operator: 'marc',
      channel: 'website',
      reason: 'inactivity',
    };
    expect(`${clock(e.t)} ${describeEvent(e, names)}`).toBe(
      '14:32 Marc Demo was removed from Website after 30 min without activity',
    );
  });

  it('has a sentence for every event of a real run', () => {
    const log = eventLog(exampleScenario(), { seed: 4 });
    for (const e of log) expect(describeEvent(e, names)).toMatch(/\w/);
  });

  it('explains an assignment: tier, candidates by load, tie-break and exclusions', () => {
    const why = explainAssignment(
      {
        policy: 'odoo',
        tier: 'main-language',
        rule: 'least-active',
        ties: 2,
        candidates: [
          { operator: 'joel', load: 2 },
          { operator: 'marc', load: 1 },
        ],
        excluded: [{ operator: 'mitchell', why: 'capacity' }],
      },
      'marc',
      names,
    );
    expect(why.tier).toBe('speaks the visitor’s language as main language');
    expect(why.candidates).toEqual([
      { name: 'Marc Demo', load: 1, chosen: true },
      { name: 'Joel Willis', load: 2, chosen: false },
    ]);
    expect(why.ties).toMatch(/2 candidates were tied/);
    expect(why.excluded).toEqual([
      { name: 'Mitchell Admin', why: 'at capacity (max sessions in this channel)' },
    ]);
  });

  it('reads composed Odoo 19 tiers part by part', () => {
    expect(tierPhrase('language+all-expertises')).toBe(
      'speaks the visitor’s language (main or Online Chat Language); has all the expertises asked for',
    );
  });
});

describe('results figures', () => {
  it('agree with the core metrics on the counts and the service level', () => {
    const scenario = exampleScenario();
    scenario.whenNoOperator = 'queue';
    scenario.visitors[0].arrivalsPerHour = 40;
    const log = eventLog(scenario, { seed: 9 });
    const r = computeResults(scenario, log);
    const m = createMetrics(scenario);
    for (const e of log) m.add(e);
    const s = m.summary();
    expect([r.visitors, r.served, r.abandoned, r.unavailable, r.unanswered]).toEqual([
      s.visitors,
      s.served,
      s.abandoned,
      s.unavailable,
      s.unanswered,
    ]);
    expect(r.serviceLevel).toBeCloseTo(s.serviceLevel ?? 1, 9);
    expect(r.meanWaitSeconds).toBeCloseTo(s.meanWaitSeconds ?? 0, 6);
    expect(r.operators.map((o) => o.sessions)).toEqual(s.operators.map((o) => o.sessions));
  });

  it('equal the CLI’s --json (summarize of the same log) on a library scenario', () => {
    const text = readFileSync(
      new URL('../../public/scenarios/multilingual-rush-hour.json', import.meta.url),
      'utf8',
    );
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(formatErrors(parsed.errors).join('\n'));
    const scenario = parsed.scenario;
    // `npm run sim -- --json --seed 7` prints summarize(scenario, eventLog(scenario, { seed: 7 })).
    const log = eventLog(scenario, { seed: 7 });
    const s = summarize(scenario, log);
    const r = computeResults(scenario, log);
    expect(s.visitors).toBeGreaterThan(50);
    expect(r).toMatchObject({
      end: s.simulatedSeconds,
      visitors: s.visitors,
      served: s.served,
      abandoned: s.abandoned,
      unavailable: s.unavailable,
      unanswered: s.unanswered,
      meanWaitSeconds: s.meanWaitSeconds,
      serviceLevel: s.serviceLevel,
      waitedFraction: s.waitedFraction,
    });
    const { main, extra, none } = r.language;
    expect(main + extra + none).toBe(s.served);
    expect(extra).toBeGreaterThan(0);
    expect((main + extra) / s.served).toBeCloseTo(s.languageMatch!, 12);
    expect(r.operators.map((o) => [o.id, o.sessions, o.busyFraction, o.meanLoad])).toEqual(
      s.operators.map((o) => [o.id, o.sessions, o.busyFraction, o.meanOpenChats]),
    );
    for (const o of r.operators) {
      expect(o.peakLoad).toBeGreaterThanOrEqual(Math.ceil(o.meanLoad));
      const chats = o.bars.filter((b) => b.kind === 'chat');
      expect(chats).toHaveLength(o.sessions);
    }
    expect(r.waitHistogram.counts.reduce((a, b) => a + b, 0)).toBe(s.served);
    const maxWait = s.maxWaitSeconds ?? 0;
    expect(r.waitHistogram.edges.at(-1)!).toBeLessThanOrEqual(maxWait);
    // Hour by hour, admitted visitors add up to the run's, and the levels to its service level.
    const { level, arrivals } = r.serviceLevelByHour;
    expect(arrivals.reduce((a, b) => a + b, 0)).toBe(s.visitors - s.unavailable);
    const within = level.reduce<number>((sum, l, i) => sum + (l ?? 0) * arrivals[i], 0);
    expect(within / (s.visitors - s.unavailable)).toBeCloseTo(s.serviceLevel!, 9);
    expect(r.series.t.length).toBe(r.series.queue.length);
    expect(Math.max(...r.series.active)).toBeLessThanOrEqual(
      r.operators.reduce((sum, o) => sum + o.peakLoad, 0),
    );
  });

  it('draws Mitchell’s 90-minute break and his removal on the timeline', () => {
    const scenario = exampleScenario();
    scenario.operators[1].activity = { kind: 'breaks', breaks: [{ atMinute: 10, minutes: 90 }] };
    const r = computeResults(scenario, eventLog(scenario, { seed: 2 }));
    const mitchell = r.operators.find((o) => o.id === 'mitchell')!;
    const br = mitchell.bars.find((b) => b.kind === 'break');
    expect(br).toBeDefined();
    expect(br!.to - br!.from).toBeCloseTo(90 * 60, 0);
    expect(mitchell.bars.some((b) => b.kind === 'removed')).toBe(true);
  });

  it('bins waits on round edges without losing a value', () => {
    const h = histogram([0, 3, 12, 59, 61, 200]);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(h.edges[1] - h.edges[0]).toBe(10);
  });
});

describe('statecharts derived from the machine definitions', () => {
  it('outlines every state of the operator machine with its transitions', () => {
    const chart = chartOf(operatorMachine.root as unknown as StateNodeLike);
    const keys = (n: typeof chart): string[] => [n.path, ...n.children.flatMap(keys)];
    expect(keys(chart)).toEqual(
      expect.arrayContaining([
        'online',
        'online.working',
        'online.finishing',
        'online.idle',
        'away',
        'disconnected',
      ]),
    );
    const idle = chart.children
      .find((c) => c.key === 'online')!
      .children.find((c) => c.key === 'idle')!;
    expect(idle.transitions.map((t) => t.event)).toContain('after INACTIVITY');
    expect(idle.transitions.find((t) => t.event === 'after INACTIVITY')!.targets).toEqual([
      'away',
      'disconnected',
    ]);
  });

  it('outlines the visitor machine, final states included', () => {
    const chart = chartOf(visitorMachine.root as unknown as StateNodeLike);
    const finals = chart.children.filter((c) => c.type === 'final').map((c) => c.key);
    expect(finals).toEqual(expect.arrayContaining(['ended', 'abandoned', 'unanswered']));
  });

  it('highlights a state and its ancestors', () => {
    expect([...activePaths('online.idle')]).toEqual(['online', 'online.idle']);
    expect(activePaths({ waiting: 'inQueue' }).has('waiting.inQueue')).toBe(true);
  });
});

describe('the scenario draft', () => {
  it('starts valid, and empty optional boxes are dropped rather than invalid', () => {
    const d = blankScenario();
    expect(parseScenario(cleanDraft(d)).ok).toBe(true);
  });

  it('indexes errors by field path with the CLI’s words', () => {
    const d = blankScenario();
    d.operators[0].lang = 'de_DE';
    const parsed = parseScenario(cleanDraft(d));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(indexErrors(parsed.errors).get('operators[0].lang')).toEqual([
      '"de_DE" is not an enabled language',
    ]);
  });

  it('reads country weights as typed, keeping a bad weight for the validator to name', () => {
    expect(parseWeights('BE: 2, FR')).toEqual({ BE: 2, FR: 1 });
    expect(parseWeights('  ')).toBeUndefined();
    expect(parseWeights('BE: lots')?.BE).toBeNaN();
    expect(formatWeights({ BE: 2, FR: 1 })).toBe('BE: 2, FR: 1');
  });

  it('regression: after removing Operator 2 of 3, a new operator was a second "Operator 3" (id op2)', () => {
    const ops = [1, 3].map((k) => ({ id: `op${k}`, name: `Operator ${k}` }));
    expect(nextNamed('Operator', 'op', ops)).toEqual({ id: 'op4', name: 'Operator 4' });
    // Names are compared as a person reads them; ids as they are.
    const taken = [
      { id: 'marc', name: 'operator 3' },
      { id: 'op4', name: 'Joel' },
    ];
    expect(nextNamed('Operator', 'op', taken)).toEqual({ id: 'op5', name: 'Operator 5' });
  });

  it('names new rows and exported files', () => {
    const ops = (...n: number[]) => n.map((k) => ({ id: `op${k}`, name: `Operator ${k}` }));
    expect(nextNamed('Operator', 'op', ops(1, 2))).toEqual({ id: 'op3', name: 'Operator 3' });
    expect(fileNameFor('Rush hour: FR/EN')).toBe('rush-hour-fr-en.json');
  });
});

describe('compare', () => {
  it('runs policies and variants on the same base scenario', () => {
    const base = exampleScenario();
    expect(
      buildArms(base, 'policies', ['odoo', 'balanced'], 'timeout', ['30', '10']).map(
        (a) => a.scenario.policy,
      ),
    ).toEqual(['odoo', 'balanced']);
    const v = buildArms(base, 'variant', [], 'timeout', ['30', '10']);
    expect(v.map((a) => a.scenario.inactivity.timeoutMinutes)).toEqual([30, 10]);
    expect(base.inactivity.timeoutMinutes).toBe(30);
  });

  it('pairs replications: a constant shift has a zero-width interval', () => {
    const d = pairedDifference([1, 2, 3, 4], [2, 3, 4, 5]);
    expect(d.mean).toBe(1);
    expect(d.half).toBe(0);
    expect(significant(pairedDifference([1, 5, 2, 8], [1.1, 4.9, 2.2, 7.9]))).toBe(false);
    expect(meanCI([1, 2, 3]).half).toBeGreaterThan(0);
  });

  it('regression: more operator utilisation was coloured better; it is better for nobody by itself', () => {
    const up = pairedDifference([0.5, 0.6, 0.55], [0.7, 0.82, 0.74]);
    const utilisation = FIGURES.find((f) => f.key === 'utilisation')!;
    expect(verdict(up, utilisation.better)).toBe('changed');
    const wait = FIGURES.find((f) => f.key === 'meanWaitSeconds')!;
    expect(verdict(up, wait.better)).toBe('worse');
    expect(verdict(up, FIGURES.find((f) => f.key === 'serviceLevel')!.better)).toBe('better');
    expect(verdict(pairedDifference([1, 5, 2, 8], [1.1, 4.9, 2.2, 7.9]), 'higher')).toBe('same');
  });

  it('the worker gives every arm the same visitor stream (common random numbers)', () => {
    const posts: WorkerResponse[] = [];
    const base = exampleScenario();
    const arms = buildArms(base, 'policies', ['odoo', 'round-robin'], 'timeout', ['30', '10']);
    compareJob({ kind: 'compare', arms, replications: 3, seed: 5 }, (m) => posts.push(m));
    const done = posts.at(-1);
    expect(done?.kind).toBe('compare-done');
    if (done?.kind !== 'compare-done') return;
    const visitors = done.arms.map((a) => a.replications.map((r) => r.visitors));
    expect(visitors[0]).toEqual(visitors[1]);
    const o = outcomeOf(
      done.arms.map((a) => a.label),
      done.arms.map((a) => a.replications),
      5,
    );
    expect(o.rows.find((r) => r.key === ('visitors' as never))).toBeUndefined();
    expect(o.rows[0].diffs[0]).toBeNull();
    expect(posts.filter((p) => p.kind === 'progress')).toHaveLength(6);
  });

  it('leads with answered within target, of all visitors: a run that turns visitors away cannot look perfect', () => {
    // Two operators, one chat each, in Odoo's mode (no queue): many visitors are turned away, and
    // those who are not are all answered at once, so the service level alone reads 100%.
    const base = exampleScenario();
    const s = {
      ...base,
      whenNoOperator: 'unavailable' as const,
      operators: base.operators.slice(0, 2),
      channels: base.channels.map((c) => ({ ...c, maxSessions: 1 })),
      visitors: base.visitors.map((v) => ({ ...v, arrivalsPerHour: 60 })),
    };
    const posts: WorkerResponse[] = [];
    const arms = buildArms(s, 'policies', ['odoo', 'round-robin'], 'timeout', ['30', '10']);
    compareJob({ kind: 'compare', arms, replications: 2, seed: 3 }, (m) => posts.push(m));
    const done = posts.at(-1);
    if (done?.kind !== 'compare-done') throw new Error('no result');
    const summary = summarize(arms[0].scenario, eventLog(arms[0].scenario, { seed: 3 }));
    const first = done.arms[0].replications[0];
    expect(summary.unavailable).toBeGreaterThan(0);
    expect(first.answeredWithinTarget).toBe(summary.answeredWithinTarget);
    expect(first.answeredWithinTarget).toBeLessThan(first.serviceLevel);
    const o = outcomeOf(
      done.arms.map((a) => a.label),
      done.arms.map((a) => a.replications),
      3,
    );
    expect(o.rows[0].key).toBe('answeredWithinTarget');
    expect(o.rows[0].label).toMatch(/of all visitors/);
    expect(o.rows.find((r) => r.key === 'serviceLevel')!.label).toMatch(/not turned away/);
  });

  it('a worker run reports progress and returns the whole log', () => {
    const posts: WorkerResponse[] = [];
    const s = exampleScenario();
    runJob({ kind: 'run', scenario: s, seed: 3 }, (m) => posts.push(m));
    const done = posts.at(-1);
    expect(done?.kind).toBe('run-done');
    if (done?.kind !== 'run-done') return;
    expect(done.events).toEqual(eventLog(s, { seed: 3 }));
    expect(posts.some((p) => p.kind === 'progress')).toBe(true);
  });
});

/**
 * The simulator against queueing theory: on scenarios that are textbook queues (Poisson arrivals,
 * exponential chats and patience, identical always-active operators, maxSessions = k), the engine's
 * metrics must agree with Erlang B, C and A within confidence intervals over replications.
 *
 * Each replication is an independent run (its own seed) of 600 simulated hours; the first 2 hours are
 * dropped (the system starts empty, the formulas are for steady state). The test asks two things of
 * each metric: the 99.9 % Student-t interval over replications contains the formula's value, and the
 * interval is narrow enough (a few percent) that a wrong model, say c servers instead of c·k, or a
 * queue that is not FIFO, could not pass. At 99.9 % per check, a correct engine fails one of the
 * dozen checks here about once in a hundred seed choices; the seeds are fixed, so the test is
 * deterministic.
 */
import { describe, expect, it } from 'vitest';
import { analyticReference, type AnalyticReference } from '../../src/sim/analytic.ts';
import { createEngine } from '../../src/sim/engine.ts';
import { createMetrics, type Summary } from '../../src/sim/metrics.ts';
import type { Scenario } from '../../src/sim/scenario/types.ts';
import { confidenceInterval } from '../../src/sim/stats.ts';
import { erlangScenario, type ErlangScenarioOptions } from './erlang-fixtures.ts';

const REPLICATIONS = 12;
const HOURS = 600;
const WARMUP_SECONDS = 2 * 3600;
const LEVEL = 0.999;

function replicate(scenario: Scenario): Summary[] {
  const out: Summary[] = [];
  for (let r = 0; r < REPLICATIONS; r++) {
    const metrics = createMetrics(scenario, { warmupSeconds: WARMUP_SECONDS });
    createEngine(scenario, { seed: 9001 + 17 * r, onEvent: metrics.add }).run();
    out.push(metrics.summary());
  }
  return out;
}

function reference(scenario: Scenario): AnalyticReference {
  const ref = analyticReference(scenario);
  if (ref.model === null) throw new Error(`scenario should match a model: ${ref.reason}`);
  return ref;
}

/** The formula's value lies in the interval, and the interval is at most `relWidth` of it. */
function expectAgreement(
  label: string,
  values: number[],
  expected: number,
  relWidth: number,
): void {
  const ci = confidenceInterval(values, LEVEL);
  const detail = `${label}: simulated ${ci.mean.toFixed(4)} ± ${ci.halfWidth!.toFixed(4)}, formula ${expected.toFixed(4)}`;
  expect(ci.low!, detail).toBeLessThanOrEqual(expected);
  expect(ci.high!, detail).toBeGreaterThanOrEqual(expected);
  expect(ci.halfWidth! / expected, `${detail}: interval too wide to be a test`).toBeLessThan(
    relWidth,
  );
}

const column = (runs: Summary[], pick: (s: Summary) => number | null) =>
  runs.map((s) => {
    const v = pick(s);
    if (v === null) throw new Error('metric missing');
    return v;
  });
const carried = (s: Summary) => s.operators.reduce((sum, o) => sum + o.meanOpenChats, 0);

// 5 operators with maxSessions 2 act as 10 servers; chats last 6 minutes on average.
const base: Omit<ErlangScenarioOptions, 'whenNoOperator' | 'arrivalsPerHour'> = {
  operators: 5,
  maxSessions: 2,
  chatMinutes: 6,
  durationMinutes: HOURS * 60,
};

describe('the simulator agrees with queueing theory', () => {
  it("Erlang B: Odoo's no-queue behaviour blocks as M/M/c/c with c = operators × maxSessions", () => {
    const scenario = erlangScenario({
      ...base,
      arrivalsPerHour: 80,
      whenNoOperator: 'unavailable',
    });
    const ref = reference(scenario);
    expect(ref.model).toBe('erlang-b');
    expect(ref.servers).toBe(10);
    const runs = replicate(scenario);
    expectAgreement(
      'blocking',
      column(runs, (s) => s.unavailableRate),
      ref.expected.blocking,
      0.05,
    );
    expectAgreement('carried load', runs.map(carried), ref.expected.meanBusyServers, 0.015);
    for (const s of runs) expect(s.waitedFraction).toBe(0);
  });

  it('Erlang C: a queue of infinitely patient visitors waits as M/M/c', () => {
    const scenario = erlangScenario({ ...base, arrivalsPerHour: 80, whenNoOperator: 'queue' });
    const ref = reference(scenario);
    expect(ref.model).toBe('erlang-c');
    const runs = replicate(scenario);
    const e = ref.expected;
    expectAgreement(
      'P(wait)',
      column(runs, (s) => s.waitedFraction),
      e.waitProbability,
      0.06,
    );
    expectAgreement(
      'mean wait',
      column(runs, (s) => s.meanWaitSeconds),
      e.meanWaitSeconds!,
      0.2,
    );
    expectAgreement(
      'service level',
      column(runs, (s) => s.serviceLevel),
      e.serviceLevel,
      0.04,
    );
    for (const s of runs) expect(s.abandoned).toBe(0);
  });

  it('Erlang A: a queue of visitors with exponential patience waits and abandons as M/M/c+M', () => {
    const scenario = erlangScenario({
      ...base,
      arrivalsPerHour: 100,
      patienceMinutes: 2,
      whenNoOperator: 'queue',
    });
    const ref = reference(scenario);
    expect(ref.model).toBe('erlang-a');
    const runs = replicate(scenario);
    const e = ref.expected;
    expectAgreement(
      'P(wait)',
      column(runs, (s) => s.waitedFraction),
      e.waitProbability,
      0.04,
    );
    expectAgreement(
      'abandonment',
      column(runs, (s) => s.abandonmentRate),
      e.abandonment,
      0.04,
    );
    expectAgreement(
      'mean wait',
      column(runs, (s) => s.meanWaitSeconds),
      e.meanWaitSeconds!,
      0.06,
    );
    expectAgreement(
      'service level',
      column(runs, (s) => s.serviceLevel),
      e.serviceLevel,
      0.025,
    );
  });
});

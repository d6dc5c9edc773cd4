import { describe, expect, it } from 'vitest';
import {
  analyticReference,
  erlangAMetrics,
  erlangAStationary,
  erlangB,
  erlangBMetrics,
  erlangC,
  erlangCMetrics,
  type AnalyticReference,
  type QueueExpectation,
} from '../../src/sim/analytic.ts';
import type { Scenario } from '../../src/sim/scenario/types.ts';
import { erlangScenario } from './erlang-fixtures.ts';

/** Erlang B from its definition, a^c/c! ÷ Σ a^n/n!: fine for small c, overflows for large c. */
function erlangBBySum(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= c; n++) {
    term *= a / n;
    sum += term;
  }
  return term / sum;
}

/** Erlang C from its definition: (a^c/c!)·c/(c−a) ÷ (Σ_{n<c} a^n/n! + that). */
function erlangCBySum(c: number, a: number): number {
  let term = 1;
  let sum = 0;
  for (let n = 0; n < c; n++) {
    sum += term;
    term *= a / (n + 1);
  }
  const top = (term * c) / (c - a);
  return top / (sum + top);
}

/**
 * The Erlang A chain solved as a plain linear system (balance equations by Gaussian elimination on a
 * fixed truncation), with none of analytic.ts's log-space recursion.
 */
function erlangAByLinearSystem(c: number, lambda: number, mu: number, theta: number, N: number) {
  const size = N + 1;
  // Rows: πQ = 0 transposed, last row replaced by Σπ = 1.
  const A: number[][] = Array.from({ length: size }, () => new Array(size + 1).fill(0));
  const death = (n: number) => Math.min(n, c) * mu + Math.max(0, n - c) * theta;
  for (let n = 0; n < size; n++) {
    const out = (n < N ? lambda : 0) + death(n);
    A[n][n] -= out;
    if (n > 0) A[n][n - 1] += lambda; // from n−1 up to n
    if (n < N) A[n][n + 1] += death(n + 1); // from n+1 down to n
  }
  for (let j = 0; j < size; j++) A[N][j] = 1;
  A[N][size] = 1;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++)
      if (Math.abs(A[r][col]) > Math.abs(A[pivot][col])) pivot = r;
    [A[col], A[pivot]] = [A[pivot], A[col]];
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const f = A[r][col] / A[col][col];
      if (f === 0) continue;
      for (let k = col; k <= size; k++) A[r][k] -= f * A[col][k];
    }
  }
  const p = A.map((row, i) => row[size] / row[i]);
  let pWait = 0;
  let queue = 0;
  for (let n = c; n <= N; n++) {
    pWait += p[n];
    queue += (n - c) * p[n];
  }
  return { p, pWait, queue, abandonment: (theta * queue) / lambda };
}

/**
 * P(served by time t) and E[W·1{served}] for an arrival finding j ahead, by RK4 on the position chain:
 * an independent check of the uniformization and of the closed-form mean in analytic.ts.
 */
function positionChainByRk4(
  p: ArrayLike<number>,
  c: number,
  mu: number,
  theta: number,
  t: number,
  horizon: number,
) {
  const J = p.length - 1 - c;
  let v = Array.from({ length: J + 1 }, (_, j) => p[c + j]);
  const deriv = (x: number[]) => {
    const d = new Array(J + 2).fill(0); // last entry: d(served)/dt
    for (let i = 0; i <= J; i++) {
      const out = c * mu + (i + 1) * theta;
      d[i] -= out * x[i];
      if (i > 0) d[i - 1] += (c * mu + i * theta) * x[i];
      else d[J + 1] += c * mu * x[0];
    }
    return d;
  };
  const h = 0.05;
  let served = 0;
  let servedAtT = 0;
  let unservedArea = 0; // ∫ (eventual − served(s)) ds, computed as ∫ served-later mass
  const steps = Math.round(horizon / h);
  const history: number[] = [];
  for (let s = 0; s < steps; s++) {
    if (Math.abs(s * h - t) < h / 2) servedAtT = served;
    history.push(served);
    const x = [...v, served];
    const k1 = deriv(x.slice(0, J + 1));
    const x2 = x.map((xi, i) => xi + (h / 2) * k1[i]);
    const k2 = deriv(x2.slice(0, J + 1));
    const x3 = x.map((xi, i) => xi + (h / 2) * k2[i]);
    const k3 = deriv(x3.slice(0, J + 1));
    const x4 = x.map((xi, i) => xi + h * k3[i]);
    const k4 = deriv(x4.slice(0, J + 1));
    const next = x.map((xi, i) => xi + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
    v = next.slice(0, J + 1);
    served = next[J + 1];
  }
  // E[W·1{served}] = ∫_0^∞ (P(served eventually) − P(served by s)) ds, trapezoid rule.
  for (let s = 0; s + 1 < history.length; s++) {
    unservedArea += h * (served - (history[s] + history[s + 1]) / 2);
  }
  return { servedAtT, servedEventually: served, servedWaitMass: unservedArea };
}

function expectFiniteJson(e: QueueExpectation): void {
  for (const [key, value] of Object.entries(e)) {
    if (typeof value === 'number') expect(Number.isFinite(value), key).toBe(true);
  }
}

describe('Erlang B (M/M/c/c)', () => {
  it('gives the published blocking probability B(c=10, A=5) ≈ 0.018385', () => {
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 6);
  });

  it('agrees with the definition a^c/c! ÷ Σ a^n/n! on small systems', () => {
    for (const [c, a] of [
      [1, 0.5],
      [2, 1],
      [5, 3.2],
      [20, 15],
      [30, 40],
    ]) {
      expect(erlangB(c, a)).toBeCloseTo(erlangBBySum(c, a), 12);
    }
  });

  it('stays finite where a^c/c! overflows (c = 2000, A = 1900)', () => {
    const b = erlangB(2000, 1900);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.05);
    expect(erlangBBySum(2000, 1900)).toBeNaN(); // Infinity / Infinity: why the recursion is used
  });

  it('blocks everyone with no servers and nobody with no load', () => {
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(4, 0)).toBe(0);
  });

  it('turns nobody away when there is no queue to wait in: no waits, service level 1', () => {
    const e = erlangBMetrics({
      servers: 10,
      arrivalRate: 5 / 300,
      meanServiceSeconds: 300,
      serviceLevelSeconds: 20,
    });
    expect(e.blocking).toBeCloseTo(0.018385, 6);
    expect(e.waitProbability).toBe(0);
    expect(e.serviceLevel).toBe(1);
    expect(e.meanBusyServers).toBeCloseTo(5 * (1 - e.blocking), 12);
  });

  it('rejects a fractional or negative number of servers', () => {
    expect(() => erlangB(2.5, 1)).toThrow(RangeError);
    expect(() => erlangB(-1, 1)).toThrow(RangeError);
    expect(() => erlangB(3, -1)).toThrow(RangeError);
  });
});

describe('Erlang C (M/M/c)', () => {
  it('gives the probability of waiting C(c=10, A=8) = 0.40918, as its definition does', () => {
    // The often-quoted "≈ 0.4087" is a rounding of tables; the exact value is 0.409180150796…
    expect(erlangC(10, 8)).toBeCloseTo(0.4091801507964, 10);
    expect(erlangC(10, 8)).toBeCloseTo(erlangCBySum(10, 8), 12);
  });

  it('agrees with its definition on small systems', () => {
    for (const [c, a] of [
      [1, 0.5],
      [2, 1.5],
      [5, 4.5],
      [25, 20],
    ]) {
      expect(erlangC(c, a)).toBeCloseTo(erlangCBySum(c, a), 12);
    }
  });

  it('is M/M/1 for one server: P(wait) = ρ, E[W] = ρ/(μ − λ)', () => {
    const e = erlangCMetrics({
      servers: 1,
      arrivalRate: 0.6 / 60,
      meanServiceSeconds: 60,
      serviceLevelSeconds: 30,
    });
    expect(e.waitProbability).toBeCloseTo(0.6, 12);
    expect(e.meanWaitSeconds).toBeCloseTo(0.6 / (1 / 60 - 0.6 / 60), 9);
    expect(e.serviceLevel).toBeCloseTo(1 - 0.6 * Math.exp(-(1 / 60 - 0.6 / 60) * 30), 12);
  });

  it('gives E[W] = C/(cμ − λ) and SL = 1 − C·e^{−(cμ−λ)t} for c = 10, A = 8', () => {
    const e = erlangCMetrics({
      servers: 10,
      arrivalRate: 8 / 300,
      meanServiceSeconds: 300,
      serviceLevelSeconds: 20,
    });
    const drain = 10 / 300 - 8 / 300;
    expect(e.meanWaitSeconds).toBeCloseTo(0.4091801507964 / drain, 6);
    expect(e.serviceLevel).toBeCloseTo(1 - 0.4091801507964 * Math.exp(-drain * 20), 10);
    expect(e.meanQueueLength).toBeCloseTo((8 / 300) * e.meanWaitSeconds!, 10); // Little's law
  });

  it('says a load at or above the servers is unstable, without Infinity or NaN', () => {
    const e = erlangCMetrics({
      servers: 4,
      arrivalRate: 5 / 60,
      meanServiceSeconds: 60,
      serviceLevelSeconds: 20,
    });
    expect(e.stable).toBe(false);
    expect(e.waitProbability).toBe(1);
    expect(e.meanWaitSeconds).toBeNull();
    expect(e.serviceLevel).toBe(0);
    expectFiniteJson(e);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });
});

describe('Erlang A (M/M/c+M, Palm)', () => {
  const base = {
    servers: 10,
    arrivalRate: 8 / 300,
    meanServiceSeconds: 300,
    serviceLevelSeconds: 20,
  };

  it('reduces to Erlang C as patience grows without bound (θ → 0)', () => {
    const c = erlangCMetrics(base);
    const a = erlangAMetrics({ ...base, meanPatienceSeconds: 1e9 });
    expect(a.waitProbability).toBeCloseTo(c.waitProbability, 5);
    expect(a.meanWaitSeconds!).toBeCloseTo(c.meanWaitSeconds!, 3);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 5);
    expect(a.abandonment).toBeLessThan(1e-6);
  });

  it('is Erlang C exactly for infinite patience', () => {
    const a = erlangAMetrics({ ...base, meanPatienceSeconds: Infinity });
    expect(a.model).toBe('erlang-a');
    expect(a.waitProbability).toBe(erlangC(10, 8));
  });

  it('matches the chain solved as a linear system (c = 2, λ = 3/min, chats 1 min, patience 30 s)', () => {
    const lambda = 3 / 60;
    const mu = 1 / 60;
    const theta = 1 / 30;
    const direct = erlangAByLinearSystem(2, lambda, mu, theta, 80);
    const a = erlangAMetrics({
      servers: 2,
      arrivalRate: lambda,
      meanServiceSeconds: 60,
      meanPatienceSeconds: 30,
      serviceLevelSeconds: 20,
    });
    const p = erlangAStationary(2, lambda, mu, theta);
    for (let n = 0; n < 20; n++) expect(p[n]).toBeCloseTo(direct.p[n], 12);
    expect(a.waitProbability).toBeCloseTo(direct.pWait, 12);
    expect(a.meanQueueLength!).toBeCloseTo(direct.queue, 10);
    // Abandonment counted per visitor (Σ π_j (1 − S_j)) equals the rate θ·E[Q] ÷ λ.
    expect(a.abandonment).toBeCloseTo(direct.abandonment, 10);
    // Little's law over every visitor, abandoned ones included.
    expect(a.meanWaitAllSeconds!).toBeCloseTo(direct.queue / lambda, 8);
    // Carried load: served visitors × mean chat.
    expect(a.meanBusyServers).toBeCloseTo((lambda * (1 - a.abandonment)) / mu, 10);
  });

  it('gets the service level and the mean wait of served visitors right (checked by RK4)', () => {
    const c = 3;
    const lambda = 4 / 60;
    const mu = 1 / 50;
    const theta = 1 / 40;
    const t = 15;
    const a = erlangAMetrics({
      servers: c,
      arrivalRate: lambda,
      meanServiceSeconds: 50,
      meanPatienceSeconds: 40,
      serviceLevelSeconds: t,
    });
    const p = erlangAStationary(c, lambda, mu, theta);
    let noWait = 0;
    for (let n = 0; n < c; n++) noWait += p[n];
    const rk = positionChainByRk4(p, c, mu, theta, t, 800);
    expect(a.serviceLevel).toBeCloseTo(noWait + rk.servedAtT, 6);
    expect(1 - a.abandonment).toBeCloseTo(noWait + rk.servedEventually, 6);
    expect(a.meanWaitSeconds!).toBeCloseTo(rk.servedWaitMass / (noWait + rk.servedEventually), 3);
  });

  it('loses exactly the excess when hugely overloaded: served = cμ, the rest abandon', () => {
    const a = erlangAMetrics({
      servers: 10,
      arrivalRate: 50 / 300,
      meanServiceSeconds: 300,
      meanPatienceSeconds: 600,
      serviceLevelSeconds: 20,
    });
    expect(a.abandonment).toBeCloseTo(0.8, 6);
    expect(a.utilisation).toBeCloseTo(1, 6);
    expect(a.waitProbability).toBeCloseTo(1, 6);
  });

  it('stays finite on large systems (c = 500, A = 520, patience 10 min)', () => {
    const a = erlangAMetrics({
      servers: 500,
      arrivalRate: 520 / 300,
      meanServiceSeconds: 300,
      meanPatienceSeconds: 600,
      serviceLevelSeconds: 20,
    });
    expectFiniteJson(a);
    expect(a.waitProbability).toBeGreaterThan(0.5);
    expect(a.waitProbability).toBeLessThanOrEqual(1);
    expect(a.abandonment).toBeGreaterThan(0);
    expect(a.abandonment).toBeLessThan(0.1);
    expect(a.serviceLevel).toBeGreaterThan(0);
    expect(a.serviceLevel).toBeLessThan(1);
  });

  it('serves everyone at once with no arrivals', () => {
    const a = erlangAMetrics({ ...base, arrivalRate: 0, meanPatienceSeconds: 60 });
    expect(a.waitProbability).toBe(0);
    expect(a.serviceLevel).toBe(1);
  });
});

describe('analyticReference: which scenarios are textbook queues', () => {
  function expectMatch(s: Scenario): AnalyticReference {
    const r = analyticReference(s);
    if (r.model === null) throw new Error(`expected a match: ${r.reason}`);
    return r;
  }
  function expectMismatch(s: Scenario, pattern: RegExp): void {
    const r = analyticReference(s);
    expect(r.model).toBeNull();
    if (r.model === null) expect(r.reason).toMatch(pattern);
  }
  const common = { operators: 4, maxSessions: 2, arrivalsPerHour: 60, chatMinutes: 6 };

  it('calls Odoo\'s "no available collaborator" Erlang B, with c·k servers', () => {
    const r = expectMatch(erlangScenario({ ...common, whenNoOperator: 'unavailable' }));
    expect(r.model).toBe('erlang-b');
    expect(r.servers).toBe(8);
    expect(r.offeredLoad).toBeCloseTo(6, 12);
    expect(r.expected.blocking).toBeCloseTo(erlangB(8, 6), 12);
    expect(r.expected.waitProbability).toBe(0);
  });

  it('calls a queue without patience Erlang C', () => {
    const r = expectMatch(erlangScenario({ ...common, whenNoOperator: 'queue' }));
    expect(r.model).toBe('erlang-c');
    expect(r.expected.waitProbability).toBeCloseTo(erlangC(8, 6), 12);
  });

  it('calls a queue with exponential patience Erlang A', () => {
    const r = expectMatch(
      erlangScenario({ ...common, whenNoOperator: 'queue', patienceMinutes: 2 }),
    );
    expect(r.model).toBe('erlang-a');
    expect(r.channels[0].meanPatienceSeconds).toBe(120);
    expect(r.expected.abandonment).toBeGreaterThan(0);
  });

  it('accepts any chat distribution for Erlang B (blocking depends only on the mean), with a note', () => {
    const s = erlangScenario({ ...common, whenNoOperator: 'unavailable' });
    s.visitors[0].chatMinutes = { dist: 'lognormal', mean: 6, sd: 3 };
    const r = expectMatch(s);
    expect(r.expected.blocking).toBeCloseTo(erlangB(8, 6), 12);
    expect(r.notes.join('\n')).toMatch(/only on their mean/);
  });

  it('refuses a queue with non-exponential chats', () => {
    const s = erlangScenario({ ...common, whenNoOperator: 'queue' });
    s.visitors[0].chatMinutes = { dist: 'fixed', value: 6 };
    expectMismatch(s, /not exponential/);
  });

  it('refuses non-exponential patience', () => {
    const s = erlangScenario({ ...common, whenNoOperator: 'queue', patienceMinutes: 2 });
    s.visitors[0].patienceMinutes = { dist: 'uniform', min: 1, max: 3 };
    expectMismatch(s, /patience is not exponential/);
  });

  it('refuses operators who take breaks', () => {
    const s = erlangScenario({ ...common, whenNoOperator: 'unavailable' });
    s.operators[1].activity = { kind: 'breaks', breaks: [{ atMinute: 10, minutes: 30 }] };
    expectMismatch(s, /Operator 2 is not always active/);
  });

  it('refuses unlimited sessions (every visitor served at once)', () => {
    expectMismatch(
      erlangScenario({ ...common, maxSessions: null, whenNoOperator: 'unavailable' }),
      /unlimited sessions/,
    );
  });

  it('refuses language-strict when an operator cannot take every visitor language', () => {
    const s = erlangScenario({ ...common, whenNoOperator: 'queue', policy: 'language-strict' });
    expectMismatch(s, /language-strict/);
    for (const o of s.operators) o.extraLanguages = o.lang === 'en_US' ? ['fr_FR'] : ['en_US'];
    expect(expectMatch(s).model).toBe('erlang-c');
  });

  it('lets languages differ under work-conserving policies: they change who, not how many', () => {
    const r = expectMatch(
      erlangScenario({ ...common, whenNoOperator: 'queue', policy: 'balanced' }),
    );
    expect(r.model).toBe('erlang-c');
  });

  it('refuses an unknown policy', () => {
    expectMismatch(
      erlangScenario({ ...common, whenNoOperator: 'queue', policy: 'mystery' }),
      /policy/,
    );
  });

  it('treats each channel as its own queue, and combines them by arrivals', () => {
    const s = erlangScenario({ ...common, whenNoOperator: 'unavailable' });
    s.channels.push({ id: 'support', name: 'Support', maxSessions: 1 });
    s.operators.push({ ...s.operators[0], id: 'sup', name: 'Support op', channels: ['support'] });
    s.operators[0].channels = ['website', 'support']; // in both: per-channel limits keep them apart
    s.visitors.push({ ...s.visitors[0], channel: 'support', arrivalsPerHour: 20 });
    const r = expectMatch(s);
    expect(r.channels.map((c) => c.servers)).toEqual([8, 2]);
    const bWebsite = erlangB(8, 6);
    const bSupport = erlangB(2, 2);
    expect(r.expected.blocking).toBeCloseTo((60 * bWebsite + 20 * bSupport) / 80, 12);
  });

  it('refuses channels that fit different models', () => {
    const s = erlangScenario({ ...common, whenNoOperator: 'queue', patienceMinutes: 2 });
    s.channels.push({ id: 'support', name: 'Support', maxSessions: 1 });
    s.operators.push({ ...s.operators[0], id: 'sup', channels: ['support'] });
    const { patienceMinutes: _drop, ...impatientless } = s.visitors[0];
    s.visitors.push({ ...impatientless, channel: 'support' });
    expectMismatch(s, /different models/);
  });

  it('reports an unstable Erlang C queue with a note and no NaN', () => {
    const r = expectMatch(
      erlangScenario({ ...common, arrivalsPerHour: 120, whenNoOperator: 'queue' }),
    );
    expect(r.expected.stable).toBe(false);
    expect(r.expected.meanWaitSeconds).toBeNull();
    expect(r.notes.join('\n')).toMatch(/grows without bound/);
  });
});

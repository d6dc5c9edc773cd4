/**
 * Analytic references: Erlang B (M/M/c/c), Erlang C (M/M/c) and Erlang A (M/M/c+M, Palm's model).
 *
 * The simulator must agree with these whenever a scenario matches a model (see `analyticReference`).
 * Every probability is defined exactly as the simulator's metrics define it (src/sim/metrics.ts), so
 * the two can be compared number for number:
 *
 * | Field             | Metric in the summary | Definition here                                           |
 * |-------------------|-----------------------|-----------------------------------------------------------|
 * | `blocking`        | `unavailableRate`     | P(turned away: nobody free, no queue)                     |
 * | `waitProbability` | `waitedFraction`      | P(not assigned at the instant of arrival), among visitors not turned away |
 * | `abandonment`     | `abandonmentRate`     | P(leaves the queue before assignment), among visitors not turned away |
 * | `meanWaitSeconds` | `meanWaitSeconds`     | E[arrival → assignment] over *served* visitors (zero waits included) |
 * | `serviceLevel`    | `serviceLevel`        | P(assigned within `serviceLevelSeconds`), among visitors not turned away; an abandoned visitor never counts |
 * | `meanBusyServers` | Σ operators' `meanOpenChats` | E[open sessions] (the carried load)                 |
 *
 * Units are seconds and visitors per second. "Servers" are session slots: with `maxSessions = k`,
 * `c` operators act as `c·k` servers, since chat durations do not depend on concurrency.
 */

import type { Dist, Scenario, VisitorStream } from './scenario/types.ts';

export type ErlangModel = 'erlang-b' | 'erlang-c' | 'erlang-a';

export interface QueueInput {
  /** Number of servers (session slots), an integer ≥ 1. */
  servers: number;
  /** λ: arrivals per second. */
  arrivalRate: number;
  /** 1/μ: mean chat duration in seconds. */
  meanServiceSeconds: number;
  /** The service-level threshold t in seconds (the scenario's `serviceLevelSeconds`). */
  serviceLevelSeconds: number;
}

export interface QueueExpectation {
  model: ErlangModel;
  /** False only for Erlang C with offered load ≥ servers: the queue grows without bound. */
  stable: boolean;
  /** a = λ/μ, in erlangs. */
  offeredLoad: number;
  blocking: number;
  waitProbability: number;
  abandonment: number;
  /** Null when unstable (the long-run mean is infinite). */
  meanWaitSeconds: number | null;
  /** E[time spent waiting] over every visitor not turned away, abandoned ones until they leave. */
  meanWaitAllSeconds: number | null;
  /** In the long run of an unstable queue, nobody is answered in time: 0. */
  serviceLevel: number;
  /** E[visitors waiting]; null when unstable. */
  meanQueueLength: number | null;
  /** E[busy servers] = carried load. */
  meanBusyServers: number;
  /** meanBusyServers ÷ servers. */
  utilisation: number;
}

function checkInput(i: QueueInput): void {
  if (!Number.isInteger(i.servers) || i.servers < 1) {
    throw new RangeError(`servers must be an integer ≥ 1, got ${i.servers}`);
  }
  if (!(i.arrivalRate >= 0) || !Number.isFinite(i.arrivalRate)) {
    throw new RangeError(`arrivalRate must be a finite number ≥ 0, got ${i.arrivalRate}`);
  }
  if (!(i.meanServiceSeconds > 0) || !Number.isFinite(i.meanServiceSeconds)) {
    throw new RangeError(`meanServiceSeconds must be finite and > 0, got ${i.meanServiceSeconds}`);
  }
  if (!(i.serviceLevelSeconds >= 0)) {
    throw new RangeError(`serviceLevelSeconds must be ≥ 0, got ${i.serviceLevelSeconds}`);
  }
}

/**
 * Erlang B: the blocking probability of M/M/c/c (and, by insensitivity, of M/G/c/c).
 * The recursion B(n) = a·B(n−1) / (n + a·B(n−1)) never overflows, unlike the textbook sum of a^n/n!.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  if (!Number.isInteger(servers) || servers < 0) {
    throw new RangeError(`servers must be an integer ≥ 0, got ${servers}`);
  }
  if (!(offeredLoad >= 0)) throw new RangeError(`offeredLoad must be ≥ 0, got ${offeredLoad}`);
  let b = 1;
  for (let n = 1; n <= servers; n++) b = (offeredLoad * b) / (n + offeredLoad * b);
  return b;
}

/**
 * Erlang C: the probability that an arrival waits in M/M/c, from Erlang B:
 * C = c·B / (c − a·(1 − B)). Returns 1 when a ≥ c (unstable: in the long run everyone waits).
 */
export function erlangC(servers: number, offeredLoad: number): number {
  if (!Number.isInteger(servers) || servers < 1) {
    throw new RangeError(`servers must be an integer ≥ 1, got ${servers}`);
  }
  if (offeredLoad >= servers) return 1;
  const b = erlangB(servers, offeredLoad);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

/** The queue figures of a system where nobody waits: no queue, no abandonment, every wait zero. */
const NO_WAIT = {
  stable: true,
  waitProbability: 0,
  abandonment: 0,
  meanWaitSeconds: 0,
  meanWaitAllSeconds: 0,
  serviceLevel: 1,
  meanQueueLength: 0,
} as const;

/** M/M/c/c: visitors who find every server busy are turned away (Odoo's "no available collaborator"). */
export function erlangBMetrics(input: QueueInput): QueueExpectation {
  checkInput(input);
  const a = input.arrivalRate * input.meanServiceSeconds;
  const blocking = erlangB(input.servers, a);
  const busy = a * (1 - blocking);
  return {
    ...NO_WAIT,
    model: 'erlang-b',
    offeredLoad: a,
    blocking,
    meanBusyServers: busy,
    utilisation: busy / input.servers,
  };
}

/**
 * M/M/c with an infinitely patient FIFO queue.
 * P(W > t) = C·e^{−(cμ−λ)t}, so the service level is 1 − C·e^{−(cμ−λ)t}; E[W] = C/(cμ − λ).
 */
export function erlangCMetrics(input: QueueInput): QueueExpectation {
  checkInput(input);
  const c = input.servers;
  const mu = 1 / input.meanServiceSeconds;
  const lambda = input.arrivalRate;
  const a = lambda / mu;
  if (a >= c) {
    return {
      model: 'erlang-c',
      stable: false,
      offeredLoad: a,
      blocking: 0,
      waitProbability: 1,
      abandonment: 0,
      meanWaitSeconds: null,
      meanWaitAllSeconds: null,
      serviceLevel: 0,
      meanQueueLength: null,
      meanBusyServers: c,
      utilisation: 1,
    };
  }
  const pw = erlangC(c, a);
  const drain = c * mu - lambda;
  const meanWait = pw / drain;
  return {
    model: 'erlang-c',
    stable: true,
    offeredLoad: a,
    blocking: 0,
    waitProbability: pw,
    abandonment: 0,
    meanWaitSeconds: meanWait,
    meanWaitAllSeconds: meanWait,
    serviceLevel: 1 - pw * Math.exp(-drain * input.serviceLevelSeconds),
    meanQueueLength: lambda * meanWait,
    meanBusyServers: a,
    utilisation: a / c,
  };
}

/** States beyond this are refused: the chain would be too long to be worth solving in a browser. */
const MAX_CHAIN_STATES = 2_000_000;
/** States whose probability is below e^−45 (≈ 3e−20) of the largest one are dropped. */
const LOG_NEGLIGIBLE = 45;

/**
 * The stationary distribution of the Erlang A birth–death chain, normalized, truncated where the
 * remaining states are negligible. Birth rate λ in every state; death rate min(n,c)·μ + max(0,n−c)·θ.
 * Worked in log space so that neither a^n/n! nor its normalizing sum can overflow.
 */
export function erlangAStationary(
  servers: number,
  arrivalRate: number,
  serviceRate: number,
  abandonRate: number,
): Float64Array {
  if (!(abandonRate > 0)) throw new RangeError('abandonRate must be > 0 (use Erlang C for 0)');
  const logs: number[] = [0];
  let logp = 0;
  let max = 0;
  const logLambda = Math.log(arrivalRate);
  for (let n = 1; ; n++) {
    const death = Math.min(n, servers) * serviceRate + Math.max(0, n - servers) * abandonRate;
    logp += logLambda - Math.log(death);
    logs.push(logp);
    if (logp > max) max = logp;
    // Past the mode (death > λ) the terms only shrink, so stopping at the first negligible one is safe.
    if (n >= servers && death > arrivalRate && logp < max - LOG_NEGLIGIBLE) break;
    if (n > MAX_CHAIN_STATES) {
      throw new RangeError(
        `Erlang A chain longer than ${MAX_CHAIN_STATES} states (patience too long for this load)`,
      );
    }
  }
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - max);
  const p = new Float64Array(logs.length);
  for (let n = 0; n < logs.length; n++) p[n] = Math.exp(logs[n] - max) / sum;
  return p;
}

/**
 * M/M/c+M (Palm's model, Erlang A): FIFO queue, exponential patience with mean 1/θ; a visitor whose
 * patience runs out before assignment abandons. Solved on the birth–death chain (see
 * `erlangAStationary`), then, by PASTA, from the point of view of an arrival that finds j visitors
 * ahead of it in the queue:
 *
 * - at position i (i visitors ahead) it moves up at rate cμ + iθ (a chat ends, or someone ahead
 *   leaves) and abandons at rate θ, so it is served with probability S_j = Π_{i≤j} (cμ+iθ)/(cμ+(i+1)θ);
 * - because the time spent at each position is independent of how it is left, E[W·1{served}] =
 *   S_j · Σ_{i≤j} 1/(cμ+(i+1)θ);
 * - the service level, P(served within t), is the mass absorbed in "served" by time t in that pure-death
 *   chain, started from the arrival distribution, computed by uniformization.
 *
 * `meanServiceSeconds` is 1/μ; `meanPatienceSeconds` is 1/θ (Infinity gives Erlang C).
 */
export function erlangAMetrics(
  input: QueueInput & { meanPatienceSeconds: number },
): QueueExpectation {
  checkInput(input);
  if (!(input.meanPatienceSeconds > 0)) {
    throw new RangeError(`meanPatienceSeconds must be > 0, got ${input.meanPatienceSeconds}`);
  }
  if (input.meanPatienceSeconds === Infinity) {
    return { ...erlangCMetrics(input), model: 'erlang-a' };
  }
  const c = input.servers;
  const mu = 1 / input.meanServiceSeconds;
  const theta = 1 / input.meanPatienceSeconds;
  const lambda = input.arrivalRate;
  const a = lambda / mu;
  if (lambda === 0) {
    return {
      ...NO_WAIT,
      model: 'erlang-a',
      offeredLoad: 0,
      blocking: 0,
      meanBusyServers: 0,
      utilisation: 0,
    };
  }
  const p = erlangAStationary(c, lambda, mu, theta);
  const top = p.length - 1;

  let pNoWait = 0;
  let busy = 0;
  for (let n = 0; n < Math.min(c, p.length); n++) {
    pNoWait += p[n];
    busy += n * p[n];
  }
  let pServedAfterWait = 0;
  let servedWaitSum = 0;
  let allWaitSum = 0;
  let queueLength = 0;
  let s = 1; // S_j
  let h = 0; // Σ 1/r_i
  let e = 0; // E[time in queue | j ahead]
  for (let j = 0; c + j <= top; j++) {
    const pj = p[c + j];
    const r = c * mu + (j + 1) * theta;
    const q = (c * mu + j * theta) / r;
    s *= q;
    h += 1 / r;
    e = 1 / r + q * e;
    pServedAfterWait += pj * s;
    servedWaitSum += pj * s * h;
    allWaitSum += pj * e;
    queueLength += j * pj;
    busy += c * pj;
  }
  const pServed = pNoWait + pServedAfterWait;
  const sl = pNoWait + servedWithin(p, c, mu, theta, input.serviceLevelSeconds);
  return {
    model: 'erlang-a',
    stable: true,
    offeredLoad: a,
    blocking: 0,
    waitProbability: 1 - pNoWait,
    abandonment: 1 - pServed,
    meanWaitSeconds: servedWaitSum / pServed,
    meanWaitAllSeconds: allWaitSum,
    serviceLevel: Math.min(1, sl),
    meanQueueLength: queueLength,
    meanBusyServers: busy,
    utilisation: busy / c,
  };
}

/**
 * P(an arrival waits, then is served within t), by uniformization of the position chain: state i =
 * visitors ahead; i → i−1 at rate cμ + iθ (from 0: served), abandonment at rate θ. Long horizons are
 * safe: the Poisson weights are computed in log space, so e^{−Λt} never underflows the sum.
 */
function servedWithin(p: Float64Array, c: number, mu: number, theta: number, t: number): number {
  const J = p.length - 1 - c;
  if (J < 0 || t <= 0) return 0;
  let v = new Float64Array(J + 1);
  let next = new Float64Array(J + 1);
  for (let j = 0; j <= J; j++) v[j] = p[c + j];
  const rate = c * mu + (J + 1) * theta;
  const lt = rate * t;
  const logLt = Math.log(lt);
  const maxSteps = Math.ceil(lt + 12 * Math.sqrt(lt) + 40);
  let served = 0; // mass absorbed after k steps
  let result = 0;
  let weightSum = 0;
  let logw = -lt;
  for (let k = 0; k <= maxSteps; k++) {
    if (k > 0) logw += logLt - Math.log(k);
    const w = Math.exp(logw);
    result += w * served;
    weightSum += w;
    if (k > lt && 1 - weightSum < 1e-15) break;
    // One step of the uniformized jump chain.
    served += (v[0] * c * mu) / rate;
    for (let i = 0; i < J; i++) {
      const stay = 1 - (c * mu + (i + 1) * theta) / rate;
      next[i] = v[i] * stay + (v[i + 1] * (c * mu + (i + 1) * theta)) / rate;
    }
    next[J] = v[J] * (1 - (c * mu + (J + 1) * theta) / rate);
    const tmp = v;
    v = next;
    next = tmp;
  }
  // Steps beyond the loop carry at most the final `served`, times the (tiny) remaining weight.
  return result + Math.max(0, 1 - weightSum) * served;
}

// ---------------------------------------------------------------------------------------------
// Staffing: how many operators a rate needs
// ---------------------------------------------------------------------------------------------

/** The service level staffing aims for: 80% of visitors answered within `serviceLevelSeconds`. */
export const SERVICE_LEVEL_TARGET = 0.8;

export interface StaffingInput {
  /** λ: arrivals per second. */
  arrivalRate: number;
  meanChatSeconds: number;
  /** Mean patience in seconds (Erlang A); null = visitors wait as long as it takes (Erlang C). */
  meanPatienceSeconds: number | null;
  /** Sessions one operator holds at once (a channel's maxSessions); null = unlimited. */
  maxSessions: number | null;
  serviceLevelSeconds: number;
  /** The share to answer within `serviceLevelSeconds`; default SERVICE_LEVEL_TARGET. */
  target?: number;
}

/**
 * The fewest operators who answer `target` of the visitors within `serviceLevelSeconds`: Erlang A
 * when visitors have patience, else Erlang C, each operator counting as `maxSessions` servers (as
 * in `analyticReference`). No visitor needs nobody; with unlimited sessions one operator takes
 * everyone at once. Erlang A can never promise more than the share that does not abandon, so a
 * target beyond reach gives Infinity rather than a search without end.
 */
export function operatorsNeeded(input: StaffingInput): number {
  const target = input.target ?? SERVICE_LEVEL_TARGET;
  if (!(input.arrivalRate > 0)) return 0;
  if (input.maxSessions === null) return 1;
  const k = input.maxSessions;
  const load = input.arrivalRate * input.meanChatSeconds;
  const meets = (operators: number) => {
    const q: QueueInput = {
      servers: operators * k,
      arrivalRate: input.arrivalRate,
      meanServiceSeconds: input.meanChatSeconds,
      serviceLevelSeconds: input.serviceLevelSeconds,
    };
    if (input.meanPatienceSeconds === null) return erlangCMetrics(q).serviceLevel >= target;
    try {
      return (
        erlangAMetrics({ ...q, meanPatienceSeconds: input.meanPatienceSeconds }).serviceLevel >=
        target
      );
    } catch {
      // A chain too long to solve: patience so long against so few servers that the queue runs
      // into millions; such a staffing answers almost nobody in time.
      return false;
    }
  };
  // Erlang C needs more servers than the load. Erlang A answers at most the carried load, itself
  // at most the servers, so the share answered in time is at most servers / load. Start at that
  // bound and count up: the service level grows with every server and tends to 1.
  if (target >= 1) return Infinity;
  const bound = input.meanPatienceSeconds === null ? load : target * load;
  let n = Math.max(1, Math.floor(bound / k));
  while (!meets(n)) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Does a scenario match a model?
// ---------------------------------------------------------------------------------------------

export interface ChannelReference {
  channel: string;
  /** Members at t = 0 (all always active). */
  operators: number;
  maxSessions: number;
  servers: number;
  arrivalRate: number;
  offeredLoad: number;
  meanChatSeconds: number;
  meanPatienceSeconds: number | null;
  expected: QueueExpectation;
}

export interface AnalyticReference {
  model: ErlangModel;
  /** Σ over channels of members × maxSessions. */
  servers: number;
  /** Σ over channels, in erlangs. */
  offeredLoad: number;
  /** Arrival-weighted over channels (each channel is an independent queue; see `channels`). */
  expected: {
    stable: boolean;
    blocking: number;
    waitProbability: number;
    abandonment: number;
    meanWaitSeconds: number | null;
    serviceLevel: number;
    meanBusyServers: number;
  };
  channels: ChannelReference[];
  /** Assumptions worth showing next to the numbers. */
  notes: string[];
}

export interface AnalyticMismatch {
  model: null;
  /** Every reason, one per line, for people. */
  reasons: string[];
  reason: string;
}

/** Policies that assign whenever any member has a free slot (all of Odoo's fall back to "anyone"). */
const WORK_CONSERVING_POLICIES = new Set([
  'odoo',
  'odoo-19',
  'round-robin',
  'balanced',
  'load-rotation',
]);

export function distMeanSeconds(d: Dist): number {
  switch (d.dist) {
    case 'exponential':
      return d.mean * 60;
    case 'fixed':
      return d.value * 60;
    case 'lognormal':
      return d.mean * 60;
    case 'uniform':
      return ((d.min + d.max) / 2) * 60;
  }
}

/**
 * Whether `scenario` is a textbook queue, and if so what the textbook predicts.
 *
 * It matches when, for every channel that visitors arrive on:
 * - arrivals are Poisson (always, in this simulator);
 * - chats are exponential with one mean per channel (for Erlang B any distribution will do: M/G/c/c
 *   blocking depends only on the mean);
 * - patience is absent (Erlang C) or exponential with one mean per channel (Erlang A); it plays no part
 *   with `whenNoOperator: "unavailable"` (Erlang B);
 * - every member is always active (`activity.kind === "always"`), so nobody is away, removed or absent;
 * - `maxSessions` is a number k (unlimited sessions make every visitor served at once);
 * - the policy assigns whenever a member has a free slot. Which operator gets the visitor does not change
 *   how many slots are busy, so languages matter only for `language-strict`, which then needs every
 *   member to speak every visitor language of the channel.
 *
 * `maxSessions` counts sessions per channel, so each channel is an independent queue with
 * members × k servers, even when operators belong to several channels. Every channel must fit the same
 * model (B, C or A). `whenNoOperator: "unavailable"` → B; `"queue"` without patience → C; `"queue"` with
 * exponential patience → A.
 */
export function analyticReference(scenario: Scenario): AnalyticReference | AnalyticMismatch {
  const reasons: string[] = [];
  const notes: string[] = [];

  const strictLanguage = scenario.policy === 'language-strict';
  if (!strictLanguage && !WORK_CONSERVING_POLICIES.has(scenario.policy)) {
    reasons.push(`policy "${scenario.policy}" is not known to assign whenever a slot is free`);
  }

  const streamsByChannel = new Map<string, (VisitorStream & { arrivalsPerHour: number })[]>();
  for (const s of scenario.visitors) {
    if (typeof s.arrivalsPerHour !== 'number') {
      reasons.push(
        `visitors on channel "${s.channel}" arrive ${s.arrivals ? 'as recorded (a trace)' : 'by an hourly profile'}, not at a constant Poisson rate`,
      );
      continue;
    }
    if (!(s.arrivalsPerHour > 0)) continue;
    const list = streamsByChannel.get(s.channel);
    if (list) list.push(s as VisitorStream & { arrivalsPerHour: number });
    else streamsByChannel.set(s.channel, [s as VisitorStream & { arrivalsPerHour: number }]);
  }
  if (streamsByChannel.size === 0) reasons.push('no visitors arrive');

  const queue = scenario.whenNoOperator === 'queue';
  let model: ErlangModel | null = queue ? null : 'erlang-b';
  const channels: ChannelReference[] = [];

  for (const [channelId, streams] of streamsByChannel) {
    const channel = scenario.channels.find((c) => c.id === channelId);
    const label = channel ? `channel "${channel.name}"` : `channel "${channelId}"`;
    if (!channel) {
      reasons.push(`${label} is not defined`);
      continue;
    }
    const members = scenario.operators.filter((o) => o.channels.includes(channelId));
    if (members.length === 0) reasons.push(`${label} has no operators`);
    const notAlways = members.filter((o) => o.activity.kind !== 'always');
    if (notAlways.length > 0) {
      reasons.push(
        `${label}: ${notAlways.map((o) => o.name).join(', ')} ${notAlways.length === 1 ? 'is' : 'are'} not always active`,
      );
    }
    if (channel.maxSessions === null) {
      reasons.push(
        `${label} has unlimited sessions per operator: every visitor is served at once (M/M/∞)`,
      );
    }
    if (strictLanguage) {
      const langs = new Set<string>();
      for (const s of streams)
        for (const [l, w] of Object.entries(s.languages)) if (w > 0) langs.add(l);
      const missing = members.filter(
        (o) => ![...langs].every((l) => o.lang === l || o.extraLanguages.includes(l)),
      );
      if (missing.length > 0) {
        reasons.push(
          `${label}: with language-strict, ${missing.map((o) => o.name).join(', ')} cannot take every visitor language`,
        );
      }
    }

    const arrivalRate = streams.reduce((sum, s) => sum + s.arrivalsPerHour, 0) / 3600;
    let meanChat: number;
    if (!queue) {
      // Insensitivity: the mixture of the streams' durations only needs a mean.
      meanChat =
        streams.reduce(
          (sum, s) => sum + (s.arrivalsPerHour / 3600) * distMeanSeconds(s.chatMinutes),
          0,
        ) / arrivalRate;
      if (streams.some((s) => s.chatMinutes.dist !== 'exponential')) {
        notes.push(
          `${label}: chat durations are not exponential; Erlang B depends only on their mean`,
        );
      }
    } else {
      const chatMeans = new Set(streams.map((s) => distMeanSeconds(s.chatMinutes)));
      if (streams.some((s) => s.chatMinutes.dist !== 'exponential')) {
        reasons.push(`${label}: chat durations are not exponential`);
      } else if (chatMeans.size > 1) {
        reasons.push(`${label}: visitor streams have different mean chat durations`);
      }
      meanChat = distMeanSeconds(streams[0].chatMinutes);
    }

    let meanPatience: number | null = null;
    if (queue) {
      const withPatience = streams.filter((s) => s.patienceMinutes !== undefined);
      let channelModel: ErlangModel | null = null;
      if (withPatience.length === 0) channelModel = 'erlang-c';
      else if (withPatience.length < streams.length) {
        reasons.push(`${label}: some visitor streams have a patience and some do not`);
      } else if (withPatience.some((s) => s.patienceMinutes!.dist !== 'exponential')) {
        reasons.push(`${label}: patience is not exponential`);
      } else if (new Set(withPatience.map((s) => distMeanSeconds(s.patienceMinutes!))).size > 1) {
        reasons.push(`${label}: visitor streams have different mean patience`);
      } else {
        channelModel = 'erlang-a';
        meanPatience = distMeanSeconds(withPatience[0].patienceMinutes!);
      }
      if (channelModel && model && channelModel !== model) {
        reasons.push('channels fit different models (some with patience, some without)');
      }
      model ??= channelModel;
    }

    const k = channel.maxSessions ?? 0;
    const servers = members.length * k;
    if (servers < 1 || reasons.length > 0 || model === null) continue;
    const input: QueueInput = {
      servers,
      arrivalRate,
      meanServiceSeconds: meanChat,
      serviceLevelSeconds: scenario.serviceLevelSeconds,
    };
    let expected: QueueExpectation;
    if (model === 'erlang-b') expected = erlangBMetrics(input);
    else if (model === 'erlang-c') expected = erlangCMetrics(input);
    else {
      try {
        expected = erlangAMetrics({ ...input, meanPatienceSeconds: meanPatience! });
      } catch (err) {
        reasons.push(`${label}: ${(err as Error).message}`);
        continue;
      }
    }
    if (!expected.stable) {
      notes.push(
        `${label}: offered load ${expected.offeredLoad.toFixed(2)} ≥ ${servers} servers, the queue grows without bound`,
      );
    }
    channels.push({
      channel: channelId,
      operators: members.length,
      maxSessions: k,
      servers,
      arrivalRate,
      offeredLoad: expected.offeredLoad,
      meanChatSeconds: meanChat,
      meanPatienceSeconds: meanPatience,
      expected,
    });
  }

  if (reasons.length > 0 || model === null) {
    if (reasons.length === 0) reasons.push('no channel fits a model');
    return { model: null, reasons, reason: reasons.join('; ') };
  }
  if (channels.length > 1) {
    notes.push('each channel is an independent queue: maxSessions counts sessions per channel');
  }
  return {
    model,
    servers: channels.reduce((s, c) => s + c.servers, 0),
    offeredLoad: channels.reduce((s, c) => s + c.offeredLoad, 0),
    expected: combine(channels),
    channels,
    notes,
  };
}

/** Arrival-weighted averages, each over the same population the metric itself uses. */
function combine(channels: ChannelReference[]): AnalyticReference['expected'] {
  let arrivals = 0;
  let admitted = 0;
  let served = 0;
  let blocking = 0;
  let wait = 0;
  let abandonment = 0;
  let sl = 0;
  let meanWait: number | null = 0;
  let busy = 0;
  for (const c of channels) {
    const e = c.expected;
    const adm = c.arrivalRate * (1 - e.blocking);
    const srv = adm * (1 - e.abandonment);
    arrivals += c.arrivalRate;
    admitted += adm;
    served += srv;
    blocking += c.arrivalRate * e.blocking;
    wait += adm * e.waitProbability;
    abandonment += adm * e.abandonment;
    sl += adm * e.serviceLevel;
    meanWait =
      meanWait === null || e.meanWaitSeconds === null ? null : meanWait + srv * e.meanWaitSeconds;
    busy += e.meanBusyServers;
  }
  const ratio = (x: number, d: number) => (d > 0 ? x / d : 0);
  return {
    stable: channels.every((c) => c.expected.stable),
    blocking: ratio(blocking, arrivals),
    waitProbability: ratio(wait, admitted),
    abandonment: ratio(abandonment, admitted),
    meanWaitSeconds: meanWait === null ? null : ratio(meanWait, served),
    serviceLevel: admitted > 0 ? sl / admitted : 1,
    meanBusyServers: busy,
  };
}

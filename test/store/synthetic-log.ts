/**
 * A deterministic, realistic-looking event log of any length, for codec tests and the storage
 * benchmark: operators joining and changing status, visitors arriving, being assigned with a full
 * reason (candidates, loads, exclusions), chatting and leaving. Events are not a valid simulation,
 * only the same mix of shapes and strings the engine emits.
 */
import type { SimEvent } from '../../src/sim/events';

/** mulberry32: a tiny seeded generator (tests only; the core uses src/sim/random.ts). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticLog(count: number, seed = 1): SimEvent[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const operators = Array.from({ length: 40 }, (_, i) => `op-${i + 1}`);
  const channels = ['website', 'support', 'sales'];
  const langs = ['en_US', 'fr_FR', 'de_DE', 'es_ES'];
  const tiers = ['main-language', 'extra-language', 'any'];
  const events: SimEvent[] = [];
  let t = 0;
  let visitor = 0;
  for (const op of operators) {
    events.push({
      t,
      type: 'operator.joined',
      operator: op,
      channel: pick(channels),
      reason: 'start',
    });
  }
  while (events.length < count) {
    t = Math.round((t + r() * 2) * 1000) / 1000;
    const x = r();
    const v = `v-${++visitor}`;
    const channel = pick(channels);
    if (x < 0.02) {
      events.push({
        t,
        type: 'operator.status',
        operator: pick(operators),
        status: pick(['online', 'away', 'offline'] as const),
      });
      continue;
    }
    if (x < 0.03) {
      events.push({
        t,
        type: 'operator.left',
        operator: pick(operators),
        channel,
        reason: 'inactivity',
      });
      continue;
    }
    const arrived: SimEvent = {
      t,
      type: 'visitor.arrived',
      visitor: v,
      channel,
      lang: pick(langs),
    };
    if (r() < 0.3) arrived.country = pick(['BE', 'FR', 'DE', 'US']);
    if (r() < 0.1) arrived.previousOperator = pick(operators);
    events.push(arrived);
    if (r() < 0.1) {
      events.push({ t, type: 'visitor.unavailable', visitor: v, channel });
      continue;
    }
    const candidates = Array.from({ length: 1 + Math.floor(r() * 5) }, () => ({
      operator: pick(operators),
      load: Math.floor(r() * 4),
    }));
    const reason: Extract<SimEvent, { type: 'visitor.assigned' }>['reason'] = {
      policy: 'odoo',
      tier: pick(tiers),
      rule: 'least-active',
      candidates,
      ties: 1 + Math.floor(r() * candidates.length),
    };
    if (r() < 0.5)
      reason.excluded = [{ operator: pick(operators), why: pick(['away', 'capacity'] as const) }];
    const operator = candidates[0].operator;
    events.push({ t, type: 'visitor.assigned', visitor: v, operator, channel, reason });
    events.push({ t, type: 'chat.started', visitor: v, operator });
    events.push({ t: t + 300, type: 'chat.ended', visitor: v, operator });
  }
  events.length = count;
  return events;
}

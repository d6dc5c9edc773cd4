/**
 * Scenario transforms: a sweep point is the base scenario with some parameters set. Pure functions
 * returning a new scenario; the base is never changed.
 */
import type { Operator, Scenario, VisitorStream } from '../scenario/types.ts';
import type { ParamName, ParamValue } from './params.ts';

/** A point's parameters, in `--vary` order, e.g. `{ operators: 6, policy: "odoo" }`. */
export type Params = Partial<Record<ParamName, ParamValue>>;

/**
 * `n` operators: n ≤ the scenario's count keeps the first n in scenario order; above it, copies of
 * the scenario's operators are added in order (the first, then the second, …), the k-th copy of an
 * operator with id `<id>-k` (k from 2) and the same languages, channels and activity. A copy's name
 * gets the same suffix so the page can tell them apart.
 */
export function withOperators(scenario: Scenario, n: number): Scenario {
  const base = scenario.operators;
  if (n <= base.length) return { ...scenario, operators: base.slice(0, n) };
  if (base.length === 0) throw new RangeError('the scenario has no operator to copy');
  const taken = new Set(base.map((o) => o.id));
  const operators: Operator[] = [...base];
  for (let k = 0; operators.length < n; k++) {
    const original = base[k % base.length];
    let copy = 2 + Math.floor(k / base.length);
    // A scenario may already use an id like "ana-2": the copy takes the next free number.
    while (taken.has(`${original.id}-${copy}`)) copy++;
    const id = `${original.id}-${copy}`;
    taken.add(id);
    operators.push({
      ...structuredClone(original),
      id,
      name: `${original.name} ${copy}`,
      ...(original.chatName ? { chatName: `${original.chatName} ${copy}` } : {}),
    });
  }
  return { ...scenario, operators };
}

/**
 * Multiplies every visitor stream's arrival rate by `factor`: a constant rate, or every hour of an
 * hourly profile. A replayed trace is what it is: `rateProblems` refuses to scale one.
 */
export function withRate(scenario: Scenario, factor: number): Scenario {
  const scale = (rate: VisitorStream['arrivalsPerHour']) =>
    rate === undefined
      ? undefined
      : typeof rate === 'number'
        ? rate * factor
        : { ...rate, byHour: rate.byHour.map((r) => r * factor) };
  return {
    ...scenario,
    visitors: scenario.visitors.map((s) =>
      s.arrivalsPerHour === undefined ? s : { ...s, arrivalsPerHour: scale(s.arrivalsPerHour) },
    ),
  };
}

/** Why `rate` cannot apply to `scenario`: one line per stream that replays a trace. */
export function rateProblems(scenario: Scenario): string[] {
  return scenario.visitors.flatMap((s, i) =>
    s.arrivals
      ? [`--vary rate: visitors[${i}] replays a recorded trace, whose arrivals cannot be scaled`]
      : [],
  );
}

/** Sets every channel's `maxSessions` (null: unlimited). */
export function withMaxSessions(scenario: Scenario, maxSessions: number | null): Scenario {
  return { ...scenario, channels: scenario.channels.map((c) => ({ ...c, maxSessions })) };
}

/** Sets the inactivity timeout. */
export function withTimeout(scenario: Scenario, timeoutMinutes: number): Scenario {
  return { ...scenario, inactivity: { ...scenario.inactivity, timeoutMinutes } };
}

export function withPolicy(scenario: Scenario, policy: string): Scenario {
  return { ...scenario, policy };
}

const APPLY: { [K in ParamName]: (s: Scenario, value: ParamValue) => Scenario } = {
  operators: (s, v) => withOperators(s, v as number),
  rate: (s, v) => withRate(s, v as number),
  maxSessions: (s, v) => withMaxSessions(s, v as number | null),
  timeoutMinutes: (s, v) => withTimeout(s, v as number),
  policy: (s, v) => withPolicy(s, v as string),
};

/** The scenario of one sweep point: the base with `params` applied (in any order: they commute). */
export function applyParams(scenario: Scenario, params: Params): Scenario {
  let s = scenario;
  for (const [name, value] of Object.entries(params) as [ParamName, ParamValue][]) {
    s = APPLY[name](s, value);
  }
  return s;
}

/**
 * A drawable outline of an XState v5 machine, derived from its definition (`machine.root.states`)
 * so the picture can never drift from the behaviour the engine runs.
 */

export interface ChartTransition {
  event: string;
  targets: string[];
}

export interface ChartNode {
  key: string;
  /** Dotted path from the root, e.g. `online.working`; '' for the root. */
  path: string;
  type: string;
  initial: string | null;
  children: ChartNode[];
  transitions: ChartTransition[];
}

type TargetLike = { key: string; path?: string[] };
type TransitionLike = { target?: readonly TargetLike[] | undefined; eventType?: string };

/** The subset of XState's StateNode this module reads (kept structural so tests can fake it). */
export interface StateNodeLike {
  key: string;
  type: string;
  path?: string[];
  states: Record<string, StateNodeLike>;
  initial?: { target?: readonly { key: string }[] } | undefined;
  /** XState v5 keeps every event (delayed `xstate.after.*` ones included) in this map. */
  transitions?: Map<string, readonly TransitionLike[]>;
  always?: readonly TransitionLike[];
}

const targetName = (t: TargetLike) => (t.path?.length ? t.path.join('.') : t.key);

/** `xstate.after.INACTIVITY.operator.online.idle` → `after INACTIVITY`. */
export function eventLabel(eventType: string): string {
  const m = /^xstate\.after\.([^.]+)/.exec(eventType);
  return m ? `after ${m[1]}` : eventType;
}

export function chartOf(node: StateNodeLike): ChartNode {
  const transitions: ChartTransition[] = [];
  const add = (event: string, defs: readonly TransitionLike[]) => {
    const targets = [...new Set(defs.flatMap((d) => (d.target ?? []).map(targetName)))];
    transitions.push({ event: eventLabel(event), targets });
  };
  for (const [event, defs] of node.transitions ?? []) add(event, defs);
  if (node.always?.length) add('always', node.always);
  return {
    key: node.key,
    path: (node.path ?? []).join('.'),
    type: node.type,
    initial: node.initial?.target?.[0]?.key ?? null,
    children: Object.values(node.states ?? {}).map((c) => chartOf(c)),
    transitions,
  };
}

/**
 * Every active path (and its prefixes) of a state value. Accepts the engine's dotted string
 * (`online.working`, several joined by commas for parallel regions) or an XState state value object.
 */
export function activePaths(value: unknown): Set<string> {
  const out = new Set<string>();
  const addDotted = (s: string) => {
    const parts = s.split('.').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
  };
  const walk = (v: unknown, prefix: string) => {
    if (typeof v === 'string') {
      for (const s of v.split(',')) addDotted(prefix ? `${prefix}.${s.trim()}` : s.trim());
    } else if (v && typeof v === 'object') {
      for (const [k, sub] of Object.entries(v)) {
        const p = prefix ? `${prefix}.${k}` : k;
        addDotted(p);
        walk(sub, p);
      }
    }
  };
  walk(value, '');
  return out;
}

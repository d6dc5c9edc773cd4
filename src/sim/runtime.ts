/**
 * Two ways to execute the same XState machine definitions on the engine's virtual clock:
 *
 * - `ActorRuntime`: real XState actors (`createActor(machine, { clock })`). The reference path.
 * - `CompiledRuntime`: walks the machine's own normalized StateNode tree and calls the
 *   implementations given to `setup()`. No second copy of the logic exists: behaviour is read from
 *   the machine object, and tests check both paths agree (byte-identical engine logs on many seeds,
 *   test/sim/runtime-equivalence; one throwaway machine per feature, test/sim/runtime-features).
 *
 * The compiled path skips what the simulation does not need (snapshots, inspection, actor systems),
 * which is where a naive actor-per-chat engine spends its time (DESIGN.md: ~60k events/s). It runs
 * exactly as XState 5 does (read from XState's own macrostep, microstep, evaluateGuard and
 * scheduler):
 * - compound and final states (a final state in a compound state raises its `onDone` event; a
 *   final state of the machine runs the exit actions of every active state and cancels its timers);
 * - `on` transitions with exact, `*` and `foo.*` descriptors (exact first, then longer wildcards),
 *   `always`, `after`, targetless transitions, `reenter`;
 * - guards: named, inline, `{ type, params }` with static or function params, `and`, `or`, `not`,
 *   `stateIn` (by `#id` or by path);
 * - actions: named, inline, `{ type, params }` with static or function params; `assign` (a
 *   function or an object of partial updaters); `raise` (immediate, or delayed, with an event object
 *   or a function of context and event, a numeric, named or function delay, an id); `cancel`;
 * - XState's order of effects: the first macrostep's guards and delays are evaluated before its
 *   custom actions run; timers are set and cancelled when a macrostep ends; an event sent to a
 *   machine from inside one of its own actions waits until its macrostep ends (XState's mailbox);
 *   `always` is re-checked after every event, and after an eventless step only if it changed the
 *   state or the context; a static context is one object shared by every instance, a context
 *   factory's result is copied; an action that throws ends the step with that error (the actor
 *   path rethrows it too).
 *
 * It refuses, when it is built, with `CompiledRuntime cannot run <feature> in state '<id>'`:
 * parallel and history states, `invoke`, `output`, actions on an initial transition, transitions
 * with several targets, `sendTo`/`sendParent`/`forwardTo`, `emit`, `log`, `enqueueActions`,
 * `spawnChild`, `stopChild`, actions or guards without an implementation, `stateIn` of an unknown
 * id, and any action, delay or raise/cancel function that reads `self` or `system` (or `spawn`:
 * `assign` and the context factory) from its argument: those need an actor (a use hidden from that
 * reading throws when it runs).
 *
 * Two differences remain, both loud: where XState would loop forever (an `always` or raise cycle
 * without `maxIterations`), the compiled path throws after 100,000 microsteps; a guard that throws
 * surfaces with its own message, where XState wraps it ("Unable to evaluate guard ...").
 * Actions must not keep their argument object: it is reused from one call to the next.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { and, createActor, not, or, stateIn, type AnyStateMachine } from 'xstate';
import { EventQueue, fireTime, type Scheduled, type XStateClock } from './clock.ts';
import { removeAt } from './lists.ts';

/** Heap entry kinds used by the runtimes. The engine uses kinds from 10 upward. */
export const KIND_TIMER = 1;
export const KIND_CALLBACK = 2;

/** What a runtime needs from the world: the clock and the queue. */
export interface RuntimeClock {
  /** Current simulated seconds. */
  time(): number;
  queue: EventQueue;
}

export interface Instance<C = unknown> {
  context: C;
  /** Current atomic state (compiled path; the actor path reads its snapshot). */
  leaf: unknown;
  done: boolean;
  /** A macrostep of this instance is in progress: what is sent to it meanwhile waits its turn. */
  stepping: boolean;
  /**
   * The argument object the compiled path gives this instance's actions, reused from call to call
   * (null on the actor path). One per instance, made with it: storing a young context or event
   * into a long-lived shared object would cost a write barrier at every action.
   */
  args: { context: unknown; event: unknown } | null;
  /** The runtime executing this instance. */
  runtime: MachineRuntime<C, any>;
  /** Pending `after` timers; each entry's `aux` has the timer's `id` (XState's after event type). */
  timers: Scheduled<unknown>[] | null;
  actor?: {
    send(e: unknown): void;
    getSnapshot(): { value: unknown; status: string; hasTag(tag: string): boolean };
  };
}

export interface MachineRuntime<C, E extends { type: string }> {
  /** Starts a machine with `input` (the world's record for this actor). */
  start(input: C): Instance<C>;
  send(instance: Instance<C>, event: E): void;
  /** The current state as a dotted path, e.g. `online.idle`. */
  stateOf(instance: Instance<C>): string;
  /** Whether the current state (or an ancestor) has the tag: XState's `snapshot.hasTag`. */
  hasTag(instance: Instance<C>, tag: string): boolean;
  /**
   * `hasTag` for one tag, resolved once: the engine asks "assignable?" of every channel member for
   * every visitor, and the compiled path answers it with one bit test instead of a lookup.
   */
  tagTest(tag: string): (instance: Instance<C>) => boolean;
  /** When the pending `after: { [delay]: … }` timer fires (simulated seconds), or null if none runs. */
  timerTime(instance: Instance<C>, delay: string): number | null;
  /** Fires a timer entry popped from the queue. */
  fire(entry: Scheduled): void;
}

// ---------------------------------------------------------------------------------------------
// Structural views of XState's internal StateNode / TransitionDefinition (v5). We only read them.

interface StateNodeLike {
  key: string;
  id: string;
  path: string[];
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  parent?: StateNodeLike;
  order: number;
  states: Record<string, StateNodeLike>;
  initial: { target: StateNodeLike[]; actions: unknown[] };
  entry: unknown[];
  exit: unknown[];
  tags: string[];
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
  invoke: unknown[];
  output?: unknown;
  config: { output?: unknown };
}
interface TransitionLike {
  source: StateNodeLike;
  target?: StateNodeLike[];
  actions: unknown[];
  guard?: unknown;
  reenter: boolean;
  eventType: string;
}

function isDescendant(child: StateNodeLike, parent: StateNodeLike): boolean {
  for (let p = child.parent; p; p = p.parent) if (p === parent) return true;
  return false;
}

function properAncestors(node: StateNodeLike): StateNodeLike[] {
  const out: StateNodeLike[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

/** XState's getTransitionDomain, restricted to single targets (null: above the root). */
function domainOf(t: TransitionLike, root: StateNodeLike): StateNodeLike | null {
  const target = t.target![0];
  if (!t.reenter && (target === t.source || isDescendant(target, t.source))) return t.source;
  // The least common proper ancestor of target and source: a `reenter` transition into a child
  // of its source exits and re-enters the source.
  for (const anc of properAncestors(target)) if (isDescendant(t.source, anc)) return anc;
  return t.reenter ? null : root;
}

function defaultDescendants(node: StateNodeLike, out: StateNodeLike[]): void {
  if (node.type === 'compound') {
    const initial = node.initial.target[0];
    out.push(initial);
    defaultDescendants(initial, out);
  }
}

/** XState's matchesEventDescriptor for a descriptor other than the event type itself. */
function wildcardMatches(eventType: string, descriptor: string): boolean {
  if (descriptor === '*') return true;
  if (!descriptor.endsWith('.*')) return false;
  const partial = descriptor.split('.');
  const tokens = eventType.split('.');
  for (let i = 0; i < partial.length; i++) {
    if (partial[i] === '*') return i === partial.length - 1;
    if (partial[i] !== tokens[i]) return false;
  }
  return true;
}

/** The refusal every unsupported feature gets, when the runtime is built. */
function refuse(feature: string, node: StateNodeLike): never {
  throw new Error(`CompiledRuntime cannot run ${feature} in state '${node.id}'`);
}

/**
 * Whether `fn` reads one of `names` (e.g. `self`) from its first argument: destructured
 * (`({ context, self }) => ...`) or as a property (`(args) => args.self.send(...)`). XState gives
 * actions their actor (`self`, `system`) and assigners `spawn`; the compiled path has no actor, so
 * such a function is refused when the runtime is built. A use this reading misses (the argument
 * passed on whole) still fails loudly: the compiled argument object throws when they are read.
 */
function readsArgument(fn: unknown, names: readonly string[]): string | null {
  if (typeof fn !== 'function') return null;
  const src = Function.prototype.toString.call(fn);
  const alt = names.join('|');
  const open = /^\s*(?:async\s*)?(?:function\b\s*\*?\s*[\w$]*\s*|[\w$]+\s*)?\(\s*/.exec(src);
  if (open && src[open[0].length] === '{') {
    // A destructuring pattern: find its closing brace.
    let depth = 0;
    let i = open[0].length;
    for (; i < src.length; i++) {
      if (src[i] === '{') depth++;
      else if (src[i] === '}' && --depth === 0) break;
    }
    const m = new RegExp(`[{,]\\s*(${alt})\\s*[,}:=]`).exec(src.slice(open[0].length, i + 1));
    return m ? m[1] : null;
  }
  const ident = open
    ? /^[\w$]+/.exec(src.slice(open[0].length))
    : /^\s*(?:async\s+)?([\w$]+)\s*=>/.exec(src);
  if (!ident) return null;
  const name = open ? ident[0] : ident[1];
  const m = new RegExp(
    `(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*(?:\\.\\s*(${alt})\\b|\\[\\s*['"\`](${alt})['"\`])`,
  ).exec(src);
  return m ? (m[1] ?? m[2]) : null;
}

type ActionFn = (args: any, params: any) => void;
type GuardFn = (args: any, params: any) => boolean;

const CUSTOM = 0;
const CUSTOM_DYNAMIC_PARAMS = 1;
const RAISE = 2;
const CANCEL = 3;
const ASSIGN = 4;
/** A raise with a static event and a numeric or named delay (`params`: the delay's definition). */
const AFTER = 5;
/** A cancel with a static id (`params`: the id). */
const CANCEL_ID = 6;

/** One resolved action: a custom implementation, or one of the built-ins the compiled path runs. */
interface Step {
  kind: number;
  /** CUSTOM*: the implementation. */
  fn: ActionFn | null;
  /** Static params, or (CUSTOM_DYNAMIC_PARAMS and built-ins) XState's `params` as written. */
  params: unknown;
  /** RAISE, CANCEL, ASSIGN: XState's built-in action object (its event, delay, id, assignment). */
  builtin: any;
}

/** A StateNode resolved once: actions and guards bound to their implementations. */
interface CompiledNode {
  node: StateNodeLike;
  parent: CompiledNode | null;
  path: string;
  final: boolean;
  /** Its tags and its ancestors': the tags of the snapshot while it is the active leaf. */
  tags: ReadonlySet<string>;
  /** The same tags as bits (`tagBit`); a tag past the 31st has no bit and is read from `tags`. */
  tagMask: number;
  entry: Step[];
  exit: Step[];
  /** Candidate transitions by event type (exact descriptor first, then matching wildcards). */
  on: Map<string, CompiledTransition[]>;
  /** Wildcard descriptors (`*`, `foo.*`), longest first, or null: event types found later. */
  wild: [string, CompiledTransition[]][] | null;
  always: CompiledTransition[] | null;
  /** This state or an ancestor has `always` transitions. */
  settles: boolean;
  /** Final state in a compound state: the `xstate.done.state.<parent>` event it raises. */
  doneEvent: { type: string; output: undefined } | null;
  /** Final state of the machine: exit actions of every active state when the machine finishes. */
  doneExit: Step[] | null;
  /**
   * An event's candidate transitions from this state up to the root, in XState's order (this
   * state's first): one lookup per event instead of one per ancestor. `lastType` and `lastList`
   * hold the last one asked for, since a state mostly receives the same event again.
   */
  upward: Map<string, CompiledTransition[]>;
  lastType: string | null;
  lastList: CompiledTransition[];
}

/** Most event types an `upward` table keeps per state (a machine fed arbitrary types stays bounded). */
const UPWARD_TYPES = 256;

interface CompiledTransition {
  guard: GuardFn | null;
  guardParams: unknown;
  actions: Step[];
  /** Targetless: actions only, no exit or entry. */
  targetless: boolean;
  /** Domain of the transition: states strictly inside it are exited and entered. */
  domain: CompiledNode | null;
  /** States to enter, top-down (targets' ancestors inside the domain, target, default descendants). */
  enter: CompiledNode[];
}

/** The pending timer operations (`pendingOps`: operation and delay, two numbers each). */
const SCHEDULE = 0;
const UNSCHEDULE = 1;

function noActor(name: string): never {
  throw new Error(`CompiledRuntime cannot provide \`${name}\`: it runs no actor`);
}

/**
 * Argument object whose `self`/`system`/`spawn` fail loudly instead of reading `undefined`. The
 * getters sit on its prototype: own accessors made every action call measurably slower.
 */
function argumentObject(names: readonly string[]): { context: unknown; event: unknown } {
  const proto = {};
  for (const name of names)
    Object.defineProperty(proto, name, { get: () => noActor(name), enumerable: true });
  const args = Object.create(proto) as { context: unknown; event: unknown };
  args.context = null;
  args.event = null;
  return args;
}

/** The actions' argument: `self` and `system` fail loudly (getters on the prototype, see above). */
class ActionArgs {
  constructor(
    public context: unknown,
    public event: unknown,
  ) {}
}
for (const name of ['self', 'system'])
  Object.defineProperty(ActionArgs.prototype, name, { get: () => noActor(name), enumerable: true });

// `and`, `or`, `not` and `stateIn` are recognised by XState's own check functions.
const CHECK_AND = (and([]) as any).check;
const CHECK_OR = (or([]) as any).check;
const CHECK_NOT = (not('') as any).check;
const CHECK_STATE_IN = (stateIn('') as any).check;

/**
 * Runs machine definitions by walking their StateNode tree, resolved once into a mirror tree whose
 * actions and guards point straight at the `setup()` implementations.
 */
export class CompiledRuntime<C, E extends { type: string }> implements MachineRuntime<C, E> {
  private readonly root: CompiledNode;
  private readonly byNode = new Map<StateNodeLike, CompiledNode>();
  private readonly tagBits = new Map<string, number>();
  private readonly actions: Record<string, unknown>;
  private readonly guards: Record<string, unknown>;
  private readonly delays: Record<string, unknown>;
  /** Guards and `params` functions get `{ context, event }` only, as in XState. */
  private readonly guardArgs = { context: null as unknown, event: null as unknown };
  private readonly assignArgs = argumentObject(['self', 'system', 'spawn']);
  private readonly contextArgs = argumentObject(['spawn', 'self']) as unknown as { input: unknown };
  private readonly initialEnter: CompiledNode[];
  private readonly contextFactory: unknown;
  private readonly maxIterations: number;
  /** The first macrostep runs custom actions only: nothing to defer them past. */
  private readonly simpleStart: boolean;
  /**
   * Timer operations of the macrosteps in progress, run when each ends (XState defers them):
   * operation and delay in `pendingOps`, what to schedule or cancel in `pendingWhat`. All those
   * recorded since a macrostep began are its own instance's (another instance's macrostep, begun
   * by an action, runs and clears its own before returning), so the instance is not recorded: the
   * lists are long-lived and every young object stored into them costs a write barrier.
   */
  private pendingOps = new Float64Array(64);
  private readonly pendingWhat: unknown[] = [];
  private pendingTop = 0;
  /** Custom actions of a starting machine, run after its first macrostep (XState defers them). */
  private readonly deferred: unknown[] = [];
  private deferredTop = 0;
  private deferCustom = false;
  /** Macrosteps in progress (nested when an action sends to another instance). */
  private activeTop = 0;
  /** Events sent to an instance during its own macrostep (XState's mailbox), or null: none. */
  private mailboxes: Map<Instance<C>, E[]> | null = null;
  /** Events raised (without delay) in the current macrostep. */
  private raised: unknown[] | null = null;
  /** The instance whose guards are evaluated (for `stateIn`). */
  private guardInstance: Instance<C> | null = null;

  constructor(
    machine: AnyStateMachine,
    private readonly clock: RuntimeClock,
  ) {
    const root = machine.root as unknown as StateNodeLike;
    const impl = machine.implementations as any;
    this.actions = impl.actions;
    this.guards = impl.guards;
    this.delays = impl.delays;
    this.maxIterations = (machine as any).options?.maxIterations ?? Infinity;
    const factory = (machine.config as any).context;
    const used = readsArgument(factory, ['spawn', 'self']);
    if (used) refuse(`\`${used}\` in the context factory`, root);
    this.contextFactory = factory;
    this.root = this.mirror(root, null);
    this.link(this.root, root);
    const initial: StateNodeLike[] = [root];
    defaultDescendants(root, initial);
    this.initialEnter = initial.map((n) => this.byNode.get(n)!);
    const last = this.initialEnter[this.initialEnter.length - 1];
    this.simpleStart =
      !last.settles &&
      this.maxIterations >= 1 &&
      [...this.initialEnter.flatMap((n) => n.entry), ...(last.doneExit ?? [])].every(
        (step) => step.kind === CUSTOM,
      );
  }

  /** The bit of a tag in `tagMask`, given in order of first appearance; 0 past the 31st tag. */
  private tagBit(tag: string): number {
    let bit = this.tagBits.get(tag);
    if (bit === undefined) {
      bit = this.tagBits.size < 31 ? 1 << this.tagBits.size : 0;
      this.tagBits.set(tag, bit);
    }
    return bit;
  }

  private mirror(node: StateNodeLike, parent: CompiledNode | null): CompiledNode {
    if (node.type === 'parallel') refuse('a parallel state', node);
    if (node.type === 'history') refuse('a history state', node);
    if (node.invoke.length > 0) refuse('invoke', node);
    if (node.initial?.actions.length > 0) refuse('actions on the initial transition', node);
    if (node.config.output !== undefined) refuse('output', node);
    const c: CompiledNode = {
      node,
      parent,
      path: node.path.join('.'),
      final: node.type === 'final',
      tags: new Set([...(parent?.tags ?? []), ...node.tags]),
      tagMask: 0,
      entry: this.steps(node.entry, node),
      exit: this.steps(node.exit, node),
      on: new Map(),
      wild: null,
      always: null,
      settles: false,
      doneEvent: null,
      doneExit: null,
      upward: new Map(),
      lastType: null,
      lastList: [],
    };
    if (c.final && parent) {
      if (parent.parent)
        c.doneEvent = { type: `xstate.done.state.${parent.node.id}`, output: undefined };
      else c.doneExit = [...c.exit, ...parent.exit];
    }
    for (const tag of c.tags) c.tagMask |= this.tagBit(tag);
    this.byNode.set(node, c);
    for (const child of Object.values(node.states)) this.mirror(child, c);
    return c;
  }

  /** Transitions need every node mirrored first (their targets and domains). */
  private link(c: CompiledNode, node: StateNodeLike): void {
    const byDescriptor = new Map<string, CompiledTransition[]>();
    for (const [type, list] of node.transitions)
      byDescriptor.set(
        type,
        list.map((t) => this.transition(t)),
      );
    // XState's getCandidates: the exact descriptor's transitions, then every matching wildcard's,
    // longest descriptor first.
    const wild = [...byDescriptor]
      .filter(([d]) => d === '*' || d.endsWith('.*'))
      .sort((a, b) => b[0].length - a[0].length);
    if (wild.length > 0) c.wild = wild;
    for (const [type, list] of byDescriptor) c.on.set(type, this.candidates(c, type, list));
    if (node.always) c.always = node.always.map((t) => this.transition(t));
    c.settles = c.always !== null || (c.parent !== null && c.parent.settles);
    for (const child of Object.values(node.states)) this.link(this.byNode.get(child)!, child);
  }

  private candidates(
    c: CompiledNode,
    type: string,
    exact: CompiledTransition[] | undefined,
  ): CompiledTransition[] {
    if (c.wild === null) return exact ?? [];
    const out = exact ? exact.slice() : [];
    for (const [d, list] of c.wild) if (d !== type && wildcardMatches(type, d)) out.push(...list);
    return out;
  }

  private transition(t: TransitionLike): CompiledTransition {
    let guard: GuardFn | null = null;
    let guardParams: unknown;
    if (t.guard !== undefined) [guard, guardParams] = this.guard(t.guard, t.source);
    const actions = this.steps(t.actions, t.source);
    if (!t.target || t.target.length === 0)
      return { guard, guardParams, actions, targetless: true, domain: null, enter: [] };
    if (t.target.length > 1) refuse('a transition with several targets', t.source);
    const domain = domainOf(t, this.root.node);
    const target = t.target[0];
    const chain: StateNodeLike[] = [];
    for (let n: StateNodeLike | undefined = target; n && n !== domain; n = n.parent) chain.push(n);
    const enter: StateNodeLike[] = [];
    // An internal transition to the source itself does not re-enter it.
    if (!(domain === target && !t.reenter)) enter.push(...chain.reverse());
    defaultDescendants(target, enter);
    return {
      guard,
      guardParams,
      actions,
      targetless: false,
      domain: domain ? this.byNode.get(domain)! : null,
      enter: enter.map((n) => this.byNode.get(n)!),
    };
  }

  /** XState's evaluateGuard, resolved once: the implementation and its params. */
  private guard(g: any, node: StateNodeLike): [GuardFn, unknown] {
    if (typeof g === 'function')
      return 'check' in g ? [this.builtinGuard(g, node), undefined] : [g, undefined];
    const name: string = typeof g === 'string' ? g : g.type;
    const impl = this.guards[name] as any;
    if (!impl) refuse(`guard '${name}' (no implementation)`, node);
    // A guard implemented by another guard reference: XState evaluates that one, its own params.
    if (typeof impl !== 'function') return this.guard(impl, node);
    if ('check' in impl) return [this.builtinGuard(impl, node), undefined];
    const params = typeof g === 'object' && 'params' in g ? g.params : undefined;
    if (typeof params === 'function')
      return [
        (args: any) => impl(args, params({ context: args.context, event: args.event })),
        undefined,
      ];
    return [impl, params];
  }

  private builtinGuard(b: any, node: StateNodeLike): GuardFn {
    if (b.check === CHECK_STATE_IN) {
      const target = this.stateInTarget(b.stateValue, node);
      return () => this.isActive(this.guardInstance!, target);
    }
    const inner = (b.guards as unknown[]).map((g) => this.guard(g, node));
    if (b.check === CHECK_NOT) {
      const [f, p] = inner[0];
      return (args: any) => !f(args, p);
    }
    if (b.check === CHECK_AND)
      return (args: any) => {
        for (const [f, p] of inner) if (!f(args, p)) return false;
        return true;
      };
    if (b.check === CHECK_OR)
      return (args: any) => {
        for (const [f, p] of inner) if (f(args, p)) return true;
        return false;
      };
    return refuse('an unknown built-in guard', node);
  }

  /** The state `stateIn(...)` asks about (null: no such state, never active, as in XState). */
  private stateInTarget(value: unknown, node: StateNodeLike): CompiledNode | null {
    if (typeof value === 'string' && value.startsWith('#')) {
      const id = value.slice(1);
      for (const [n, c] of this.byNode) if (n.id === id) return c;
      return refuse(`stateIn('${value}') (no such state)`, node);
    }
    const path: string[] = [];
    for (let v: unknown = value; v !== undefined;) {
      if (typeof v === 'string') {
        path.push(...v.split('.'));
        break;
      }
      const keys = Object.keys(v as object);
      if (keys.length !== 1) refuse('stateIn with a parallel state value', node);
      path.push(keys[0]);
      v = (v as Record<string, unknown>)[keys[0]];
    }
    let n: StateNodeLike | undefined = this.root.node;
    for (const key of path) n = n?.states[key];
    return n ? this.byNode.get(n)! : null;
  }

  private isActive(inst: Instance<C>, target: CompiledNode | null): boolean {
    for (let n: CompiledNode | null = inst.leaf as CompiledNode; n; n = n.parent)
      if (n === target) return true;
    return false;
  }

  private steps(actions: unknown[], node: StateNodeLike): Step[] {
    return actions.map((a) => this.step(a, node));
  }

  /** XState's resolveAndExecuteActionsWithContext, resolved once for one action. */
  private step(a: any, node: StateNodeLike): Step {
    const name: string =
      typeof a === 'string' ? a : typeof a === 'function' ? (a.type ?? a.name) : a.type;
    const impl = typeof a === 'function' ? a : (this.actions[name] as any);
    if (!impl) refuse(`action '${name}' (no implementation)`, node);
    const params = typeof a === 'object' && 'params' in a ? a.params : undefined;
    if (!('resolve' in impl)) {
      const used = readsArgument(impl, ['self', 'system']);
      if (used) refuse(`\`${used}\` in action '${name || '(anonymous)'}'`, node);
      const kind = typeof params === 'function' ? CUSTOM_DYNAMIC_PARAMS : CUSTOM;
      return { kind, fn: impl, params, builtin: null };
    }
    const builtin = impl;
    const refuseUses = (fn: unknown, names: string[], what: string) => {
      const used = readsArgument(fn, names);
      if (used) refuse(`\`${used}\` in ${what}`, node);
    };
    switch (builtin.type) {
      case 'xstate.raise':
        if (typeof builtin.event === 'string')
          refuse(`raise('${builtin.event}') (not an event object)`, node);
        refuseUses(builtin.event, ['self', 'system'], 'a raised event');
        refuseUses(builtin.delay, ['self', 'system'], 'a raise delay');
        if (typeof builtin.delay === 'string')
          refuseUses(this.delays[builtin.delay], ['self', 'system'], `delay '${builtin.delay}'`);
        // The raise/cancel pairs XState makes for `after` (a static event, a named or numeric
        // delay, no params) take a shorter path.
        if (typeof builtin.event !== 'function' && params === undefined) {
          if (typeof builtin.delay === 'number')
            return { kind: AFTER, fn: null, params: builtin.delay, builtin };
          if (typeof builtin.delay === 'string')
            return { kind: AFTER, fn: null, params: this.delays[builtin.delay], builtin };
        }
        return { kind: RAISE, fn: null, params, builtin };
      case 'xstate.cancel':
        refuseUses(builtin.sendId, ['self', 'system'], 'a cancel id');
        if (typeof builtin.sendId === 'string' && params === undefined)
          return { kind: CANCEL_ID, fn: null, params: builtin.sendId, builtin };
        return { kind: CANCEL, fn: null, params, builtin };
      case 'xstate.assign': {
        const fns =
          typeof builtin.assignment === 'function'
            ? [builtin.assignment]
            : Object.values(builtin.assignment as object);
        for (const fn of fns) refuseUses(fn, ['self', 'system', 'spawn'], 'assign');
        return { kind: ASSIGN, fn: null, params, builtin };
      }
      default:
        // sendTo, sendParent, forwardTo, emit, log, enqueueActions, spawnChild, stopChild: they
        // need an actor, an actor system, listeners or a logger, none of which the compiled path has.
        return refuse(`action '${builtin.type}'`, node);
    }
  }

  start(input: C): Instance<C> {
    // XState: a context factory's result is copied into a new object; a static context is shared.
    const f = this.contextFactory as any;
    const initEvent = { type: 'xstate.init', input };
    const context = typeof f === 'function' ? { ...f(this.factoryArgs(input)) } : f ? f : {};
    const inst: Instance<C> = {
      context: context as C,
      leaf: this.root,
      done: false,
      stepping: false,
      args: new ActionArgs(context, null),
      runtime: this,
      timers: null,
    };
    if (this.simpleStart && this.activeTop === 0) {
      // The first macrostep runs custom actions only (nothing to defer them past), and no other
      // macrostep is in progress.
      inst.stepping = true;
      this.activeTop = 1;
      try {
        this.enter(inst, this.initialEnter, initEvent);
        if (this.pendingTop !== 0) this.runPending(inst, 0);
      } catch (err) {
        this.unwind(inst, 0, -1, false, null, false);
        throw err;
      }
      this.endTopLevel(inst);
      return inst;
    }
    // XState computes the first macrostep before the actor runs: custom actions wait until it ends
    // (which changes nothing when they are all it runs).
    const outerDefer = this.deferCustom;
    this.deferCustom = !this.simpleStart;
    try {
      this.macrostep(inst, initEvent, true, this.simpleStart ? -1 : this.deferredTop);
    } finally {
      this.deferCustom = outerDefer;
    }
    if (this.mailboxes !== null) this.afterMacrostep(inst);
    return inst;
  }

  private factoryArgs(input: unknown): { input: unknown } {
    const args = this.contextArgs;
    args.input = input;
    return args;
  }

  send(inst: Instance<C>, event: E): void {
    if (inst.done) return;
    if (this.activeTop !== 0) {
      this.sendNested(inst, event);
      return;
    }
    // The common case, no macrostep in progress: the macrostep below without saving any state.
    const type = event.type;
    if (type === '*') throw new Error(`An event cannot have the wildcard type ('*')`);
    inst.stepping = true;
    this.activeTop = 1;
    try {
      const t = this.select(inst, event, type);
      if (t !== null) this.microstep(inst, t, event);
      if ((inst.leaf as CompiledNode).settles || this.raised !== null || this.maxIterations < 1) {
        this.settle(inst, event);
        this.raised = null;
      }
      if (this.pendingTop !== 0) this.runPending(inst, 0);
    } catch (err) {
      this.unwind(inst, 0, -1, false, null, false);
      throw err;
    }
    this.endTopLevel(inst);
  }

  /**
   * The end of a macrostep begun with none in progress: a finished machine's timers are cancelled,
   * then the events sent to it meanwhile are handled.
   */
  private endTopLevel(inst: Instance<C>): void {
    if (inst.done && inst.timers !== null) this.stopTimers(inst);
    inst.stepping = false;
    this.activeTop = 0;
    if (this.mailboxes !== null) this.afterMacrostep(inst);
  }

  /** An event sent while a macrostep is in progress (an action sent it). */
  private sendNested(inst: Instance<C>, event: E): void {
    // An event sent to a machine while it runs one of its actions waits its turn (XState's mailbox).
    if (inst.stepping) {
      const mailboxes = (this.mailboxes ??= new Map());
      const mailbox = mailboxes.get(inst);
      if (mailbox) mailbox.push(event);
      else mailboxes.set(inst, [event]);
      return;
    }
    this.macrostep(inst, event, false, -1);
    if (this.mailboxes !== null) this.afterMacrostep(inst);
  }

  /** Events that arrived during a macrostep, in order, until the machine finishes. */
  private afterMacrostep(inst: Instance<C>): void {
    const mailbox = this.mailboxes!.get(inst);
    if (mailbox === undefined) return;
    while (mailbox.length > 0 && !inst.done) this.macrostep(inst, mailbox.shift() as E, false, -1);
    this.mailboxes!.delete(inst);
    if (this.mailboxes!.size === 0) this.mailboxes = null;
  }

  /** A finished machine's timers are all cancelled (XState's stop procedure). */
  private stopTimers(inst: Instance<C>): void {
    for (const entry of inst.timers!) this.clock.queue.cancel(entry);
    inst.timers = null;
  }

  fire(entry: Scheduled): void {
    const inst = entry.payload as Instance<C>;
    const aux = entry.aux as { event: E; id: unknown };
    // XState's scheduler forgets the timer registered under this id, then delivers the event.
    this.unregister(inst, aux.id, entry as Scheduled<Instance>);
    this.send(inst, aux.event);
  }

  stateOf(inst: Instance<C>): string {
    return (inst.leaf as CompiledNode).path;
  }

  hasTag(inst: Instance<C>, tag: string): boolean {
    return (inst.leaf as CompiledNode).tags.has(tag);
  }

  tagTest(tag: string): (inst: Instance<C>) => boolean {
    const bit = this.tagBits.get(tag) ?? 0;
    if (bit === 0) return (inst) => (inst.leaf as CompiledNode).tags.has(tag);
    return (inst) => ((inst.leaf as CompiledNode).tagMask & bit) !== 0;
  }

  timerTime(inst: Instance<C>, delay: string): number | null {
    return pendingAfter(inst, delay);
  }

  /**
   * XState's macrostep: the event's transition, then `always` transitions and raised events until
   * none is enabled; then the timers it scheduled or cancelled. `deferredBase` >= 0: a starting
   * machine, whose custom actions run after its first macrostep.
   */
  private macrostep(inst: Instance<C>, event: any, initial: boolean, deferredBase: number): void {
    // Another machine's macrostep may be in progress (its action sent this event): keep its state.
    const outerRaised = this.raised;
    const outerDefer = this.deferCustom;
    const pendingBase = this.pendingTop;
    if (!initial && event.type === '*')
      throw new Error(`An event cannot have the wildcard type ('*')`);
    this.raised = null;
    if (!initial) this.deferCustom = false;
    this.activeTop++;
    const outerStepping = inst.stepping;
    inst.stepping = true;
    try {
      if (initial) {
        this.enter(inst, this.initialEnter, event);
      } else {
        const t = this.select(inst, event, event.type);
        if (t !== null) this.microstep(inst, t, event);
      }
      if ((inst.leaf as CompiledNode).settles || this.raised !== null || this.maxIterations < 1)
        this.settle(inst, event);
      this.raised = outerRaised;
      if (deferredBase >= 0) this.runDeferred(deferredBase);
      if (this.pendingTop > pendingBase) this.runPending(inst, pendingBase);
    } catch (err) {
      this.unwind(inst, pendingBase, deferredBase, outerStepping, outerRaised, outerDefer);
      throw err;
    }
    if (inst.done && inst.timers !== null) this.stopTimers(inst);
    inst.stepping = outerStepping;
    this.activeTop--;
    this.deferCustom = outerDefer;
  }

  /**
   * An action threw, and whoever sent the event may catch it: the step leaves nothing behind. Its
   * timer operations and deferred actions are dropped (XState drops a failed step's deferred work),
   * so no other instance's step inherits them, and the instance is no longer counted as stepping.
   */
  private unwind(
    inst: Instance<C>,
    pendingBase: number,
    deferredBase: number,
    outerStepping: boolean,
    outerRaised: unknown[] | null,
    outerDefer: boolean,
  ): void {
    for (let i = pendingBase; i < this.pendingTop; i++) this.pendingWhat[i] = undefined;
    this.pendingTop = pendingBase;
    if (deferredBase >= 0) this.deferredTop = deferredBase;
    this.raised = outerRaised;
    this.deferCustom = outerDefer;
    inst.stepping = outerStepping;
    this.activeTop--;
  }

  /** `always` transitions and raised events, until none is enabled (XState's macrostep loop). */
  private settle(inst: Instance<C>, event: unknown): void {
    let current = event;
    let eventless = true;
    for (let iterations = 1; !inst.done; iterations++) {
      if (iterations > this.maxIterations)
        throw new Error(
          `Infinite loop detected: the machine has processed more than ${this.maxIterations} microsteps without reaching a stable state. This usually happens when there's a cycle of transitions (e.g., eventless transitions or raised events causing state A -> B -> C -> A).`,
        );
      if (iterations > 100_000)
        throw new Error(
          `CompiledRuntime: more than 100000 microsteps without a stable state in state '${(inst.leaf as CompiledNode).node.id}' (an \`always\` or raise loop; XState would loop forever)`,
        );
      const leaf = inst.leaf as CompiledNode;
      let t: CompiledTransition | null = null;
      if (eventless && leaf.settles)
        for (let n: CompiledNode | null = leaf; n && !t; n = n.parent)
          if (n.always) t = this.firstEnabled(inst, n.always, current);
      if (t !== null) {
        // XState selects eventless transitions again only if the step changed the snapshot.
        const context = inst.context;
        this.microstep(inst, t, current);
        eventless = inst.leaf !== leaf || inst.context !== context;
        continue;
      }
      const raised = this.raised;
      if (raised === null || raised.length === 0) return;
      current = raised.shift();
      const chosen = this.select(inst, current as E, (current as E).type);
      if (chosen !== null) this.microstep(inst, chosen, current);
      eventless = true;
    }
  }

  /** XState's transition selection: the first enabled candidate, from the leaf up to the root. */
  private select(inst: Instance<C>, event: E, type: string): CompiledTransition | null {
    const leaf = inst.leaf as CompiledNode;
    let list: CompiledTransition[];
    if (leaf.lastType === type) list = leaf.lastList;
    else {
      list = leaf.upward.get(type) ?? this.upwardCandidates(leaf, type);
      leaf.lastType = type;
      leaf.lastList = list;
    }
    return list.length === 0 ? null : this.firstEnabled(inst, list, event);
  }

  /** The candidates of each state from `leaf` up to the root, one list (kept in `upward`). */
  private upwardCandidates(leaf: CompiledNode, type: string): CompiledTransition[] {
    const list: CompiledTransition[] = [];
    for (let n: CompiledNode | null = leaf; n; n = n.parent) {
      const own = n.on.get(type) ?? (n.wild !== null ? this.candidates(n, type, undefined) : null);
      if (own !== null) list.push(...own);
    }
    if (leaf.upward.size < UPWARD_TYPES) leaf.upward.set(type, list);
    return list;
  }

  private firstEnabled(
    inst: Instance<C>,
    list: CompiledTransition[],
    event: unknown,
  ): CompiledTransition | null {
    for (const t of list) {
      if (t.guard === null) return t;
      const args = this.guardArgs;
      args.context = inst.context;
      args.event = event;
      this.guardInstance = inst;
      if (t.guard(args, t.guardParams)) return t;
    }
    return null;
  }

  private microstep(inst: Instance<C>, t: CompiledTransition, event: unknown): void {
    if (t.targetless) {
      this.run(inst, t.actions, event);
      return;
    }
    // Exit, deepest first, every active state strictly inside the domain.
    for (let n: CompiledNode | null = inst.leaf as CompiledNode; n && n !== t.domain; n = n.parent)
      this.run(inst, n.exit, event);
    this.run(inst, t.actions, event);
    this.enter(inst, t.enter, event);
  }

  private enter(inst: Instance<C>, nodes: CompiledNode[], event: unknown): void {
    for (const n of nodes) {
      inst.leaf = n;
      this.run(inst, n.entry, event);
      if (n.final) {
        if (n.doneEvent !== null) (this.raised ??= []).push(n.doneEvent);
        else {
          inst.done = true;
          // XState runs the exit actions of every active state when the machine finishes.
          if (n.doneExit!.length > 0) this.run(inst, n.doneExit!, event);
        }
      }
    }
  }

  private run(inst: Instance<C>, steps: Step[], event: unknown): void {
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      const kind = step.kind;
      if (kind === CUSTOM) this.custom(inst, step.fn!, step.params, event);
      else if (kind === AFTER) this.after(inst, step, event);
      else if (kind === CANCEL_ID) this.defer(UNSCHEDULE, step.params, 0);
      else this.builtin(inst, step, event);
    }
  }

  private custom(inst: Instance<C>, fn: ActionFn, params: unknown, event: unknown): void {
    if (this.deferCustom) {
      const d = this.deferred;
      const k = this.deferredTop;
      d[k] = fn;
      d[k + 1] = params;
      d[k + 2] = inst.context;
      d[k + 3] = event;
      this.deferredTop = k + 4;
      return;
    }
    const args = inst.args!;
    args.context = inst.context;
    args.event = event;
    fn(args, params);
  }

  private runDeferred(base: number): void {
    const d = this.deferred;
    for (let i = base; i < this.deferredTop; i += 4)
      (d[i] as ActionFn)(new ActionArgs(d[i + 2], d[i + 3]), d[i + 1]);
    this.deferredTop = base;
  }

  private builtin(inst: Instance<C>, step: Step, event: unknown): void {
    let params = step.params;
    if (typeof params === 'function') {
      const p = this.guardArgs;
      p.context = inst.context;
      p.event = event;
      params = (params as (a: unknown) => unknown)(p);
    }
    if (step.kind === CUSTOM_DYNAMIC_PARAMS) return this.custom(inst, step.fn!, params, event);
    const b = step.builtin;
    const args = inst.args!;
    args.context = inst.context;
    args.event = event;
    if (step.kind === RAISE) {
      const e = typeof b.event === 'function' ? b.event(args, params) : b.event;
      const d = b.delay;
      let ms: unknown;
      if (typeof d === 'string') {
        const configured = this.delays[d];
        ms = typeof configured === 'function' ? configured(args, params) : configured;
      } else ms = typeof d === 'function' ? d(args, params) : d;
      // No delay: the event is handled in this macrostep. A delay: a timer, set when it ends.
      if (typeof ms !== 'number') (this.raised ??= []).push(e);
      else this.defer(SCHEDULE, e === b.event ? b : { event: e, id: b.id }, ms);
    } else if (step.kind === CANCEL) {
      const id = typeof b.sendId === 'function' ? b.sendId(args, params) : b.sendId;
      this.defer(UNSCHEDULE, id, 0);
    } else {
      // ASSIGN: a new context object, as XState's resolveAssign makes.
      const a = this.assignArgs;
      a.context = inst.context;
      a.event = event;
      const assignment = b.assignment;
      let update: Record<string, unknown> = {};
      if (typeof assignment === 'function') update = assignment(a, params);
      else
        for (const key of Object.keys(assignment)) {
          const v = assignment[key];
          update[key] = typeof v === 'function' ? v(a, params) : v;
        }
      inst.context = Object.assign({}, inst.context, update) as C;
    }
  }

  private after(inst: Instance<C>, step: Step, event: unknown): void {
    const delay = step.params;
    let ms = delay;
    if (typeof delay === 'function') {
      const args = inst.args!;
      args.context = inst.context;
      args.event = event;
      ms = delay(args, undefined);
    }
    if (typeof ms !== 'number') (this.raised ??= []).push(step.builtin.event);
    else this.defer(SCHEDULE, step.builtin, ms);
  }

  /** Records a timer operation of the current macrostep's instance. */
  private defer(op: number, what: unknown, ms: number): void {
    const k = this.pendingTop;
    if (2 * k + 2 > this.pendingOps.length) {
      const grown = new Float64Array(this.pendingOps.length * 2);
      grown.set(this.pendingOps);
      this.pendingOps = grown;
    }
    this.pendingOps[2 * k] = op;
    this.pendingOps[2 * k + 1] = ms;
    this.pendingWhat[k] = what;
    this.pendingTop = k + 1;
  }

  /**
   * Runs `inst`'s timer operations recorded since `base`, in order (XState's deferred scheduler
   * calls).
   */
  private runPending(inst: Instance<C>, base: number): void {
    const ops = this.pendingOps;
    const whats = this.pendingWhat;
    for (let i = base; i < this.pendingTop; i++) {
      const what = whats[i];
      whats[i] = undefined;
      if (ops[2 * i] === SCHEDULE) {
        const aux = what as { id: unknown };
        const ms = ops[2 * i + 1];
        // A timer with the id of a registered one replaces it (the older one still fires).
        this.unregister(inst, aux.id, null);
        if (ms === Infinity) continue; // waits forever: nothing to schedule
        const entry = this.clock.queue.push(
          fireTime(this.clock.time(), ms),
          KIND_TIMER,
          inst as Instance,
          aux,
        );
        // A machine mostly has one timer at a time: a one-slot list, grown only if needed.
        if (inst.timers === null) inst.timers = [entry];
        else inst.timers.push(entry);
      } else {
        const timers = inst.timers;
        const id = what;
        if (timers === null || id === undefined) continue;
        for (let k = 0; k < timers.length; k++) {
          if ((timers[k].aux as { id: unknown }).id === id) {
            this.clock.queue.cancel(timers[k]);
            removeAt(timers, k);
            break;
          }
        }
      }
    }
    this.pendingTop = base;
  }

  /** Forgets the registered timer with `id` (or, without an id, `entry` itself). */
  private unregister(inst: Instance<C>, id: unknown, entry: Scheduled<Instance> | null): void {
    const timers = inst.timers;
    if (timers === null) return;
    for (let k = 0; k < timers.length; k++) {
      const t = timers[k];
      if (id === undefined ? t === entry : (t.aux as { id: unknown }).id === id) {
        removeAt(timers, k);
        return;
      }
    }
  }
}

/** Real XState actors on the engine's clock: the reference the compiled path is checked against. */
export class ActorRuntime<C, E extends { type: string }> implements MachineRuntime<C, E> {
  constructor(
    private readonly machine: AnyStateMachine,
    private readonly clock: RuntimeClock,
  ) {}

  start(input: C): Instance<C> {
    const inst: Instance<C> = {
      context: input,
      leaf: null as any,
      done: false,
      stepping: false,
      args: null,
      runtime: this,
      timers: [],
      actor: undefined,
    };
    const actor = createActor(this.machine, { input, clock: this.clockFor(inst) });
    inst.actor = actor;
    actor.subscribe({
      complete: () => {
        inst.done = true;
      },
      // Thrown below, where the compiled path throws it, instead of XState reporting it later.
      error: () => {},
    });
    actor.start();
    failed(actor);
    if (actor.getSnapshot().status === 'done') inst.done = true;
    return inst;
  }

  send(inst: Instance<C>, event: E): void {
    if (inst.done) return;
    inst.actor!.send(event);
    failed(inst.actor!);
  }

  fire(entry: Scheduled): void {
    (entry.payload as () => void)();
  }

  stateOf(inst: Instance<C>): string {
    return stateValueToPath(inst.actor!.getSnapshot().value);
  }

  hasTag(inst: Instance<C>, tag: string): boolean {
    return inst.actor!.getSnapshot().hasTag(tag);
  }

  tagTest(tag: string): (inst: Instance<C>) => boolean {
    return (inst) => inst.actor!.getSnapshot().hasTag(tag);
  }

  timerTime(inst: Instance<C>, delay: string): number | null {
    return pendingAfter(inst, delay);
  }

  /** One clock per actor, so that its pending timers are known (XState keeps no fire times). */
  private clockFor(inst: Instance<C>): XStateClock {
    const queue = this.clock.queue;
    const timers = inst.timers!;
    return {
      setTimeout: (fn, ms) => {
        if (ms === Infinity) return null;
        // XState registers the scheduled event (its id is the after event type) just before it
        // asks the clock for the timeout.
        const scheduled = (inst.actor as any).system.getSnapshot()._scheduledEvents;
        const id = (Object.values(scheduled).at(-1) as { id: unknown } | undefined)?.id;
        const entry = queue.push(
          fireTime(this.clock.time(), ms),
          KIND_CALLBACK,
          () => {
            timers.splice(timers.indexOf(entry), 1);
            fn();
          },
          { id },
        );
        timers.push(entry);
        return entry;
      },
      clearTimeout: (entry) => {
        if (!entry) return;
        queue.cancel(entry as Scheduled);
        const i = timers.indexOf(entry as Scheduled);
        if (i >= 0) timers.splice(i, 1);
      },
    };
  }
}

/** The pending timer of `after: { [delay]: … }` (XState names its event `xstate.after.<delay>.<state id>`). */
function pendingAfter<C>(inst: Instance<C>, delay: string): number | null {
  const prefix = `xstate.after.${delay}.`;
  for (const entry of inst.timers ?? []) {
    const id = (entry.aux as { id: unknown }).id;
    if (typeof id === 'string' && id.startsWith(prefix)) return entry.t;
  }
  return null;
}

/** An action, guard or delay that throws stops an XState actor with status `error`: rethrow it. */
function failed(actor: NonNullable<Instance['actor']>): void {
  const snapshot = actor.getSnapshot() as { status: string; error?: unknown };
  if (snapshot.status === 'error') throw snapshot.error;
}

function stateValueToPath(value: unknown): string {
  if (typeof value === 'string') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return ''; // a machine without states (the compiled path's root path)
  const [k, v] = entries[0];
  return `${k}.${stateValueToPath(v)}`;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Two ways to execute the same XState machine definitions on the engine's virtual clock:
 *
 * - `ActorRuntime`: real XState actors (`createActor(machine, { clock })`). The reference path.
 * - `CompiledRuntime`: walks the machine's own normalized StateNode tree (transitions, guards,
 *   entry/exit actions, `always`, and the raise/cancel pairs XState generates for `after`) and calls
 *   the implementations given to `setup()`. No second copy of the logic exists: behaviour is read
 *   from the machine object, and a test checks both paths give byte-identical logs on many seeds.
 *
 * The compiled path skips what the simulation does not need (snapshots, inspection, mailboxes,
 * systems), which is where a naive actor-per-chat engine spends its time (DESIGN.md: ~60k events/s).
 * It supports the subset of statecharts our machines use: compound and final states, guarded
 * `on`/`always`/`after` transitions, targetless transitions, `reenter`, string or `{type}` actions
 * and guards. It throws on anything else rather than silently diverging.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createActor, type AnyStateMachine } from 'xstate';
import { EventQueue, fireTime, type Scheduled, type XStateClock } from './clock.ts';

const INIT_EVENT = { type: 'xstate.init' };

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
  /** The runtime executing this instance. */
  runtime: MachineRuntime<C, any>;
  /** Pending `after` timers (compiled path); each entry's `aux` is XState's raise action. */
  timers: Scheduled<Instance>[] | null;
  actor?: { send(e: unknown): void; getSnapshot(): { value: unknown; status: string } };
}

export interface MachineRuntime<C, E extends { type: string }> {
  /** Starts a machine with `input` (the world's record for this actor). */
  start(input: C): Instance<C>;
  send(instance: Instance<C>, event: E): void;
  /** The current state as a dotted path, e.g. `online.idle`. */
  stateOf(instance: Instance<C>): string;
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
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
  invoke: unknown[];
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

/** XState's getTransitionDomain, restricted to single targets. */
function domainOf(t: TransitionLike, root: StateNodeLike): StateNodeLike | null {
  const target = t.target![0];
  if (!t.reenter && (target === t.source || isDescendant(target, t.source))) return t.source;
  for (const anc of properAncestors(target)) {
    if (t.source === anc || isDescendant(t.source, anc)) return anc;
  }
  return t.reenter ? null : root;
}

function defaultDescendants(node: StateNodeLike, out: StateNodeLike[]): void {
  if (node.type === 'compound') {
    const initial = node.initial.target[0];
    out.push(initial);
    defaultDescendants(initial, out);
  } else if (node.type !== 'atomic' && node.type !== 'final') {
    throw new Error(`compiled runtime: unsupported state type "${node.type}" at ${node.id}`);
  }
}

function assertSupported(node: StateNodeLike): void {
  if (node.type === 'parallel' || node.type === 'history')
    throw new Error(`compiled runtime: unsupported state type "${node.type}" at ${node.id}`);
  if (node.invoke.length > 0)
    throw new Error(`compiled runtime: invoke is unsupported (${node.id})`);
  if (node.type === 'final' && node.parent?.parent)
    throw new Error(`compiled runtime: nested final states are unsupported (${node.id})`);
  for (const list of node.transitions.values())
    for (const t of list)
      if (t.target && t.target.length > 1)
        throw new Error(`compiled runtime: multiple targets are unsupported (${node.id})`);
  for (const child of Object.values(node.states)) assertSupported(child);
}

type ActionFn = (args: any, params: any) => void;
type GuardFn = (args: any, params: any) => boolean;

/** One resolved action: a custom implementation, or the raise/cancel pair XState makes for `after`. */
interface Step {
  kind: 0 | 1 | 2;
  fn: ActionFn | null;
  params: unknown;
  /** kind 1: XState's delayed raise action (its `delay`, `id` and `event`); kind 2: the id to cancel. */
  raise: any;
  id: string | null;
}

/** A StateNode resolved once: actions and guards bound to their implementations. */
interface CompiledNode {
  node: StateNodeLike;
  parent: CompiledNode | null;
  path: string;
  final: boolean;
  entry: Step[];
  exit: Step[];
  on: Map<string, CompiledTransition[]>;
  always: CompiledTransition[] | null;
}

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

/**
 * Runs machine definitions by walking their StateNode tree, resolved once into a mirror tree whose
 * actions and guards point straight at the `setup()` implementations.
 */
export class CompiledRuntime<C, E extends { type: string }> implements MachineRuntime<C, E> {
  private readonly root: CompiledNode;
  private readonly byNode = new Map<StateNodeLike, CompiledNode>();
  private readonly actions: Record<string, ActionFn>;
  private readonly guards: Record<string, GuardFn>;
  private readonly delays: Record<string, number | ((args: any) => number)>;
  /** One reusable argument object: actions never run re-entrantly (they only log and defer). */
  private readonly args: { context: unknown; event: unknown } = { context: null, event: null };
  private readonly initialEnter: CompiledNode[];
  private readonly contextFactory: (args: { input: unknown }) => unknown;

  constructor(
    machine: AnyStateMachine,
    private readonly clock: RuntimeClock,
  ) {
    const root = machine.root as unknown as StateNodeLike;
    assertSupported(root);
    const impl = machine.implementations as any;
    this.actions = impl.actions;
    this.guards = impl.guards;
    this.delays = impl.delays;
    const factory = (machine.config as any).context;
    this.contextFactory = typeof factory === 'function' ? factory : () => ({ ...factory });
    this.root = this.mirror(root, null);
    this.link(this.root, root);
    const initial: StateNodeLike[] = [];
    defaultDescendants(root, initial);
    this.initialEnter = initial.map((n) => this.byNode.get(n)!);
  }

  private mirror(node: StateNodeLike, parent: CompiledNode | null): CompiledNode {
    const c: CompiledNode = {
      node,
      parent,
      path: node.path.join('.'),
      final: node.type === 'final',
      entry: this.steps(node.entry),
      exit: this.steps(node.exit),
      on: new Map(),
      always: null,
    };
    this.byNode.set(node, c);
    for (const child of Object.values(node.states)) this.mirror(child, c);
    return c;
  }

  /** Transitions need every node mirrored first (their targets and domains). */
  private link(c: CompiledNode, node: StateNodeLike): void {
    for (const [type, list] of node.transitions)
      c.on.set(
        type,
        list.map((t) => this.transition(t)),
      );
    if (node.always) c.always = node.always.map((t) => this.transition(t));
    for (const child of Object.values(node.states)) this.link(this.byNode.get(child)!, child);
  }

  private transition(t: TransitionLike): CompiledTransition {
    let guard: GuardFn | null = null;
    let guardParams: unknown;
    if (t.guard !== undefined) {
      const g = t.guard as any;
      const name = typeof g === 'string' ? g : g.type;
      guard = this.guards[name];
      if (!guard) throw new Error(`compiled runtime: unknown guard "${name}"`);
      guardParams = typeof g === 'string' ? undefined : g.params;
    }
    const actions = this.steps(t.actions);
    if (!t.target)
      return { guard, guardParams, actions, targetless: true, domain: null, enter: [] };
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

  private steps(actions: unknown[]): Step[] {
    return actions.map((a): Step => {
      if (typeof a === 'function') {
        const builtin = a as any;
        if (builtin.type === 'xstate.raise' && builtin.delay !== undefined)
          return { kind: 1, fn: null, params: undefined, raise: builtin, id: null };
        if (builtin.type === 'xstate.cancel')
          return { kind: 2, fn: null, params: undefined, raise: null, id: builtin.sendId };
        throw new Error(`compiled runtime: unsupported action "${builtin.type ?? builtin.name}"`);
      }
      const name = typeof a === 'string' ? a : (a as { type: string }).type;
      const fn = this.actions[name];
      if (!fn) throw new Error(`compiled runtime: unknown action "${name}"`);
      const params = typeof a === 'string' ? undefined : (a as { params?: unknown }).params;
      return { kind: 0, fn, params, raise: null, id: null };
    });
  }

  start(input: C): Instance<C> {
    const context = this.contextFactory({ input });
    const inst: Instance<C> = {
      context: context as C,
      leaf: this.root,
      done: false,
      runtime: this,
      timers: null,
    };
    this.run(inst, this.root.entry, INIT_EVENT);
    this.enter(inst, this.initialEnter, INIT_EVENT);
    this.settle(inst, INIT_EVENT);
    return inst;
  }

  send(inst: Instance<C>, event: E): void {
    if (inst.done) return;
    const t = this.select(inst, event);
    if (!t) return;
    this.take(inst, t, event);
    this.settle(inst, event);
  }

  fire(entry: Scheduled): void {
    const inst = entry.payload as Instance<C>;
    const timers = inst.timers!;
    timers.splice(timers.indexOf(entry as Scheduled<Instance>), 1);
    this.send(inst, (entry.aux as { event: E }).event);
  }

  stateOf(inst: Instance<C>): string {
    return (inst.leaf as CompiledNode).path;
  }

  /** `always` transitions, until none is enabled (XState's macrostep). */
  private settle(inst: Instance<C>, event: unknown): void {
    for (let loops = 0; !inst.done; loops++) {
      if (loops > 100) throw new Error('compiled runtime: `always` loop');
      let chosen: CompiledTransition | null = null;
      for (let n: CompiledNode | null = inst.leaf as CompiledNode; n && !chosen; n = n.parent) {
        if (n.always) chosen = this.firstEnabled(inst, n.always, event);
      }
      if (!chosen) return;
      this.take(inst, chosen, event);
    }
  }

  private select(inst: Instance<C>, event: E): CompiledTransition | null {
    for (let n: CompiledNode | null = inst.leaf as CompiledNode; n; n = n.parent) {
      const list = n.on.get(event.type);
      if (list) {
        const t = this.firstEnabled(inst, list, event);
        if (t) return t;
      }
    }
    return null;
  }

  private firstEnabled(
    inst: Instance<C>,
    list: CompiledTransition[],
    event: unknown,
  ): CompiledTransition | null {
    for (const t of list) {
      if (t.guard === null) return t;
      this.args.context = inst.context;
      this.args.event = event;
      if (t.guard(this.args, t.guardParams)) return t;
    }
    return null;
  }

  private take(inst: Instance<C>, t: CompiledTransition, event: unknown): void {
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
      if (n.final) inst.done = true;
    }
  }

  private run(inst: Instance<C>, steps: Step[], event: unknown): void {
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (step.kind === 0) {
        this.args.context = inst.context;
        this.args.event = event;
        step.fn!(this.args, step.params);
      } else if (step.kind === 1) this.schedule(inst, step.raise, event);
      else this.cancel(inst, step.id!);
    }
  }

  private schedule(inst: Instance<C>, raise: any, event: unknown): void {
    const ref = raise.delay;
    let ms: number;
    if (typeof ref === 'number') ms = ref;
    else {
      const d = this.delays[ref];
      this.args.context = inst.context;
      this.args.event = event;
      ms = typeof d === 'function' ? d(this.args) : d;
    }
    if (ms === Infinity) return; // waits forever: nothing to schedule
    const entry = this.clock.queue.push(
      fireTime(this.clock.time(), ms),
      KIND_TIMER,
      inst as Instance,
      raise,
    );
    (inst.timers ??= []).push(entry);
  }

  private cancel(inst: Instance<C>, id: string): void {
    const timers = inst.timers;
    if (!timers) return;
    for (let i = 0; i < timers.length; i++) {
      if ((timers[i].aux as { id: string }).id === id) {
        this.clock.queue.cancel(timers[i]);
        timers.splice(i, 1);
        return;
      }
    }
  }
}

/** Real XState actors on the engine's clock: the reference the compiled path is checked against. */
export class ActorRuntime<C, E extends { type: string }> implements MachineRuntime<C, E> {
  private readonly xclock: XStateClock;
  constructor(
    private readonly machine: AnyStateMachine,
    clock: RuntimeClock,
  ) {
    this.xclock = {
      setTimeout: (fn, ms) =>
        ms === Infinity
          ? null
          : clock.queue.push(fireTime(clock.time(), ms), KIND_CALLBACK, fn, this),
      clearTimeout: (id) => {
        if (id) clock.queue.cancel(id as Scheduled);
      },
    };
  }

  start(input: C): Instance<C> {
    const actor = createActor(this.machine, { input, clock: this.xclock });
    const inst: Instance<C> = {
      context: input,
      leaf: null as any,
      done: false,
      runtime: this,
      timers: null,
      actor,
    };
    actor.subscribe({
      complete: () => {
        inst.done = true;
      },
    });
    actor.start();
    if (actor.getSnapshot().status === 'done') inst.done = true;
    return inst;
  }

  send(inst: Instance<C>, event: E): void {
    if (!inst.done) inst.actor!.send(event);
  }

  fire(entry: Scheduled): void {
    (entry.payload as () => void)();
  }

  stateOf(inst: Instance<C>): string {
    return stateValueToPath(inst.actor!.getSnapshot().value);
  }
}

function stateValueToPath(value: unknown): string {
  if (typeof value === 'string') return value;
  const [k, v] = Object.entries(value as Record<string, unknown>)[0];
  return `${k}.${stateValueToPath(v)}`;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * The fast path fails loudly or agrees (issue 7 §2): one small throwaway machine per XState feature,
 * run through both runtimes. `CompiledRuntime` must give exactly what real XState actors give (the
 * same states, context, action calls and timers after every step), or refuse the machine when it is
 * built with a message naming the feature and the state.
 *
 * Each machine logs what its actions do into `context.log` (shared with the harness); the harness
 * sends a script of events at simulated times, fires the timers the machine schedules on the same
 * kind of heap the engine uses, and records a line per step. Random scripts over the same machines
 * (fast-check) check that agreement is not limited to the scripted paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  and,
  assign,
  cancel,
  createMachine,
  emit,
  enqueueActions,
  log as xlog,
  not,
  or,
  raise,
  sendTo,
  setup,
  spawnChild,
  stateIn,
  type AnyStateMachine,
} from 'xstate';
import { EventQueue } from '../../src/sim/clock.ts';
import {
  ActorRuntime,
  CompiledRuntime,
  type Instance,
  type MachineRuntime,
} from '../../src/sim/runtime.ts';

interface Ev {
  type: string;
  v?: number;
}
interface Host {
  /** Sends an event to the machine's own instance (as the engine's host callbacks can). */
  send(e: Ev): void;
  /** Puts an entry of the world's own on the heap, `seconds` from now. */
  marker(seconds: number): void;
}
interface Input {
  log: string[];
  host: Host;
}
interface Ctx {
  log: string[];
  host: Host;
  n: number;
  s: string;
}

const KIND_MARKER = 99;
type Script = [seconds: number, event: Ev][];
type RuntimeClass = new (
  machine: AnyStateMachine,
  clock: { time(): number; queue: EventQueue },
) => MachineRuntime<Input, Ev>;

/** One line per step: time, cause, state, context, live heap entries, actions logged. */
function trace(Runtime: RuntimeClass, machine: AnyStateMachine, script: Script): string[] {
  const queue = new EventQueue();
  let now = 0;
  const rt = new Runtime(machine, { time: () => now, queue });
  const log: string[] = [];
  const out: string[] = [];
  let inst: Instance<Input> | null = null;
  const host: Host = {
    send: (e) => rt.send(inst!, e),
    marker: (seconds) => {
      queue.push(now + seconds, KIND_MARKER, null);
    },
  };
  const record = (cause: string) => {
    const ctx = inst
      ? ((inst.actor
          ? (inst.actor.getSnapshot() as unknown as { context: Ctx }).context
          : inst.context) as unknown as Ctx)
      : null;
    const state = inst ? `${rt.stateOf(inst)}${inst.done ? ' (done)' : ''}` : '-';
    const { log: _l, host: _h, ...rest } = ctx ?? ({} as Ctx);
    out.push(
      `${now} ${cause} -> ${state} ${JSON.stringify(rest)} heap=${queue.size} [${log.splice(0).join(', ')}]`,
    );
  };
  const attempt = (cause: string, f: () => void) => {
    try {
      f();
      record(cause);
    } catch (err) {
      out.push(`${now} ${cause} threw: ${(err as Error).message} [${log.splice(0).join(', ')}]`);
      return false;
    }
    return true;
  };
  if (!attempt('start', () => (inst = rt.start({ log, host })))) return out;
  let i = 0;
  for (let steps = 0; steps < 500; steps++) {
    const tq = queue.peekTime();
    const ts = i < script.length ? script[i][0] : Infinity;
    if (tq === Infinity && ts === Infinity) break;
    if (tq <= ts) {
      const e = queue.pop()!;
      now = e.t;
      if (e.kind === KIND_MARKER) {
        log.push('marker');
        record('marker');
      } else if (!attempt('timer', () => rt.fire(e))) return out;
    } else {
      now = ts;
      const ev = script[i++][1];
      if (!attempt(ev.type, () => rt.send(inst!, ev))) return out;
    }
  }
  return out;
}

function both(machine: AnyStateMachine, script: Script) {
  return {
    actors: trace(ActorRuntime as unknown as RuntimeClass, machine, script),
    compiled: trace(CompiledRuntime as unknown as RuntimeClass, machine, script),
  };
}

/** Both runtimes agree on `script`, and the trace shows what the test expects. */
function agree(machine: AnyStateMachine, script: Script): string[] {
  const { actors, compiled } = both(machine, script);
  expect(compiled).toEqual(actors);
  return actors;
}

function refused(machine: AnyStateMachine, message: string): void {
  const queue = new EventQueue();
  expect(() => new CompiledRuntime(machine, { time: () => 0, queue })).toThrow(message);
}

const e = (type: string, v?: number): Ev => (v === undefined ? { type } : { type, v });

/** A context factory every throwaway machine uses: the log and host come from the harness. */
const context = ({ input }: { input: Input }): Ctx => ({
  log: input.log,
  host: input.host,
  n: 0,
  s: '',
});
const base = setup({
  types: { context: {} as Ctx, events: {} as Ev, input: {} as Input },
  actions: {
    note: ({ context: c, event }, params: unknown) => {
      c.log.push(`note ${event.type}${params === undefined ? '' : ` ${JSON.stringify(params)}`}`);
    },
    bump: ({ context: c }) => {
      c.n++;
      c.log.push(`bump ${c.n}`);
    },
  },
  guards: {
    positive: ({ event }) => (event.v ?? 0) > 0,
    big: ({ event }, params: { min: number }) => (event.v ?? 0) >= params.min,
    nBelow: ({ context: c }, params: { max: number }) => c.n < params.max,
  },
  delays: { SHORT: 2000, BY_N: ({ context: c }) => (c.n + 1) * 1000 },
});

const entryLog =
  (name: string) =>
  ({ context: c }: { context: Ctx }) =>
    c.log.push(`enter ${name}`);
const exitLog =
  (name: string) =>
  ({ context: c }: { context: Ctx }) =>
    c.log.push(`exit ${name}`);

describe('CompiledRuntime = XState actors, feature by feature', () => {
  it('the comparison can fail: a machine whose log depends on the event sequence differs', () => {
    const m = base.createMachine({ context, on: { '*': { actions: 'note' } } });
    expect(trace(ActorRuntime as unknown as RuntimeClass, m, [[1, e('a')]])).not.toEqual(
      trace(CompiledRuntime as unknown as RuntimeClass, m, [[1, e('b')]]),
    );
  });

  it("wildcard transitions '*' and 'foo.*': exact descriptor first, then longer wildcards, then ancestors", () => {
    const m = base.createMachine({
      id: 'wild',
      context,
      initial: 'a',
      on: {
        '*': { actions: { type: 'note', params: 'root *' } },
        'foo.bar': { target: '.b', actions: { type: 'note', params: 'root foo.bar' } },
      },
      states: {
        a: {
          on: {
            'foo.*': [
              { guard: 'positive', target: 'b', actions: { type: 'note', params: 'a foo.*' } },
            ],
            'foo.bar.*': { guard: 'positive', actions: { type: 'note', params: 'a foo.bar.*' } },
            '*': { guard: 'positive', actions: { type: 'note', params: 'a *' } },
            'foo.baz': { guard: 'positive', actions: { type: 'note', params: 'a foo.baz' } },
          },
        },
        b: { on: { '*': { target: 'a', actions: { type: 'note', params: 'b *' } } } },
      },
    });
    const lines = agree(m, [
      [1, e('foo.bar.qux', 1)],
      [2, e('foo.baz', 1)],
      [3, e('foo.baz', 0)],
      [4, e('other', 1)],
      [5, e('other', 0)],
      [6, e('foo', 1)],
      [7, e('x')],
      [8, e('foo.bar', 0)],
    ]);
    expect(lines.join('\n')).toContain('note foo.bar.qux "a foo.bar.*"');
    expect(lines.join('\n')).toContain('note foo.baz "a foo.baz"');
    expect(lines.join('\n')).toContain('note other "root *"');
    expect(lines.join('\n')).toContain('note foo.bar "root foo.bar"');
  });

  it('a wildcard also catches the `after` events of the states below it', () => {
    const m = base.createMachine({
      id: 'wildAfter',
      context,
      initial: 'a',
      states: {
        a: {
          initial: 'x',
          on: { 'xstate.after.*': { actions: { type: 'note', params: 'caught' } } },
          states: { x: { after: { 1000: { actions: 'bump' } } } },
        },
      },
    });
    expect(agree(m, []).join('\n')).toContain('bump 1');
  });

  it('function-valued params of actions and guards are computed from context and event', () => {
    const named = setup({
      types: { context: {} as Ctx, events: {} as Ev, input: {} as Input },
      actions: {
        tag: assign({ s: ({ context: c }, p: { tag: string }) => `${p.tag}${c.n}` }),
        note: ({ context: c }, p: unknown) => c.log.push(`note ${JSON.stringify(p)}`),
        bump: ({ context: c }) => {
          c.n++;
        },
      },
      guards: { big: ({ event }, p: { min: number }) => (event.v ?? 0) >= p.min },
    }).createMachine({
      id: 'namedParams',
      context,
      on: {
        go: {
          guard: { type: 'big', params: ({ context: c }) => ({ min: c.n }) },
          actions: [
            'bump',
            {
              type: 'note',
              params: ({ context: c, event }: { context: Ctx; event: Ev }) => ({
                n: c.n,
                v: event.v,
              }),
            },
            { type: 'tag', params: ({ event }) => ({ tag: `v${event.v}:` }) },
          ],
        },
      },
    });
    const lines = agree(named, [
      [1, e('go', 0)],
      [2, e('go', 5)],
      [3, e('go', 1)],
      [4, e('go', 2)],
    ]);
    expect(lines.join('\n')).toContain('note {"n":1,"v":0}');
    expect(lines.join('\n')).toContain('"s":"v5:2"');
  });

  it('exit actions of the final state and of the root run when the machine finishes; its timers are cancelled', () => {
    const m = base.createMachine({
      id: 'finish',
      context,
      initial: 'a',
      entry: entryLog('root'),
      exit: exitLog('root'),
      after: { 60000: { actions: { type: 'note', params: 'root timer' } } },
      states: {
        a: { exit: exitLog('a'), on: { stop: 'done' }, after: { 5000: { actions: 'bump' } } },
        done: { type: 'final', entry: entryLog('done'), exit: exitLog('done') },
      },
    });
    const lines = agree(m, [[1, e('stop')]]);
    expect(lines[1]).toContain('(done)');
    expect(lines[1]).toContain('heap=0 [exit a, enter done, exit done, exit root]');
  });

  it('a machine that finishes as it starts runs the same exits and leaves no timer', () => {
    const m = base.createMachine({
      id: 'instant',
      context,
      initial: 'a',
      exit: exitLog('root'),
      after: { 1000: { actions: 'bump' } },
      states: {
        a: { always: 'end' },
        end: { type: 'final', entry: entryLog('end'), exit: exitLog('end') },
      },
    });
    const lines = agree(m, []);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('heap=0 [enter end, exit end, exit root]');
  });

  it('`self` or `system` in an action is refused when the runtime is built, naming the action and the state', () => {
    const viaDestructuring = createMachine({
      id: 'selfish',
      initial: 'a',
      states: {
        a: {
          on: {
            go: {
              actions: ({ self }) => self.send({ type: 'again' }),
            },
          },
        },
      },
    });
    refused(
      viaDestructuring,
      "CompiledRuntime cannot run `self` in action 'actions' in state 'selfish.a'",
    );
    const viaProperty = setup({
      actions: { tell: (args) => args.system.get('x') },
    }).createMachine({ id: 'sys', initial: 'a', states: { a: { entry: 'tell' } } });
    refused(viaProperty, "CompiledRuntime cannot run `system` in action 'tell' in state 'sys.a'");
    const inAssign = setup({}).createMachine({
      id: 'spawner',
      context: { ref: null as unknown },
      entry: assign({ ref: ({ spawn }) => spawn(createMachine({})) }),
    });
    refused(inAssign, "CompiledRuntime cannot run `spawn` in assign in state 'spawner'");
    // A use the reading misses (the argument passed on whole) fails loudly when it runs.
    const hidden = createMachine({
      id: 'hidden',
      entry: (args) => {
        const key = ['se', 'lf'].join('');
        return (args as unknown as Record<string, unknown>)[key];
      },
    });
    const queue = new EventQueue();
    const rt = new CompiledRuntime(hidden, { time: () => 0, queue });
    expect(() => rt.start({})).toThrow('CompiledRuntime cannot provide `self`');
  });

  it('a delayed raise of a function event: the event is computed when raised, sent when due', () => {
    const m = base.createMachine({
      id: 'delayedFn',
      context,
      initial: 'a',
      states: {
        a: {
          on: {
            arm: {
              actions: [
                'bump',
                raise(({ context: c }) => ({ type: 'ping', v: c.n }), { delay: 3000 }),
                raise(({ context: c }) => ({ type: 'ping', v: c.n * 10 }), { delay: 'BY_N' }),
                raise({ type: 'pong' }),
              ],
            },
            ping: { actions: 'note' },
            pong: { actions: 'note', target: 'b' },
          },
        },
        b: { on: { ping: { actions: 'note', target: 'a' } } },
      },
    });
    const lines = agree(m, [
      [1, e('arm')],
      [2, e('arm')],
    ]);
    expect(lines.join('\n')).toContain('4 timer');
  });

  it('an event sent to a machine from inside one of its own actions waits until the step ends', () => {
    const m = base.createMachine({
      id: 'mailbox',
      context,
      initial: 'a',
      states: {
        a: {
          on: {
            go: {
              target: 'b',
              actions: [
                ({ context: c }) => c.host.send({ type: 'next' }),
                ({ context: c }) => c.log.push('after send'),
              ],
            },
            next: { actions: { type: 'note', params: 'next in a' } },
          },
        },
        b: {
          entry: [({ context: c }) => c.host.send({ type: 'next' }), entryLog('b')],
          on: { next: { target: 'c', actions: { type: 'note', params: 'next in b' } } },
        },
        c: { on: { next: { actions: { type: 'note', params: 'next in c' } } } },
      },
    });
    const lines = agree(m, [[1, e('go')]]);
    expect(lines[1]).toContain(
      '[after send, enter b, note next "next in b", note next "next in c"]',
    );
  });

  it('assign, whole or with partial updaters, gives later actions and guards the new context', () => {
    const m = base.createMachine({
      id: 'assign',
      context,
      initial: 'a',
      states: {
        a: {
          always: { guard: ({ context: c }) => c.n >= 3, target: 'b' },
          on: {
            add: {
              actions: [
                assign(({ context: c, event }) => ({ n: c.n + (event.v ?? 1) })),
                ({ context: c }) => c.log.push(`n=${c.n}`),
                assign({ s: ({ context: c }) => `${c.s}${c.n}`, n: ({ context: c }) => c.n }),
              ],
            },
          },
        },
        b: { entry: ({ context: c }) => c.log.push(`b with ${c.s}`) },
      },
    });
    const lines = agree(m, [
      [1, e('add', 1)],
      [2, e('add', 1)],
      [3, e('add', 1)],
    ]);
    expect(lines[3]).toContain('b with 123');
  });

  it('guards and(), or(), not() and stateIn() (by id and by path)', () => {
    const m = base.createMachine({
      id: 'guards',
      context,
      initial: 'p',
      states: {
        p: {
          initial: 'x',
          states: { x: { on: { toY: 'y' } }, y: { on: { toX: 'x' } } },
          on: {
            test: [
              {
                guard: and([
                  'positive',
                  stateIn('#guards.p.y'),
                  not({ type: 'big', params: { min: 10 } }),
                ]),
                actions: { type: 'note', params: 'small positive in y' },
              },
              {
                guard: or([stateIn('p.x'), { type: 'big', params: { min: 10 } }]),
                actions: { type: 'note', params: 'in x or big' },
              },
              { actions: { type: 'note', params: 'otherwise' } },
            ],
          },
        },
      },
    });
    const lines = agree(m, [
      [1, e('test', 1)],
      [2, e('toY')],
      [3, e('test', 1)],
      [4, e('test', 11)],
      [5, e('test', 0)],
    ]);
    expect(lines.join('\n')).toContain('small positive in y');
    expect(lines.join('\n')).toContain('otherwise');
  });

  it('`always` is checked after every event, even one no transition takes; a targetless one runs once', () => {
    const m = base.createMachine({
      id: 'always',
      context,
      initial: 'a',
      states: {
        a: {
          always: [
            { guard: ({ event }) => event.type === 'poke', target: 'b' },
            { guard: ({ context: c }) => c.n > 0, actions: { type: 'note', params: 'targetless' } },
          ],
          on: { inc: { actions: 'bump' } },
        },
        b: {},
      },
    });
    const lines = agree(m, [
      [1, e('inc')],
      [2, e('unknown')],
      [3, e('poke')],
    ]);
    expect(lines[3]).toContain('-> b');
  });

  it('an `always` loop: XState’s maxIterations message; without it the compiled path throws where XState would spin', () => {
    const looping = {
      id: 'loop',
      context,
      initial: 'a',
      states: { a: { on: { go: 'b' } }, b: { always: 'c' }, c: { always: 'b' } },
    };
    const bounded = base.createMachine({
      ...looping,
      options: { maxIterations: 50 },
    } as never) as unknown as AnyStateMachine;
    const lines = agree(bounded, [[1, e('go')]]);
    expect(lines[1]).toContain('threw: Infinite loop detected');
    const unbounded = base.createMachine(looping as never) as unknown as AnyStateMachine;
    const trace1 = trace(CompiledRuntime as unknown as RuntimeClass, unbounded, [[1, e('go')]]);
    expect(trace1[1]).toContain(
      "threw: CompiledRuntime: more than 100000 microsteps without a stable state in state 'loop.",
    );
  });

  it('raise without delay: handled in the same step, after `always`, in order', () => {
    const m = base.createMachine({
      id: 'raise',
      context,
      initial: 'a',
      states: {
        a: {
          on: {
            go: { target: 'b', actions: [raise({ type: 'one' }), raise({ type: 'two' })] },
          },
        },
        b: {
          always: { guard: ({ context: c }) => c.n === 0, actions: 'bump' },
          on: { one: { actions: 'note' }, two: { target: 'c', actions: 'note' } },
        },
        c: { entry: entryLog('c') },
      },
    });
    const lines = agree(m, [[1, e('go')]]);
    expect(lines[1]).toContain('[bump 1, note one, note two, enter c]');
  });

  it('a final state inside a compound state raises its done event (onDone)', () => {
    const m = base.createMachine({
      id: 'nestedFinal',
      context,
      initial: 'work',
      states: {
        work: {
          initial: 'step',
          states: {
            step: { on: { finish: 'over' } },
            over: { type: 'final', entry: entryLog('over') },
          },
          onDone: { target: 'next', actions: 'note' },
        },
        next: { entry: entryLog('next') },
      },
    });
    const lines = agree(m, [[1, e('finish')]]);
    expect(lines[1]).toContain('[enter over, note xstate.done.state.nestedFinal.work, enter next]');
  });

  it('the first step evaluates guards before any entry action runs, and the init event carries the input', () => {
    const m = base.createMachine({
      id: 'initial',
      context,
      initial: 'a',
      entry: [
        ({ context: c }) => {
          c.n = 5;
        },
        ({ context: c, event }) =>
          c.log.push(
            `init ${event.type} ${Object.keys((event as { input?: object }).input ?? {}).join('+')}`,
          ),
      ],
      states: {
        a: {
          always: [{ guard: ({ context: c }) => c.n === 5, target: 'five' }, { target: 'zero' }],
        },
        five: {},
        zero: { entry: ({ context: c }) => c.log.push(`zero sees n=${c.n}`) },
      },
    });
    const lines = agree(m, []);
    expect(lines[0]).toContain('-> zero');
  });

  it('timers are set when the step ends: a world entry pushed by a later action comes first at the same time', () => {
    const m = base.createMachine({
      id: 'order',
      context,
      initial: 'a',
      states: {
        a: {
          on: {
            go: {
              actions: [
                raise({ type: 'tick' }, { delay: 1000 }),
                ({ context: c }) => c.host.marker(1),
              ],
            },
            tick: { actions: 'note' },
          },
        },
      },
    });
    const lines = agree(m, [[1, e('go')]]);
    expect(lines[2]).toContain('marker');
    expect(lines[3]).toContain('note tick');
  });

  it('delayed raises with an id: cancel() cancels the latest; the replaced one still fires', () => {
    const m = base.createMachine({
      id: 'ids',
      context,
      initial: 'a',
      states: {
        a: {
          on: {
            arm: {
              actions: raise(({ event }) => ({ type: 'ring', v: event.v }), {
                delay: 5000,
                id: 'bell',
              }),
            },
            disarm: { actions: cancel('bell') },
            disarmFn: { actions: cancel(({ event }) => `b${event.v}`) },
            armB: { actions: raise({ type: 'ring', v: 99 }, { delay: 1000, id: 'b7' }) },
            ring: { actions: 'note' },
          },
        },
      },
    });
    const lines = agree(m, [
      [1, e('arm', 1)],
      [2, e('arm', 2)],
      [3, e('disarm')],
      [3.5, e('disarm')],
      [4, e('armB')],
      [4.5, e('disarmFn', 7)],
    ]);
    expect(lines.join('\n')).toContain('note ring');
    expect(lines.join('\n')).not.toContain('"v":2');
  });

  it('a `reenter` transition into a child exits and re-enters its source', () => {
    const m = base.createMachine({
      id: 'reenter',
      context,
      initial: 'p',
      states: {
        p: {
          entry: entryLog('p'),
          exit: exitLog('p'),
          initial: 'x',
          states: { x: { entry: entryLog('x'), exit: exitLog('x') }, y: { entry: entryLog('y') } },
          on: {
            inner: { target: '.y' },
            outer: { target: '.y', reenter: true },
            self: { target: 'p', reenter: true },
          },
        },
      },
    });
    const lines = agree(m, [
      [1, e('inner')],
      [2, e('outer')],
      [3, e('self')],
    ]);
    expect(lines[2]).toContain('[exit p, enter p, enter y]');
  });

  it('a static context is one object shared by every actor, as in XState', () => {
    const shared = { log: [] as string[], n: 0 };
    const m = createMachine({
      id: 'static',
      context: shared,
      on: { inc: { actions: ({ context: c }) => void c.n++ } },
    });
    for (const Runtime of [ActorRuntime, CompiledRuntime]) {
      shared.n = 0;
      const queue = new EventQueue();
      const rt = new Runtime<unknown, Ev>(m, { time: () => 0, queue });
      const a = rt.start({});
      const b = rt.start({});
      rt.send(a, e('inc'));
      rt.send(b, e('inc'));
      expect(shared.n).toBe(2);
    }
  });

  it('an action that throws: both runtimes throw it', () => {
    const m = base.createMachine({
      id: 'throws',
      context,
      on: {
        boom: {
          actions: () => {
            throw new Error('kaboom');
          },
        },
      },
    });
    const lines = agree(m, [[1, e('boom')]]);
    expect(lines[1]).toContain('threw: kaboom');
  });
});

describe('CompiledRuntime refuses, when built, what it cannot run', () => {
  const cases: [string, AnyStateMachine, string][] = [
    [
      'parallel states',
      createMachine({
        id: 'm',
        initial: 'p',
        states: { p: { type: 'parallel', states: { a: {}, b: {} } } },
      }),
      "CompiledRuntime cannot run a parallel state in state 'm.p'",
    ],
    [
      'history states',
      createMachine({
        id: 'm',
        initial: 'p',
        states: { p: { initial: 'a', states: { a: {}, h: { type: 'history' } } } },
      }),
      "CompiledRuntime cannot run a history state in state 'm.p.h'",
    ],
    [
      'invoke',
      createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { invoke: { src: createMachine({}) } } },
      }),
      "CompiledRuntime cannot run invoke in state 'm.a'",
    ],
    [
      'sendTo',
      createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { entry: sendTo('x', { type: 'y' }) } },
      }),
      "CompiledRuntime cannot run action 'xstate.sendTo' in state 'm.a'",
    ],
    [
      'emit',
      createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { on: { go: { actions: emit({ type: 'out' }) } } } },
      }),
      "CompiledRuntime cannot run action 'xstate.emit' in state 'm.a'",
    ],
    [
      'enqueueActions',
      createMachine({ id: 'm', initial: 'a', states: { a: { exit: enqueueActions(() => {}) } } }),
      "CompiledRuntime cannot run action 'xstate.enqueueActions' in state 'm.a'",
    ],
    [
      'spawnChild',
      createMachine({ id: 'm', entry: spawnChild(createMachine({})) }),
      "CompiledRuntime cannot run action 'xstate.spawnChild' in state 'm'",
    ],
    [
      'log',
      createMachine({ id: 'm', entry: xlog('hello') }),
      "CompiledRuntime cannot run action 'xstate.log' in state 'm'",
    ],
    [
      'a named built-in it cannot run',
      setup({ actions: { tellX: sendTo('x', { type: 'y' }) } }).createMachine({
        id: 'm',
        entry: 'tellX',
      }),
      "CompiledRuntime cannot run action 'xstate.sendTo' in state 'm'",
    ],
    [
      'an action without implementation',
      createMachine({ id: 'm', initial: 'a', states: { a: { entry: 'missing' } } }),
      "CompiledRuntime cannot run action 'missing' (no implementation) in state 'm.a'",
    ],
    [
      'a guard without implementation',
      createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { on: { go: { guard: 'nope', target: 'a' } } } },
      }),
      "CompiledRuntime cannot run guard 'nope' (no implementation) in state 'm.a'",
    ],
    [
      'several targets',
      createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { on: { go: { target: ['#m.b', '#m.a'] } } }, b: {} },
      }),
      "CompiledRuntime cannot run a transition with several targets in state 'm.a'",
    ],
    [
      'output',
      createMachine({
        id: 'm',
        initial: 'a',
        states: { a: { type: 'final', output: { ok: true } } },
      }),
      "CompiledRuntime cannot run output in state 'm.a'",
    ],
    [
      'stateIn an unknown id',
      createMachine({ id: 'm', on: { go: { guard: stateIn('#nowhere'), actions: () => {} } } }),
      "CompiledRuntime cannot run stateIn('#nowhere') (no such state) in state 'm'",
    ],
  ];
  for (const [feature, machine, message] of cases)
    it(feature, () => {
      refused(machine, message);
    });
});

describe('random scripts: the agreeing features agree on any event sequence', () => {
  const machine = base.createMachine({
    id: 'mix',
    context,
    // A safety net: a mistake in this machine must fail the test, not hang XState.
    options: { maxIterations: 1000 },
    initial: 'idle',
    entry: entryLog('root'),
    exit: exitLog('root'),
    on: {
      'ping.*': {
        actions: { type: 'note', params: ({ event }: { event: Ev }) => ({ v: event.v }) },
      },
      stop: '.over',
    },
    states: {
      idle: {
        entry: entryLog('idle'),
        exit: exitLog('idle'),
        always: { guard: ({ context: c }) => c.n >= 4, target: 'busy.calm' },
        on: {
          go: { guard: or(['positive', stateIn('#mix.idle')]), target: 'busy' },
          inc: { actions: [assign({ n: ({ context: c }) => c.n + 1 }), 'note'] },
          self: { actions: ({ context: c }) => c.host.send({ type: 'inc' }) },
        },
      },
      busy: {
        initial: 'hot',
        entry: entryLog('busy'),
        exit: exitLog('busy'),
        after: { BY_N: { target: 'idle', actions: 'bump' } },
        onDone: { target: 'idle', actions: 'note' },
        states: {
          hot: {
            after: { SHORT: 'calm' },
            on: {
              other: {
                guard: not('positive'),
                actions: raise(({ event }) => ({ type: 'ping.echo', v: event.v })),
              },
              '*': { guard: not('positive'), actions: 'note' },
              inc: { target: 'calm', reenter: true, actions: 'bump' },
            },
          },
          calm: {
            entry: raise(({ context: c }) => ({ type: 'ping.later', v: c.n }), {
              delay: 500,
              id: 'later',
            }),
            on: {
              go: { target: 'done', actions: cancel('later') },
              inc: { target: '#mix.busy', reenter: true },
            },
          },
          done: { type: 'final', exit: exitLog('done') },
        },
      },
      over: { type: 'final', entry: entryLog('over'), exit: exitLog('over') },
    },
  });
  const eventArb = fc.record({
    type: fc.constantFrom('go', 'inc', 'self', 'ping.x', 'other', 'stop'),
    v: fc.integer({ min: -1, max: 2 }),
  });

  it('same trace on 300 random scripts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4000 }), eventArb), { maxLength: 25 }),
        (steps) => {
          let t = 0;
          const script: Script = steps.map(([dt, ev]) => [(t += dt / 1000), ev]);
          const { actors, compiled } = both(machine, script);
          expect(compiled).toEqual(actors);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('tag tests (tagTest): hasTag resolved once, on both runtimes', () => {
  // 40 tags: the compiled path answers the first 31 with a bit test and the rest from its set.
  const tags = [...Array(40).keys()].map((i) => `t${i}`);
  const machine = createMachine({
    id: 'tagged',
    initial: 's0',
    states: Object.fromEntries(
      [...Array(6).keys()].map((i) => [
        `s${i}`,
        {
          // Each state carries a different slice of the tags, its child adds more.
          tags: tags.filter((_, k) => k % 6 === i || k >= 35),
          initial: 'inner',
          states: { inner: { tags: i % 2 === 0 ? ['even', `t${30 + i}`] : [] } },
          on: { next: `s${(i + 1) % 6}`, back: `s${(i + 5) % 6}` },
        },
      ]),
    ),
  });

  it('agrees with XState’s own tags for every tag in every state, past the 31st tag too', () => {
    for (const Runtime of [ActorRuntime, CompiledRuntime] as unknown as RuntimeClass[]) {
      const rt = new Runtime(machine, { time: () => 0, queue: new EventQueue() });
      const inst = rt.start({ log: [], host: { send: () => {}, marker: () => {} } });
      const tests = [...tags, 'even', 'missing'].map((tag) => [tag, rt.tagTest(tag)] as const);
      let seen = 0;
      for (const step of ['next', 'next', 'back', 'next', 'next', 'next', 'next', 'back', 'back']) {
        const [top, leaf] = rt.stateOf(inst).split('.');
        const snapshot = machine.resolveState({ value: { [top]: leaf }, context: {} });
        for (const [tag, test] of tests) {
          expect(test(inst), `${tag} in ${top}`).toBe(snapshot.hasTag(tag));
          expect(test(inst), `${tag} in ${top}`).toBe(rt.hasTag(inst, tag));
          if (test(inst)) seen++;
        }
        rt.send(inst, { type: step });
      }
      expect(seen).toBeGreaterThan(50);
    }
  });
});

describe('an action that throws inside another machine’s step', () => {
  // A's action sends B an event and catches what B's action throws. B's step had already set a
  // timer: that step failed, so the timer is dropped (XState drops a failed step's deferred work)
  // and must never land on A; B is not left counted as stepping, so a later event reaches it.
  type PeerCtx = { peer: () => Instance<unknown>; caught: string[] };
  let rt: MachineRuntime<unknown, { type: string }>;
  const machine = setup({
    types: {
      context: {} as PeerCtx,
      events: {} as { type: string },
      input: {} as PeerCtx,
    },
    actions: {
      callPeer: ({ context }) => {
        try {
          rt.send(context.peer(), { type: 'boom' });
        } catch (e) {
          context.caught.push((e as Error).message);
        }
      },
      throwIt: () => {
        throw new Error('kaboom');
      },
    },
  }).createMachine({
    context: ({ input }) => input,
    initial: 'idle',
    states: {
      idle: {
        on: {
          go: { actions: 'callPeer' },
          boom: { actions: [raise({ type: 'late' }, { delay: 1000, id: 'late' }), 'throwIt'] },
          late: 'gotLate',
          poke: 'poked',
        },
      },
      gotLate: {},
      poked: {},
    },
  });

  it('leaves no timer behind for either machine, and the thrower still takes events', () => {
    const queue = new EventQueue();
    rt = new CompiledRuntime(machine, { time: () => 0, queue });
    const caught: string[] = [];
    let b: Instance<unknown> | null = null;
    const a = rt.start({ peer: () => b!, caught });
    b = rt.start({ peer: () => a, caught });
    rt.send(a, { type: 'go' });
    expect(caught).toEqual(['kaboom']);
    expect(queue.size).toBe(0);
    expect(rt.stateOf(a)).toBe('idle');
    // B takes an event sent from another machine's action at once, not into a mailbox.
    rt.send(a, { type: 'go' });
    expect(caught).toEqual(['kaboom', 'kaboom']);
    rt.send(b, { type: 'poke' });
    expect(rt.stateOf(b)).toBe('poked');
    expect(queue.size).toBe(0);
  });
});

/**
 * Operators' breaks, as the scenario gives them: fixed (`breaks`) or drawn from the operator's own
 * seeded stream (`random-breaks`). They are data the engine schedules on the one clock; the
 * operator machine decides what a break means (finishing chats, the inactivity timer).
 */
import type { EventQueue } from '../clock.ts';
import type { OperatorContext, OperatorEvent } from '../machines/operator.ts';
import type { MachineRuntime } from '../runtime.ts';
import type { OperatorRecord } from './records.ts';

export const KIND_BREAK_START = 11;
export const KIND_BREAK_END = 12;

const BREAK_STARTED = { type: 'operator.break.started' } as const;
const BREAK_ENDED = { type: 'operator.break.ended' } as const;

export class Breaks {
  constructor(
    private readonly clock: { readonly t: number },
    private readonly queue: EventQueue,
    private readonly operatorRt: MachineRuntime<OperatorContext, OperatorEvent>,
    /** Simulated seconds: no random break starts at or after it. */
    private readonly horizon: number,
    /** No visitor will come any more and none is in flight. */
    private readonly quiet: () => boolean,
  ) {}

  /** Schedules `op`'s breaks (fixed ones all at once, random ones one at a time). */
  schedule(op: OperatorRecord): void {
    const a = op.scenario.activity;
    if (a.kind === 'breaks') {
      for (const b of a.breaks) {
        this.queue.push(b.atMinute * 60, KIND_BREAK_START, op);
        this.queue.push((b.atMinute + b.minutes) * 60, KIND_BREAK_END, op);
      }
    } else if (a.kind === 'random-breaks') {
      const at = this.clock.t + op.breakRng!.sample(a.everyMinutes) * 60;
      // Random breaks start within the run's duration only. A visitor nobody can ever serve (no
      // member speaks their language, the trainee went away) waits with no patience for ever;
      // breaks drawn after the last arrival would keep the clock going and the run never ends.
      if (at < this.horizon) this.queue.push(at, KIND_BREAK_START, op);
    }
  }

  starts(op: OperatorRecord): void {
    const a = op.scenario.activity;
    if (a.kind === 'random-breaks')
      this.queue.push(this.clock.t + op.breakRng!.sample(a.minutes) * 60, KIND_BREAK_END, op);
    this.operatorRt.send(op.instance, BREAK_STARTED);
  }

  ends(op: OperatorRecord): void {
    this.operatorRt.send(op.instance, BREAK_ENDED);
    // No new random break after the horizon: visitors that nobody can ever serve must not keep
    // the run alive forever (they end as abandoned when nothing is left to happen).
    if (
      op.scenario.activity.kind === 'random-breaks' &&
      this.clock.t < this.horizon &&
      !this.quiet()
    )
      this.schedule(op);
  }
}

/**
 * Operators' shifts, as the scenario gives them: each shift's start and end (and the breaks within
 * it) are put on the one clock; the operator machine decides what they mean (joining, finishing the
 * chats in progress, going offline). Shifts that follow each other without a gap are one stretch.
 */
import type { EventQueue } from '../clock.ts';
import type { OperatorContext, OperatorEvent } from '../machines/operator.ts';
import type { MachineRuntime } from '../runtime.ts';
import type { Scenario } from '../scenario/types.ts';
import { shiftOccurrences, startOffsetSeconds } from '../scenario/week.ts';
import { KIND_BREAK_END, KIND_BREAK_START } from './breaks.ts';
import type { OperatorRecord } from './records.ts';

export const KIND_SHIFT_START = 16;
export const KIND_SHIFT_END = 17;

const SHIFT_STARTED = { type: 'operator.shift.started' } as const;
const SHIFT_ENDED = { type: 'operator.shift.ended' } as const;

export class Shifts {
  private readonly offset: number;

  constructor(
    scenario: Scenario,
    private readonly queue: EventQueue,
    private readonly operatorRt: MachineRuntime<OperatorContext, OperatorEvent>,
    /** Simulated seconds: visitors arrive before it. */
    private readonly horizon: number,
  ) {
    this.offset = startOffsetSeconds(scenario.startsAt);
  }

  /**
   * Schedules `op`'s shifts that start before the end of the run's arrivals (one in progress then
   * runs to its end): like breaks, no shift starts after the last arrival, so a visitor still
   * waiting when nothing else is left to happen is abandoned then, not served days later. A shift
   * in progress at time 0 is already on (the machine starts on shift): only its end and its breaks
   * from time 0 on are scheduled.
   */
  schedule(op: OperatorRecord): void {
    const a = op.scenario.activity;
    if (a.kind !== 'shifts') return;
    for (const o of shiftOccurrences(a.shifts, a.breaks, this.offset, 0, this.horizon)) {
      if (o.start > 0) this.queue.push(o.start, KIND_SHIFT_START, op);
      // Breaks end within their shift and go first at a shared instant (pushed first).
      for (const b of o.breaks) {
        if (b.end <= 0) continue;
        this.queue.push(Math.max(0, b.start), KIND_BREAK_START, op);
        this.queue.push(b.end, KIND_BREAK_END, op);
      }
      this.queue.push(o.end, KIND_SHIFT_END, op);
    }
  }

  starts(op: OperatorRecord): void {
    this.operatorRt.send(op.instance, SHIFT_STARTED);
  }

  ends(op: OperatorRecord): void {
    this.operatorRt.send(op.instance, SHIFT_ENDED);
  }
}

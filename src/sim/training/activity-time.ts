/**
 * Mapping the trainee's real world onto simulated time. The page passes real timestamps in
 * (milliseconds, from the page's monotonic clock); nothing here reads a clock, so the mapping is pure
 * and testable: at speed s, one real second is s simulated seconds. A speed change starts a new
 * segment at the current instant, so simulated time never jumps or runs backwards.
 */

export interface ClockSegment {
  /** Real milliseconds at which this segment starts. */
  real: number;
  /** Simulated seconds at that instant. */
  sim: number;
  /** Simulated seconds per real second (0 = paused). */
  speed: number;
}

export class TrainingClock {
  private segments: ClockSegment[];

  constructor(startReal: number, startSim = 0, speed = 1) {
    this.segments = [{ real: startReal, sim: startSim, speed }];
  }

  get speed(): number {
    return this.segments[this.segments.length - 1].speed;
  }

  /** Every segment so far, oldest first (for the debrief and for tests). */
  history(): readonly ClockSegment[] {
    return this.segments;
  }

  /** Simulated seconds at real time `real` (ms). Before the start it is the start. */
  simAt(real: number): number {
    let seg = this.segments[0];
    for (const s of this.segments) {
      if (s.real <= real) seg = s;
      else break;
    }
    return seg.sim + (Math.max(0, real - seg.real) / 1000) * seg.speed;
  }

  /** The real time (ms) at which simulated time reaches `sim` at the current speed; Infinity if paused. */
  realAt(sim: number): number {
    const last = this.segments[this.segments.length - 1];
    if (sim <= last.sim) return last.real;
    if (last.speed === 0) return Infinity;
    return last.real + ((sim - last.sim) / last.speed) * 1000;
  }

  /**
   * Re-anchors the clock: at real time `real` simulated time is `sim` (not after the current
   * mapping), then it runs at `speed`. Used when a fast-forward stopped early because a chat came in.
   */
  rebase(real: number, sim: number, speed: number): void {
    const last = this.segments[this.segments.length - 1];
    if (real < last.real)
      throw new RangeError('the clock can only be re-anchored forward in real time');
    if (sim > this.simAt(real))
      throw new RangeError('re-anchoring cannot jump simulated time ahead');
    this.segments.push({ real, sim, speed });
  }

  /** From real time `real` on, run at `speed`. Changes at an earlier time than the last one are refused. */
  setSpeed(real: number, speed: number): void {
    const last = this.segments[this.segments.length - 1];
    if (real < last.real) throw new RangeError('speed changes must move forward in real time');
    if (speed === last.speed) return;
    const sim = this.simAt(real);
    if (real === last.real) this.segments[this.segments.length - 1] = { real, sim, speed };
    else this.segments.push({ real, sim, speed });
  }
}

/**
 * The trainer's speed settings. Training runs in real time by default; the trainer may allow a
 * faster speed while nothing needs the trainee (no open conversation, nobody waiting).
 */
export interface SpeedSettings {
  /** The speed while the trainee has work: 1 = real time. */
  base: number;
  /** The speed during quiet periods; equal to `base` when speed-ups are not allowed. */
  quiet: number;
}

export const REAL_TIME: SpeedSettings = { base: 1, quiet: 1 };

export function speedFor(settings: SpeedSettings, quiet: boolean): number {
  return quiet ? Math.max(settings.base, settings.quiet) : settings.base;
}

/**
 * Turns a storm of DOM events (a mousemove fires ~60 times a second) into few `operator.activity`
 * inputs: at most one per `minGap` simulated seconds. Odoo's browser reports presence every 60 s;
 * we keep a finer grain so that the inactivity deadline is exact to within `minGap`.
 */
export class ActivityThrottle {
  private last = -Infinity;

  constructor(readonly minGap = 5) {}

  /** Whether activity at simulated time `t` should become an input. */
  offer(t: number): boolean {
    if (t - this.last < this.minGap) return false;
    this.last = t;
    return true;
  }
}

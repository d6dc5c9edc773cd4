import { createEngine, type Engine, type HumanInput, type WorldView } from '../../sim/engine';
import type { SimEvent, VisitorAssigned } from '../../sim/events';
import type { Scenario } from '../../sim/scenario/types';
import { clockStart } from '../../sim/format/time';
import { CancelledError, startJob, type Job } from '../../workers/client';
import { AssignmentLog } from './assignments';

/** Simulated seconds per real second; the last one is "as fast as possible". */
export const SPEEDS = [1, 10, 60, 300, 1800, Infinity] as const;
export const SPEED_LABELS = ['1× (real time)', '10×', '1 min/s', '5 min/s', '30 min/s', 'Max'];

/** Frame budget for the engine at top speed, leaving the rest of the 16.7 ms frame to Svelte. */
const MAX_SPEED_BUDGET_MS = 6;
const MIN_SPEED_BUDGET_MS = 1;
/** At high speed the feed scrolls faster than anyone reads: repaint it a few times a second. */
const FAST_FEED_INTERVAL_MS = 150;
/** Enough to read back a few minutes; more only costs layout time at top speed. */
const FEED_LENGTH = 25;
/** Recent assignments kept whole (reason included); older ones are recomputed when opened. */
const MAX_ASSIGNMENTS = 200;

export interface FeedEntry {
  seq: number;
  event: SimEvent;
}

/**
 * The live run on the board: the engine on the main thread, driven by requestAnimationFrame.
 * A run is its scenario, seed and human inputs, so seeking backwards is a deterministic replay from
 * the start (actor snapshots would lose their timers, DESIGN.md).
 */
export class Playback {
  scenario = $state.raw<Scenario | null>(null);
  /** Where the run's clock starts, for `clock()`: weekday and time, or elapsed time. */
  clockOrigin = $derived(clockStart(this.scenario));
  seed = $state(1);
  now = $state(0);
  playing = $state(false);
  speedIndex = $state(3);
  done = $state(false);
  view = $state.raw<WorldView | null>(null);
  feed = $state.raw<FeedEntry[]>([]);
  eventCount = $state(0);
  /** Shown in the why panel; null when closed. */
  why = $state.raw<VisitorAssigned | null>(null);
  /** An old assignment's reason is being recomputed by replay in the worker. */
  whyPending = $state(false);
  /** Why the recomputation failed, if it did. */
  whyError = $state<string | null>(null);
  /** How many assignments the list shows (updated with the feed, not on every event). */
  assignmentCount = $state(0);
  /** Every assignment of the run (time, visitor, operator, channel), for the assignments list. */
  readonly assignments = new AssignmentLog();

  #engine: Engine | null = null;
  /**
   * Events so far. The log itself is not kept: a long run at top speed would hold hundreds of
   * thousands of objects and the garbage collector's pauses would stall frames. Results replay the
   * run in the worker instead (same scenario and seed, same log).
   */
  #count = 0;
  /** The feed's entries, made once per event so unchanged rows are not re-rendered each frame. */
  #entries: FeedEntry[] = [];
  #inputs: HumanInput[] = [];
  #raf = 0;
  #lastTs = 0;
  #lastFeedAt = 0;
  #frameNo = 0;
  /** Engine time per frame at top speed, adapted so frames stay near 60 fps on slow machines. */
  #budget = 3;
  #pendingSeek: number | null = null;
  #whyJob: Job<{ kind: 'why-done'; event: VisitorAssigned | null }> | null = null;
  // Not reactive on purpose: read on demand (Why?), written on every assignment event.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #assignments = new Map<string, VisitorAssigned>();

  /** The scrubber's end: the scenario's duration, or later once the run went past it. */
  get horizon(): number {
    const d = (this.scenario?.durationMinutes ?? 0) * 60;
    return Math.max(d, this.now);
  }

  get speed(): number {
    return SPEEDS[this.speedIndex];
  }

  get inputs(): readonly HumanInput[] {
    return this.#inputs;
  }

  assignmentOf(visitor: string): VisitorAssigned | undefined {
    return this.#assignments.get(visitor);
  }

  load(scenario: Scenario, seed = scenario.seed, inputs: HumanInput[] = []): void {
    this.pause();
    this.scenario = scenario;
    this.seed = seed;
    this.#inputs = inputs.slice();
    this.#reset();
    this.#publish();
  }

  #reset(): void {
    if (!this.scenario) return;
    this.#count = 0;
    this.#entries = [];
    this.#assignments.clear();
    this.assignments.clear();
    this.#cancelWhy();
    this.why = null;
    this.#engine = createEngine(this.scenario, {
      seed: this.seed,
      policy: this.scenario.policy,
      inputs: this.#inputs,
      onEvent: (e) => {
        this.#entries.push({ seq: this.#count++, event: e });
        // Only the tail is ever shown: keep the entry list short on long runs.
        if (this.#entries.length > 4 * FEED_LENGTH)
          this.#entries = this.#entries.slice(-FEED_LENGTH);
        if (e.type === 'visitor.assigned') {
          this.assignments.push(e);
          this.#assignments.set(e.visitor, e);
          // Only a cache for the list: forget the oldest (a Map keeps insertion order).
          if (this.#assignments.size > MAX_ASSIGNMENTS) {
            this.#assignments.delete(this.#assignments.keys().next().value!);
          }
        }
      },
    });
  }

  #publish(throttleFeed = false): void {
    const engine = this.#engine;
    if (!engine) return;
    this.now = engine.now;
    this.done = engine.done;
    this.view = engine.view();
    const at = performance.now();
    if (!throttleFeed || engine.done || at - this.#lastFeedAt >= FAST_FEED_INTERVAL_MS) {
      this.#lastFeedAt = at;
      this.feed = this.#entries.slice(-FEED_LENGTH);
      this.eventCount = this.#count;
      this.assignmentCount = this.assignments.length;
    }
  }

  play(): void {
    if (!this.#engine || this.playing) return;
    if (this.done) this.restart();
    this.playing = true;
    this.#lastTs = 0;
    this.#raf = requestAnimationFrame(this.#frame);
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.#raf);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Processes the next instant that has events. */
  step(): void {
    this.pause();
    this.#engine?.step();
    this.#publish();
  }

  /** Jumps to simulated time `t` by replay (from the start when going backwards). */
  seek(t: number): void {
    if (!this.#engine || !this.scenario) return;
    const target = Math.max(0, t);
    if (this.playing) {
      this.#pendingSeek = target;
      return;
    }
    this.#seekNow(target);
    this.#publish();
  }

  #seekNow(target: number): void {
    if (target < this.#engine!.now) this.#reset();
    this.#engine!.runUntil(target);
  }

  /** Runs to the end of the run (every conversation over). */
  finish(): void {
    this.pause();
    this.#engine?.run();
    this.#publish();
  }

  restart(newSeed = false): void {
    if (!this.scenario) return;
    this.pause();
    if (newSeed) this.seed = (Math.random() * 2 ** 31) >>> 0;
    this.#reset();
    this.#publish();
  }

  faster(): void {
    this.speedIndex = Math.min(SPEEDS.length - 1, this.speedIndex + 1);
  }

  slower(): void {
    this.speedIndex = Math.max(0, this.speedIndex - 1);
  }

  /** Opens the why panel for an assignment at hand (a feed entry holds its event). */
  openWhy(assignment: string | VisitorAssigned): void {
    this.#cancelWhy();
    this.why =
      typeof assignment === 'string' ? (this.#assignments.get(assignment) ?? null) : assignment;
  }

  /**
   * Opens the why panel for assignment `index` of the list. A recent one is at hand; an older one
   * is recomputed in the worker by replaying the run (same scenario, seed and inputs) up to it.
   */
  async openAssignment(index: number): Promise<void> {
    const row = this.assignments.at(index);
    if (!row || !this.scenario) return;
    const recent = this.#assignments.get(row.visitor);
    this.#cancelWhy();
    if (recent && recent.t === row.t) {
      this.why = recent;
      return;
    }
    this.why = null;
    this.whyPending = true;
    const job = startJob<{ kind: 'why-done'; event: VisitorAssigned | null }>(
      {
        kind: 'why',
        scenario: this.scenario,
        seed: this.seed,
        inputs: this.#inputs.slice(),
        visitor: row.visitor,
        t: row.t,
      },
      () => {},
    );
    this.#whyJob = job;
    try {
      const { event } = await job.result;
      if (this.#whyJob === job) this.why = event;
    } catch (err) {
      // A cancel means another assignment was opened, or the run was reset: nothing to say.
      if (this.#whyJob === job && !(err instanceof CancelledError))
        this.whyError = err instanceof Error ? err.message : String(err);
    } finally {
      if (this.#whyJob === job) {
        this.#whyJob = null;
        this.whyPending = false;
      }
    }
  }

  #cancelWhy(): void {
    const job = this.#whyJob;
    this.#whyJob = null;
    this.whyPending = false;
    this.whyError = null;
    job?.cancel();
  }

  #frame = (ts: number) => {
    const engine = this.#engine;
    if (!engine || !this.playing) return;
    if (this.#pendingSeek !== null) {
      this.#seekNow(this.#pendingSeek);
      this.#pendingSeek = null;
    } else if (this.speed === Infinity) {
      // Frames over budget (rendering included) shrink the engine's share; smooth ones grow it.
      if (this.#lastTs > 0) {
        const frame = ts - this.#lastTs;
        this.#budget = Math.min(
          MAX_SPEED_BUDGET_MS,
          Math.max(MIN_SPEED_BUDGET_MS, this.#budget * (frame > 18 ? 0.5 : 1.02)),
        );
      }
      const stopAt = performance.now() + this.#budget;
      let n = 0;
      while (!engine.done && (++n % 8 !== 0 || performance.now() < stopAt)) engine.step();
    } else if (this.#lastTs > 0) {
      // Clamp a long gap (tab in the background) to one second of real time.
      const dt = Math.min(1, (ts - this.#lastTs) / 1000);
      engine.runUntil(engine.now + dt * this.speed);
    }
    this.#lastTs = ts;
    // At top speed the board repaints every other frame: the engine gets the frames in between.
    if (this.speed !== Infinity || engine.done || ++this.#frameNo % 2 === 0)
      this.#publish(this.speed >= 300);

    if (engine.done) this.playing = false;
    else this.#raf = requestAnimationFrame(this.#frame);
  };

  dispose(): void {
    this.pause();
    this.#cancelWhy();
  }
}

/**
 * Virtual time: one heap-ordered event queue, ties broken by sequence number, so that two things
 * scheduled for the same instant happen in the order they were scheduled. Deterministic by design.
 *
 * XState's own SimulatedClock re-sorts every pending timer on each flush (6k firings/s at 1,000
 * pending, DESIGN.md); this heap is O(log n) per operation, and lazily drops cancelled entries.
 */

import type { ActorOptions, AnyActorLogic } from 'xstate';

export interface Scheduled<P = unknown> {
  /** Simulated seconds. */
  t: number;
  seq: number;
  kind: number;
  payload: P;
  /** A second payload slot, so timers need no wrapper object. */
  aux: unknown;
  /** No longer pending: cancelled, or already popped (cancelling it then changes nothing). */
  cancelled: boolean;
}

export class EventQueue {
  /**
   * A 4-ary heap kept in parallel arrays: the keys (time, then sequence number) in typed arrays,
   * so that sifting compares neighbouring numbers instead of chasing entry objects across the
   * heap (the run's hottest loop: every arrival and timer passes through here twice). A node's
   * four children sit side by side, which halves the depth of a binary heap.
   */
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private entries: Scheduled[] = [];
  private n = 0;
  private nextSeq = 0;
  private live = 0;

  /** Number of pending, not-cancelled entries. */
  get size(): number {
    return this.live;
  }

  push<P>(t: number, kind: number, payload: P, aux: unknown = null): Scheduled<P> {
    const seq = this.nextSeq++;
    const entry: Scheduled<P> = { t, seq, kind, payload, aux, cancelled: false };
    if (this.n === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const entries = this.entries as Scheduled<P>[];
    this.live++;
    // sift up: a later sequence number never goes above an equal time
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      if (times[parent] <= t) break;
      times[i] = times[parent];
      seqs[i] = seqs[parent];
      entries[i] = entries[parent];
      i = parent;
    }
    times[i] = t;
    seqs[i] = seq;
    entries[i] = entry;
    return entry;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const seqs = new Float64Array(this.seqs.length * 2);
    times.set(this.times);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
  }

  cancel(entry: Scheduled): void {
    if (!entry.cancelled) {
      entry.cancelled = true;
      this.live--;
    }
  }

  /** The time of the next live entry, or Infinity. */
  peekTime(): number {
    this.dropCancelled();
    return this.n > 0 ? this.times[0] : Infinity;
  }

  /** The next live entry, left in the queue, or undefined. */
  peek(): Scheduled | undefined {
    this.dropCancelled();
    return this.n > 0 ? this.entries[0] : undefined;
  }

  /** Removes and returns the next live entry, or undefined. */
  pop(): Scheduled | undefined {
    this.dropCancelled();
    if (this.n === 0) return undefined;
    const top = this.entries[0];
    this.removeTop();
    this.live--;
    top.cancelled = true;
    return top;
  }

  private dropCancelled(): void {
    while (this.n > 0 && this.entries[0].cancelled) this.removeTop();
  }

  private removeTop(): void {
    const n = --this.n;
    const times = this.times;
    const seqs = this.seqs;
    const entries = this.entries;
    const t = times[n];
    const seq = seqs[n];
    const last = entries[n];
    entries[n] = undefined as unknown as Scheduled; // let the entry go
    if (n === 0) return;
    // sift down from the root the entry that was last
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let c = first;
      let ct = times[first];
      let cs = seqs[first];
      const end = first + 4 < n ? first + 4 : n;
      for (let k = first + 1; k < end; k++) {
        const kt = times[k];
        if (kt < ct || (kt === ct && seqs[k] < cs)) {
          c = k;
          ct = kt;
          cs = seqs[k];
        }
      }
      if (t < ct || (t === ct && seq < cs)) break;
      times[i] = ct;
      seqs[i] = cs;
      entries[i] = entries[c];
      i = c;
    }
    times[i] = t;
    seqs[i] = seq;
    entries[i] = last;
  }
}

/** The clock XState v5 accepts as `createActor(machine, { clock })`, taken from XState's own types. Delays are in ms. */
export type XStateClock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

/** Converts an XState delay (ms) into the virtual time (s) at which it fires. */
export function fireTime(now: number, delayMs: number): number {
  return now + delayMs / 1000;
}

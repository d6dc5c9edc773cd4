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
   * A 4-ary heap kept in parallel typed arrays: the keys (time, then sequence number) and the
   * entry's slot, so that sifting compares and moves neighbouring numbers instead of chasing and
   * moving entry objects (the run's hottest loop: every arrival and timer passes through here
   * twice). An entry object is stored once, in its slot, when pushed: moving young objects about a
   * long-lived array would cost a write barrier at every level of every sift. A node's four
   * children sit side by side, which halves the depth of a binary heap.
   */
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private slotOf = new Int32Array(64);
  /** Entries by slot; a popped entry's slot is taken by a later push. */
  private readonly slots: (Scheduled | undefined)[] = [];
  private freeSlots = new Int32Array(64);
  private freeTop = 0;
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
    let slot: number;
    if (this.freeTop > 0) {
      slot = this.freeSlots[--this.freeTop];
      this.slots[slot] = entry as Scheduled;
    } else {
      slot = this.slots.length;
      this.slots.push(entry as Scheduled);
    }
    const times = this.times;
    const seqs = this.seqs;
    const slotOf = this.slotOf;
    this.live++;
    // sift up: a later sequence number never goes above an equal time
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      if (times[parent] <= t) break;
      times[i] = times[parent];
      seqs[i] = seqs[parent];
      slotOf[i] = slotOf[parent];
      i = parent;
    }
    times[i] = t;
    seqs[i] = seq;
    slotOf[i] = slot;
    return entry;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    const seqs = new Float64Array(size);
    const slotOf = new Int32Array(size);
    const freeSlots = new Int32Array(size);
    times.set(this.times);
    seqs.set(this.seqs);
    slotOf.set(this.slotOf);
    freeSlots.set(this.freeSlots);
    this.times = times;
    this.seqs = seqs;
    this.slotOf = slotOf;
    this.freeSlots = freeSlots;
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
    return this.n > 0 ? this.slots[this.slotOf[0]] : undefined;
  }

  /** Removes and returns the next live entry, or undefined. */
  pop(): Scheduled | undefined {
    this.dropCancelled();
    if (this.n === 0) return undefined;
    const top = this.removeTop();
    this.live--;
    top.cancelled = true;
    return top;
  }

  private dropCancelled(): void {
    while (this.n > 0 && this.slots[this.slotOf[0]]!.cancelled) this.removeTop();
  }

  /** Takes the root out of the heap and frees its slot; returns its entry. */
  private removeTop(): Scheduled {
    const slots = this.slots;
    const slotOf = this.slotOf;
    const topSlot = slotOf[0];
    const top = slots[topSlot]!;
    slots[topSlot] = undefined; // let the entry go
    this.freeSlots[this.freeTop++] = topSlot;
    const n = --this.n;
    if (n === 0) return top;
    const times = this.times;
    const seqs = this.seqs;
    const t = times[n];
    const seq = seqs[n];
    const last = slotOf[n];
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
      slotOf[i] = slotOf[c];
      i = c;
    }
    times[i] = t;
    seqs[i] = seq;
    slotOf[i] = last;
    return top;
  }
}

/** The clock XState v5 accepts as `createActor(machine, { clock })`, taken from XState's own types. Delays are in ms. */
export type XStateClock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

/** Converts an XState delay (ms) into the virtual time (s) at which it fires. */
export function fireTime(now: number, delayMs: number): number {
  return now + delayMs / 1000;
}

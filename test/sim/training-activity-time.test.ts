import { describe, expect, it } from 'vitest';
import {
  ActivityThrottle,
  TrainingClock,
  speedFor,
  REAL_TIME,
} from '../../src/sim/training/activity-time.ts';

describe('activity → simulated time', () => {
  it('runs in real time by default: 1 real second is 1 simulated second', () => {
    const clock = new TrainingClock(5_000);
    expect(clock.simAt(5_000)).toBe(0);
    expect(clock.simAt(65_000)).toBe(60);
  });

  it('maps 3 real seconds at 600× to the 30 simulated minutes of the inactivity timeout', () => {
    const clock = new TrainingClock(0, 0, 600);
    expect(clock.simAt(3_000)).toBe(1800);
    expect(clock.realAt(1800)).toBe(3_000);
  });

  it('keeps simulated time continuous across speed changes', () => {
    const clock = new TrainingClock(0, 0, 1);
    clock.setSpeed(10_000, 60); // 10 s real at 1× = 10 s sim
    expect(clock.simAt(10_000)).toBe(10);
    expect(clock.simAt(11_000)).toBe(70);
    clock.setSpeed(12_000, 1); // 130 s sim
    expect(clock.simAt(13_000)).toBe(131);
    // a past instant still maps through the segment that was in force then
    expect(clock.simAt(10_500)).toBe(40);
  });

  it('stops simulated time while paused (speed 0)', () => {
    const clock = new TrainingClock(0);
    clock.setSpeed(2_000, 0);
    expect(clock.simAt(60_000)).toBe(2);
    expect(clock.realAt(10)).toBe(Infinity);
  });

  it('refuses a speed change in the past', () => {
    const clock = new TrainingClock(1_000);
    clock.setSpeed(2_000, 10);
    expect(() => clock.setSpeed(1_500, 1)).toThrow(RangeError);
  });

  it('speeds up only in quiet periods, and never below the base speed', () => {
    const settings = { base: 1, quiet: 60 };
    expect(speedFor(settings, true)).toBe(60);
    expect(speedFor(settings, false)).toBe(1);
    expect(speedFor(REAL_TIME, true)).toBe(1);
    expect(speedFor({ base: 10, quiet: 1 }, true)).toBe(10);
  });
});

describe('ActivityThrottle', () => {
  it('turns a mousemove storm into one input per 5 simulated seconds', () => {
    const th = new ActivityThrottle(5);
    const sent = [0, 0.016, 1, 4.99, 5, 7, 10.5].filter((t) => th.offer(t));
    expect(sent).toEqual([0, 5, 10.5]);
  });

  it('at high speed every real event is far enough apart to count', () => {
    const clock = new TrainingClock(0, 0, 600);
    const th = new ActivityThrottle(5);
    // mouse events 16 ms apart are 9.6 simulated seconds apart at 600×
    const sent = [0, 16, 32, 48].map((ms) => clock.simAt(ms)).filter((t) => th.offer(t));
    expect(sent).toHaveLength(4);
  });
});

describe('TrainingClock.rebase', () => {
  it('holds simulated time where a fast-forward stopped, then runs at the new speed', () => {
    const clock = new TrainingClock(0, 0, 600);
    // at 1 s real the mapping says 600 s, but a chat arrived at 420 s: continue from there at 1×
    clock.rebase(1_000, 420, 1);
    expect(clock.simAt(1_000)).toBe(420);
    expect(clock.simAt(3_000)).toBe(422);
    expect(() => clock.rebase(4_000, 9_999, 1)).toThrow(RangeError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clock,
  duration,
  parseClock,
  parseDuration,
  signedDuration,
  weekOffset,
  WEEKDAYS,
} from '../../src/sim/format/time.ts';

const DAY = 86400;
const WEEK = 7 * DAY;

/** Simulated seconds up to 60 days, fractional, 0 included. */
const moment = fc.double({ min: 0, max: 60 * DAY, noNaN: true }).map((x) => x + 0);
/** A scenario start: any whole minute of the week, or none (elapsed time). */
const start = fc.option(fc.integer({ min: 0, max: WEEK / 60 - 1 }).map((m) => m * 60));
/** Durations from a fraction of a second to 90 days, biased to small values. */
const length = fc.oneof(
  fc.double({ min: 0, max: 120, noNaN: true }),
  fc.double({ min: 0, max: 2 * 3600, noNaN: true }),
  fc.double({ min: 0, max: 90 * DAY, noNaN: true }),
  fc.integer({ min: 0, max: 200 * 3600 }),
);

/** The precision a duration shows: half its last unit. */
const slack = (x: number) => (x < 10 ? 0.05 : x < 3600 ? 0.5 : x < DAY ? 30 : 1800);

describe('clock times', () => {
  it('writes elapsed time as hh:mm, and d2 hh:mm from the second day on', () => {
    expect(clock(0)).toBe('00:00');
    expect(clock(77 * 60)).toBe('01:17');
    expect(clock(14 * 3600 + 5 * 60 + 59)).toBe('14:05');
    expect(clock(DAY - 1)).toBe('23:59');
    expect(clock(DAY)).toBe('d2 00:00');
    expect(clock(DAY + 14 * 3600 + 5 * 60)).toBe('d2 14:05');
    expect(clock(9 * DAY + 3600)).toBe('d10 01:00');
    expect(clock(-5)).toBe('00:00');
  });

  it('adds seconds for a ticking clock', () => {
    expect(clock(3 * 3600 + 62.9, { seconds: true })).toBe('03:01:02');
    expect(clock(DAY + 1, { seconds: true })).toBe('d2 00:00:01');
  });

  it('writes weekday and time when the scenario starts at a given moment of the week', () => {
    const monday8 = weekOffset({ weekday: 'monday', time: '08:00' });
    expect(monday8).toBe(8 * 3600);
    expect(clock(0, { start: monday8 })).toBe('Mon 08:00');
    expect(clock(16 * 3600 + 30 * 60, { start: monday8 })).toBe('Tue 00:30');
    expect(clock(DAY + 6 * 3600 + 5 * 60, { start: monday8 })).toBe('Tue 14:05');
    const sunday22 = weekOffset({ weekday: 'sunday', time: '22:00' });
    expect(clock(0, { start: sunday22 })).toBe('Sun 22:00');
    expect(clock(3 * 3600, { start: sunday22 })).toBe('w2 Mon 01:00');
    expect(clock(0, { start: null })).toBe('00:00');
  });

  it('refuses a start that is not a weekday and a time', () => {
    expect(() => weekOffset({ weekday: 'someday', time: '08:00' })).toThrow(RangeError);
    expect(() => weekOffset({ weekday: 'monday', time: '25:00' })).toThrow(RangeError);
    expect(WEEKDAYS.map((weekday) => weekOffset({ weekday, time: '00:00' }) / DAY)).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
  });

  it('reads back to the minute it shows (round trip), with or without a start', () => {
    fc.assert(
      fc.property(moment, start, (t, s) => {
        const back = parseClock(clock(t, { start: s }), s);
        expect(back).not.toBeNull();
        expect(back!).toBeLessThanOrEqual(t);
        expect(t - back!).toBeLessThan(60);
        expect(back! % 60).toBe(0);
      }),
    );
  });

  it('never goes backwards as time goes forwards (monotonic)', () => {
    fc.assert(
      fc.property(moment, moment, start, (a, b, s) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(parseClock(clock(lo, { start: s }), s)!).toBeLessThanOrEqual(
          parseClock(clock(hi, { start: s }), s)!,
        );
      }),
    );
  });

  it('shows different minutes as different text (injective to the minute)', () => {
    fc.assert(
      fc.property(moment, moment, start, (a, b, s) => {
        const same = Math.floor(a / 60) === Math.floor(b / 60);
        expect(clock(a, { start: s }) === clock(b, { start: s })).toBe(same);
      }),
    );
  });
});

describe('durations', () => {
  it('writes lengths of time with units', () => {
    const cases: [number, string][] = [
      [0, '0 s'],
      [0.04, '0 s'],
      [0.4, '0.4 s'],
      [2.5, '2.5 s'],
      [9.96, '10 s'],
      [45, '45 s'],
      [59.4, '59 s'],
      [59.6, '1 min'],
      [77, '1 min 17 s'],
      [65, '1 min 05 s'],
      [300, '5 min'],
      [3599.4, '59 min 59 s'],
      [3599.6, '1 h'],
      [3600 + 29, '1 h'],
      [3600 + 31, '1 h 01 min'],
      [2 * 3600 + 5 * 60, '2 h 05 min'],
      [30 * 60, '30 min'],
      [DAY - 31, '23 h 59 min'],
      [DAY - 1, '1 d'],
      [3 * DAY + 4 * 3600, '3 d 04 h'],
      [10 * DAY, '10 d'],
    ];
    for (const [x, text] of cases) expect([x, duration(x)]).toEqual([x, text]);
  });

  it('signs differences', () => {
    expect(signedDuration(65)).toBe('+1 min 05 s');
    expect(signedDuration(-45)).toBe('-45 s');
    expect(signedDuration(0)).toBe('0 s');
    expect(signedDuration(-0.01)).toBe('0 s');
    expect(duration(-3600)).toBe('-1 h');
  });

  it('reads back within the precision it shows (round trip)', () => {
    fc.assert(
      fc.property(length, (x) => {
        const back = parseDuration(duration(x));
        expect(back).not.toBeNull();
        expect(Math.abs(back! - x)).toBeLessThanOrEqual(slack(x) + 1e-9);
        expect(parseDuration(duration(-x))).toBeCloseTo(back === 0 ? 0 : -back!, 9);
      }),
    );
  });

  it('never makes a longer time read shorter (monotonic)', () => {
    fc.assert(
      fc.property(length, length, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(parseDuration(duration(lo))!).toBeLessThanOrEqual(parseDuration(duration(hi))!);
      }),
    );
  });
});

describe('clock times and durations cannot be mistaken for each other', () => {
  it('a duration never reads as a clock time, a clock time never as a duration', () => {
    fc.assert(
      fc.property(length, moment, start, (x, t, s) => {
        const d = duration(x);
        const c = clock(t, { start: s });
        expect(d).not.toContain(':');
        expect(d).toMatch(/ (d|h|min|s)$/);
        expect(parseClock(d, s)).toBeNull();
        expect(parseClock(d)).toBeNull();
        expect(c).toContain(':');
        expect(parseDuration(c)).toBeNull();
      }),
    );
  });

  it('regression: 01:17 was both 1 h 17 min into the run and a 1 min 17 s wait', () => {
    expect(clock(77 * 60)).toBe('01:17');
    expect(duration(77)).toBe('1 min 17 s');
    expect(duration(77 * 60)).toBe('1 h 17 min');
  });
});

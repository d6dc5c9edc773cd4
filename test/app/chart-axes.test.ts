/**
 * Chart axes (issue 10 §2 "Charts read like charts"): round ticks on time, duration and number
 * axes, days labelled on long runs, thousands separators, labels that never read the same twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOCK_STEPS,
  categoryStride,
  dayLabel,
  durationLabels,
  durationSplits,
  numberLabels,
  numberSplits,
  percentLabels,
  timeLabels,
  timeSplits,
} from '../../src/app/trainer/results/axes.ts';
import { parseClock, parseDuration, weekOffset } from '../../src/sim/format/time.ts';
import { count, decimal, percent } from '../../src/sim/format/number.ts';

const H = 3600;
const DAY = 86400;
const ticks = (min: number, max: number, n: number, start: number | null = null) => {
  const splits = timeSplits(min, max, n, start);
  return { splits, labels: timeLabels(splits, start) };
};

/** Reads time labels back as a person does: a label without a day is on the day of the one before. */
function readBack(labels: string[], start: number | null): (number | null)[] {
  let day = '';
  return labels.map((label) => {
    const text = /^(d\d+|(w\d+ )?[A-Z][a-z]{2})$/.test(label) ? `${label} 00:00` : label;
    const m = /^(.*) (\d\d:\d\d(:\d\d)?)$/.exec(text);
    if (m) day = m[1];
    const full = m || day === '' ? text : `${day} ${text}`;
    return parseClock(full.replace(/^d1 /, ''), start);
  });
}

describe('time axes', () => {
  it('regression: a 3 h 20 min run ticked at 00:33, 01:06, 01:40; now every 30 min', () => {
    const { labels } = ticks(0, 12000, 8);
    expect(labels).toEqual(['00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00']);
  });

  it('regression: a week ticked at d2 03:46, d3 07:33; now one tick a day, labelled by day', () => {
    expect(ticks(0, 7 * DAY, 8).labels).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8']);
    expect(ticks(0, 7 * DAY, 4).labels).toEqual(['d1', 'd3', 'd5', 'd7']);
  });

  it('names the day where it changes on runs of a few days', () => {
    expect(ticks(0, 2 * DAY, 9).labels).toEqual([
      '00:00',
      '06:00',
      '12:00',
      '18:00',
      'd2 00:00',
      '06:00',
      '12:00',
      '18:00',
      'd3 00:00',
    ]);
  });

  it('ticks at round times of the scenario’s own clock when it starts at a weekday and time', () => {
    const start = weekOffset({ weekday: 'monday', time: '08:20' });
    const { splits, labels } = ticks(0, 8 * DAY, 9, start);
    expect(labels).toEqual(['Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'w2 Mon', 'w2 Tue']);
    expect(splits[0]).toBe(DAY - (8 * H + 20 * 60));
    expect(ticks(0, 4 * H, 5, start).labels).toEqual(['Mon 09:00', '10:00', '11:00', '12:00']);
  });

  it('adds seconds only when the ticks are seconds apart', () => {
    expect(ticks(0, 90, 4).labels).toEqual(['00:00:00', '00:00:30', '00:01:00', '00:01:30']);
    expect(ticks(0, 10 * 60, 3).labels).toEqual(['00:00', '00:05', '00:10']);
  });

  it('on any run: few enough ticks, on round steps of the clock, read back to their exact time', () => {
    const start = fc.option(fc.integer({ min: 0, max: 7 * 24 * 60 - 1 }).map((m) => m * 60));
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 30 * DAY, noNaN: true }),
        fc.double({ min: 60, max: 30 * DAY, noNaN: true }),
        fc.integer({ min: 3, max: 16 }),
        start,
        (min, span, n, s) => {
          const { splits, labels } = ticks(min, min + span, n, s);
          expect(splits.length).toBeLessThanOrEqual(n);
          expect(splits.length).toBeGreaterThan(0);
          const step = splits.length > 1 ? splits[1] - splits[0] : null;
          if (step !== null && step <= 7 * DAY) expect(CLOCK_STEPS).toContain(step);
          if (step !== null && step > 7 * DAY) expect(step % (7 * DAY)).toBe(0);
          for (const t of splits) {
            expect(t).toBeGreaterThanOrEqual(min - 1e-9 * (step ?? 1));
            expect(t).toBeLessThanOrEqual(min + span + 1e-9 * (step ?? 1));
            if (step !== null) expect(Math.abs(((t + (s ?? 0)) / step) % 1)).toBeLessThan(1e-9);
          }
          expect(readBack(labels, s)).toEqual(splits.map((t) => Math.round(t)));
        },
      ),
    );
  });

  it('regression (found by the property above): a 6-day span asked for 2 ticks got none', () => {
    for (const [span, origin] of [
      [518159.9998272, 240],
      [28 * DAY + 2.42e-6, 60],
    ])
      expect(ticks(0, span, 2, origin).splits.length).toBeGreaterThan(0);
  });

  it('labels a day by its number, or its weekday with a start', () => {
    expect(dayLabel(0)).toBe('d1');
    expect(dayLabel(DAY * 3.5)).toBe('d4');
    expect(dayLabel(0, weekOffset({ weekday: 'sunday', time: '23:00' }))).toBe('Sun');
  });
});

describe('duration axes', () => {
  it('regression: wait ticks read 1 min 40 s, 3 min 20 s; now round lengths with units', () => {
    expect(durationLabels(durationSplits(0, 700, 8))).toEqual([
      '0 s',
      '2 min',
      '4 min',
      '6 min',
      '8 min',
      '10 min',
    ]);
    expect(durationLabels(durationSplits(0, 100, 6))).toEqual([
      '0 s',
      '30 s',
      '1 min',
      '1 min 30 s',
    ]);
  });

  it('never repeats a label and reads back exactly', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 10 * DAY, noNaN: true }),
        fc.integer({ min: 3, max: 12 }),
        (max, n) => {
          const splits = durationSplits(0, max, n);
          const labels = durationLabels(splits);
          expect(splits.length).toBeLessThanOrEqual(n);
          expect(new Set(labels).size).toBe(labels.length);
          expect(labels.map(parseDuration)).toEqual(splits);
        },
      ),
    );
  });
});

describe('number axes', () => {
  it('regression: counts up to 11,600 were written 10000, 5000 without separators', () => {
    const splits = numberSplits(0, 11600, 5, true);
    expect(numberLabels(splits)).toEqual(['0', '5,000', '10,000']);
  });

  it('regression: a mean load axis read 0.8, 0.8, 0.8; now as many decimals as the step needs', () => {
    const labels = numberLabels(numberSplits(0.78, 0.87, 5));
    expect(labels).toEqual(['0.78', '0.80', '0.82', '0.84', '0.86']);
  });

  it('counts tick at whole numbers only (no 2.5 visitors waiting)', () => {
    expect(numberLabels(numberSplits(0, 9, 6, true))).toEqual(['0', '2', '4', '6', '8']);
    expect(numberSplits(0, 1, 6, true)).toEqual([0, 1]);
  });

  it('percent ticks', () => {
    expect(percentLabels([0, 0.25, 0.5, 0.75, 1])).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(percentLabels([0.9, 0.925, 0.95])).toEqual(['90.0%', '92.5%', '95.0%']);
  });

  it('any range: distinct labels, few enough ticks, all inside', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e7, noNaN: true }),
        fc.integer({ min: 3, max: 12 }),
        fc.boolean(),
        (min, span, n, integer) => {
          const splits = numberSplits(min, min + span, n, integer);
          const labels = numberLabels(splits);
          expect(splits.length).toBeLessThanOrEqual(n);
          expect(new Set(labels).size).toBe(labels.length);
          for (const v of splits) {
            expect(v).toBeGreaterThanOrEqual(min - 1e-6 * span);
            expect(v).toBeLessThanOrEqual(min + span + 1e-6 * span);
            if (integer) expect(Number.isInteger(v)).toBe(true);
          }
        },
      ),
    );
  });

  it('shows every k-th category label when they do not fit', () => {
    expect(categoryStride(4, 500, 90)).toBe(1);
    expect(categoryStride(40, 500, 90)).toBe(8);
  });
});

describe('number formats', () => {
  it('writes thousands separators and fixed decimals', () => {
    expect(count(16121)).toBe('16,121');
    expect(count(1234567.4)).toBe('1,234,567');
    expect(decimal(0.5028636, 2)).toBe('0.50');
    expect(decimal(-0.001, 2)).toBe('0.00');
    expect(percent(0.64)).toBe('64.0%');
    expect(percent(null)).toBe('—');
  });
});

/**
 * Scenario format v1's clock, arrival profiles, traces and shifts (issue 8): what they accept, what
 * they fill in, and one line per problem naming the field.
 */
import { describe, expect, it } from 'vitest';
import { formatErrors, parseScenario } from '../../src/sim/scenario/validate.ts';
import type { Scenario } from '../../src/sim/scenario/types.ts';
import { exampleScenario } from './fixtures.ts';
import { clock, clockStart } from '../../src/sim/format/time.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests break the types on purpose */

function problems(mutate: (s: any) => void): string[] {
  const s: any = structuredClone(exampleScenario());
  mutate(s);
  const result = parseScenario(s);
  return result.ok ? [] : formatErrors(result.errors);
}

function parsed(mutate: (s: any) => void): Scenario {
  const s: any = structuredClone(exampleScenario());
  mutate(s);
  const result = parseScenario(s);
  if (!result.ok) throw new Error(formatErrors(result.errors).join('\n'));
  return result.scenario;
}

const hours = (x: number) => Array.from({ length: 24 }, () => x);
const shifts = (...list: unknown[]) => ({ kind: 'shifts', shifts: list });

describe('startsAt', () => {
  it('is optional and stays absent when left out (Monday 00:00, elapsed-time display)', () => {
    expect(Object.keys(parsed(() => {}))).not.toContain('startsAt');
  });
  it('fills in a missing weekday or time', () => {
    expect(parsed((s) => (s.startsAt = { weekday: 'tuesday' })).startsAt).toEqual({
      weekday: 'tuesday',
      time: '00:00',
    });
    expect(parsed((s) => (s.startsAt = { time: '08:30' })).startsAt).toEqual({
      weekday: 'monday',
      time: '08:30',
    });
  });
  it('refuses a weekday that does not exist and a bad time, one line each', () => {
    expect(problems((s) => (s.startsAt = { weekday: 'funday', time: '25:00' }))).toEqual([
      'startsAt.weekday: "funday" is not a weekday (valid: "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")',
      'startsAt.time: "25:00" is not a time of day (expected "HH:MM", "00:00" to "23:59")',
    ]);
    expect(problems((s) => (s.startsAt = { time: '8:00' }))).toEqual([
      'startsAt.time: "8:00" is not a time of day (expected "HH:MM", "00:00" to "23:59")',
    ]);
    expect(problems((s) => (s.startsAt = { time: '24:00' }))).toHaveLength(1);
    expect(problems((s) => (s.startsAt = []))).toEqual([
      'startsAt: expected an object, got an array',
    ]);
    expect(problems((s) => (s.startsAt = { weekday: 'monday', tz: 'UTC' }))).toEqual([
      'startsAt.tz: unknown field (allowed: "weekday", "time")',
    ]);
  });
});

describe('arrivalsPerHour as an hourly profile', () => {
  it('fills in every weekday factor (1 when left out)', () => {
    const s = parsed(
      (s) => (s.visitors[0].arrivalsPerHour = { byHour: hours(2), byWeekday: { sunday: 0.2 } }),
    );
    expect(s.visitors[0].arrivalsPerHour).toEqual({
      byHour: hours(2),
      byWeekday: {
        monday: 1,
        tuesday: 1,
        wednesday: 1,
        thursday: 1,
        friday: 1,
        saturday: 1,
        sunday: 0.2,
      },
    });
  });
  it('is accepted once normalized, unchanged (the editor saves the normalized form)', () => {
    const s = parsed((s) => (s.visitors[0].arrivalsPerHour = { byHour: hours(3) }));
    expect(parseScenario(structuredClone(s))).toEqual({ ok: true, scenario: s });
  });
  it('refuses a byHour that is not 24 non-negative numbers', () => {
    expect(
      problems((s) => (s.visitors[0].arrivalsPerHour = { byHour: hours(1).slice(1) })),
    ).toEqual([
      'visitors[0].arrivalsPerHour.byHour: must have 24 numbers, one per hour from 00:00 to 23:00, got 23',
    ]);
    const negative = hours(1);
    negative[9] = -2;
    expect(problems((s) => (s.visitors[0].arrivalsPerHour = { byHour: negative }))).toEqual([
      'visitors[0].arrivalsPerHour.byHour[9]: must be at least 0, got -2',
    ]);
    const text: unknown[] = hours(1);
    text[3] = '4';
    expect(problems((s) => (s.visitors[0].arrivalsPerHour = { byHour: text }))).toEqual([
      'visitors[0].arrivalsPerHour.byHour[3]: expected a number, got "4"',
    ]);
    expect(problems((s) => (s.visitors[0].arrivalsPerHour = { byHour: 12 }))).toEqual([
      'visitors[0].arrivalsPerHour.byHour: expected an array of 24 numbers, got 12',
    ]);
    expect(problems((s) => (s.visitors[0].arrivalsPerHour = {}))).toEqual([
      'visitors[0].arrivalsPerHour.byHour: required field is missing',
    ]);
  });
  it('refuses an unknown weekday and a negative factor', () => {
    expect(
      problems(
        (s) =>
          (s.visitors[0].arrivalsPerHour = {
            byHour: hours(1),
            byWeekday: { mondy: 1, friday: -1 },
          }),
      ),
    ).toEqual([
      'visitors[0].arrivalsPerHour.byWeekday.friday: must be at least 0, got -1',
      'visitors[0].arrivalsPerHour.byWeekday.mondy: unknown field (did you mean "monday"?)',
    ]);
  });
  it('names what a rate may be when it is neither', () => {
    expect(problems((s) => (s.visitors[0].arrivalsPerHour = '12'))).toEqual([
      'visitors[0].arrivalsPerHour: expected a number or an object {"byHour": [24 numbers]}, got "12"',
    ]);
    expect(problems((s) => (s.visitors[0].arrivalsPerHour = -1))).toEqual([
      'visitors[0].arrivalsPerHour: must be at least 0, got -1',
    ]);
  });
});

describe('a trace stream (arrivals.trace)', () => {
  const trace = [
    { at: 120, chatSeconds: 300, lang: 'fr_FR', country: 'BE' },
    { at: 5, chatSeconds: 60 },
  ];
  it('sorts the trace by arrival and fills chatMinutes with the recorded mean', () => {
    const s = parsed((s) => {
      delete s.visitors[0].arrivalsPerHour;
      delete s.visitors[0].chatMinutes;
      s.visitors[0].arrivals = { trace };
    });
    expect(s.visitors[0].arrivals!.trace).toEqual([trace[1], trace[0]]);
    expect(s.visitors[0].chatMinutes).toEqual({ dist: 'fixed', value: 3 });
    expect(Object.keys(s.visitors[0])).not.toContain('arrivalsPerHour');
    expect(parseScenario(structuredClone(s))).toEqual({ ok: true, scenario: s });
  });
  it('refuses a stream with both a rate and a trace, or neither', () => {
    expect(problems((s) => (s.visitors[0].arrivals = { trace }))).toEqual([
      'visitors[0].arrivals: a stream has either arrivalsPerHour or arrivals.trace, not both',
    ]);
    expect(problems((s) => delete s.visitors[0].arrivalsPerHour)).toEqual([
      'visitors[0].arrivalsPerHour: required field is missing (or give arrivals.trace)',
    ]);
  });
  it('still needs chatMinutes on a rate stream', () => {
    expect(problems((s) => delete s.visitors[0].chatMinutes)).toEqual([
      'visitors[0].chatMinutes: required field is missing',
    ]);
  });
  it('names each bad entry', () => {
    expect(
      problems((s) => {
        delete s.visitors[0].arrivalsPerHour;
        s.visitors[0].arrivals = {
          trace: [
            { at: -1, chatSeconds: 10 },
            { at: 3600, chatSeconds: 10 },
            { at: 10, chatSeconds: -5 },
            { at: 10, chatSeconds: 5, lang: 'de_DE' },
            { at: 10 },
            { at: 10, chatSeconds: 5, duration: 3 },
          ],
        };
      }),
    ).toEqual([
      'visitors[0].arrivals.trace[0].at: must be at least 0, got -1',
      'visitors[0].arrivals.trace[2].chatSeconds: must be at least 0, got -5',
      'visitors[0].arrivals.trace[4].chatSeconds: required field is missing',
      'visitors[0].arrivals.trace[5].duration: unknown field (allowed: "at", "chatSeconds", "lang", "country")',
      'visitors[0].arrivals.trace[1].at: 3600 s is not before the end of the run (durationMinutes 60 = 3600 s)',
      'visitors[0].arrivals.trace[3].lang: "de_DE" is not an enabled language',
    ]);
  });
});

describe('activity kind "shifts"', () => {
  it('fills in breaks and keeps the shifts as written', () => {
    const s = parsed(
      (s) =>
        (s.operators[0].activity = shifts({
          days: ['monday', 'friday'],
          from: '09:00',
          to: '17:30',
        })),
    );
    expect(s.operators[0].activity).toEqual({
      kind: 'shifts',
      shifts: [{ days: ['monday', 'friday'], from: '09:00', to: '17:30' }],
      breaks: [],
    });
  });
  it('accepts a night shift across midnight, a shift ending at 24:00 and adjacent shifts', () => {
    expect(
      problems(
        (s) =>
          (s.operators[0].activity = shifts(
            { days: ['sunday'], from: '22:00', to: '06:00' },
            { days: ['monday'], from: '06:00', to: '24:00' },
            { days: ['tuesday'], from: '00:00', to: '08:00' },
          )),
      ),
    ).toEqual([]);
  });
  it('refuses overlapping shifts, also across midnight and the end of the week', () => {
    expect(
      problems(
        (s) =>
          (s.operators[0].activity = shifts(
            { days: ['monday', 'tuesday'], from: '09:00', to: '17:00' },
            { days: ['tuesday'], from: '16:00', to: '20:00' },
          )),
      ),
    ).toEqual([
      'operators[0].activity.shifts[1]: overlaps shifts[0] on tuesday (shifts[0] runs 09:00 to 17:00 from tuesday)',
    ]);
    expect(
      problems(
        (s) =>
          (s.operators[0].activity = shifts(
            { days: ['sunday'], from: '22:00', to: '06:00' },
            { days: ['monday'], from: '05:00', to: '12:00' },
          )),
      ),
    ).toEqual([
      'operators[0].activity.shifts[1]: overlaps shifts[0] on monday (shifts[0] runs 22:00 to 06:00 from sunday)',
    ]);
    // The same shift on two days: apart (08:00–09:00), apart in the evening, and 24 hours each,
    // back to back (12:00 to 12:00 the next day), which is not an overlap.
    for (const [from, to] of [
      ['08:00', '09:00'],
      ['20:00', '21:00'],
      ['12:00', '12:00'],
    ])
      expect(
        problems(
          (s) => (s.operators[0].activity = shifts({ days: ['monday', 'tuesday'], from, to })),
        ),
      ).toEqual([]);
  });
  it('refuses bad times, unknown days, repeated days and an empty list, one line each', () => {
    expect(
      problems(
        (s) =>
          (s.operators[0].activity = shifts(
            { days: ['monday', 'funday', 'monday'], from: '25:00', to: '9am' },
            { days: [], from: '09:00', to: '10:00' },
          )),
      ),
    ).toEqual([
      'operators[0].activity.shifts[0].days[1]: "funday" is not a weekday (valid: "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")',
      'operators[0].activity.shifts[0].from: "25:00" is not a time of day (expected "HH:MM", "00:00" to "23:59")',
      'operators[0].activity.shifts[0].to: "9am" is not a time of day (expected "HH:MM", "00:00" to "24:00")',
      'operators[0].activity.shifts[1].days: must list at least one day (e.g. ["monday"])',
      'operators[0].activity.shifts[0].days[2]: is listed twice (also days[0])',
    ]);
    expect(problems((s) => (s.operators[0].activity = shifts()))).toEqual([
      'operators[0].activity.shifts: must have at least one shift',
    ]);
    expect(problems((s) => (s.operators[0].activity = { kind: 'shifts' }))).toEqual([
      'operators[0].activity.shifts: required field is missing',
    ]);
  });
  it('refuses breaks that overlap or outlast the shortest shift', () => {
    expect(
      problems(
        (s) =>
          (s.operators[0].activity = {
            ...shifts(
              { days: ['monday'], from: '09:00', to: '17:00' },
              { days: ['tuesday'], from: '09:00', to: '13:00' },
            ),
            breaks: [
              { atMinute: 120, minutes: 30 },
              { atMinute: 130, minutes: 10 },
              { atMinute: 230, minutes: 15 },
            ],
          }),
      ),
    ).toEqual([
      'operators[0].activity.breaks[1].atMinute: overlaps breaks[0] (minutes 120 to 150)',
      'operators[0].activity.breaks[2]: ends 245 minutes after the shift starts, after the end of the shortest shift (240 minutes)',
    ]);
  });
});

describe('the clock a scenario is shown on', () => {
  it('is day and clock time when startsAt, a profile, a shift or a trace is used, else elapsed time', () => {
    expect(clockStart(exampleScenario())).toBeNull();
    const withProfile = parsed((s) => (s.visitors[0].arrivalsPerHour = { byHour: hours(1) }));
    expect(clockStart(withProfile)).toBe(0);
    expect(clock(3600 + 15 * 60, { start: clockStart(withProfile) })).toBe('Mon 01:15');
    const withShift = parsed(
      (s) => (s.operators[0].activity = shifts({ days: ['tuesday'], from: '09:00', to: '17:00' })),
    );
    expect(clockStart(withShift)).toBe(0);
    const tuesday = parsed((s) => (s.startsAt = { weekday: 'tuesday', time: '09:00' }));
    expect(clock(15 * 60, { start: clockStart(tuesday) })).toBe('Tue 09:15');
  });
});

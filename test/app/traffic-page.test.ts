/** The pure helpers behind the trainer page's traffic views (issue 8). */
import { describe, expect, it } from 'vitest';
import {
  arrivalMode,
  flatProfile,
  meanRate,
  parseHours,
  setArrivalMode,
} from '../../src/app/trainer/traffic/arrivals';
import { reportLines, runSessionsPerHour } from '../../src/app/trainer/traffic/report';
import { staffingRows, staffingSummary } from '../../src/app/trainer/traffic/staffing';
import { weekGrid } from '../../src/app/trainer/traffic/week';
import { summarize } from '../../src/sim/metrics';
import type { HourRow } from '../../src/sim/metrics/by-hour';
import type { ReportFigures } from '../../src/sim/import/odoo-sessions';
import { exampleScenario } from '../sim/fixtures';

const row = (p: Partial<HourRow>): HourRow => ({
  hour: 9,
  weekday: 'tuesday',
  arrivals: 10,
  answeredWithinTarget: 0.5,
  meanWaitSeconds: 12,
  onShift: 2,
  neededErlang: 2,
  ...p,
});

describe('staffing rows', () => {
  it('label each hour as day and clock time and mark the hours short of operators', () => {
    const rows = staffingRows([
      row({}),
      row({ hour: 10, neededErlang: 3 }),
      row({ hour: 11, onShift: 2.5, neededErlang: 3 }),
    ]);
    expect(rows.map((r) => [r.label, r.understaffed])).toEqual([
      ['Tue 09:00', false],
      ['Tue 10:00', true],
      ['Tue 11:00', true],
    ]);
    expect(staffingSummary(rows)).toBe('2 of 3 hours understaffed: Tue 10:00, Tue 11:00');
    expect(staffingSummary(staffingRows([row({})]))).toBe(
      'Enough operators on shift in all 1 hours',
    );
  });
});

describe('arrivals in the editor', () => {
  it('switch between a constant rate and a profile keeping the volume, and leave a trace alone', () => {
    const s = exampleScenario().visitors[0];
    s.arrivalsPerHour = 12;
    setArrivalMode(s, 'profile');
    expect(s.arrivalsPerHour).toEqual(flatProfile(12));
    expect(arrivalMode(s)).toBe('profile');
    setArrivalMode(s, 'rate');
    expect(s.arrivalsPerHour).toBe(12);
    const t = {
      ...s,
      arrivalsPerHour: undefined,
      arrivals: { trace: [{ at: 1, chatSeconds: 2 }] },
    };
    setArrivalMode(t, 'rate');
    expect(arrivalMode(t)).toBe('trace');
    expect(
      meanRate({
        ...flatProfile(10),
        byHour: [...new Array(12).fill(0), ...new Array(12).fill(20)],
      }),
    ).toBe(10);
    expect(parseHours('1, 2;3 4')).toEqual([1, 2, 3, 4]);
    expect(parseHours('1, x')).toEqual([1, NaN]);
  });
});

describe('the report beside a run', () => {
  it('sets the file’s figures beside the run’s, counting every visitor nobody answered', () => {
    const s = exampleScenario();
    const summary = summarize(s, []);
    const report: ReportFigures = {
      sessions: 70,
      sessionsPerHour: new Array(24).fill(0),
      byWeekdayHour: [],
      meanTimeToAnswerSeconds: 24.8,
      withoutAnswerShare: 0.041,
      days: 7,
    };
    expect(reportLines(report, summary)).toEqual([
      { label: 'Sessions', file: '70', run: '0' },
      { label: 'Sessions per day', file: '10.0', run: '0.0' },
      { label: 'Mean time to answer', file: '24.8 s', run: '–' },
      { label: 'Share without answer', file: '4.1%', run: '–' },
    ]);
    expect(
      runSessionsPerHour([row({ hour: 3, arrivals: 14 }), row({ hour: 3, arrivals: 0 })], 7)[3],
    ).toBe(2);
  });
});

describe('the week view', () => {
  it('puts each operator’s shifts and the expected visitors on the hours of the week', () => {
    const s = exampleScenario();
    s.startsAt = { weekday: 'tuesday', time: '08:00' };
    s.operators[0].activity = {
      kind: 'shifts',
      shifts: [{ days: ['sunday'], from: '22:30', to: '06:00' }],
      breaks: [],
    };
    s.visitors[0].arrivalsPerHour = {
      ...flatProfile(0),
      byHour: [...new Array(10).fill(0), 6, ...new Array(13).fill(0)],
    };
    const grid = weekGrid(s);
    const marc = grid.operators[0].onShift;
    // Sunday 22:00 is hour 6 × 24 + 22 = 166: half of it; Monday 00:00–06:00 whole; 06:00 none.
    expect(marc[166]).toBe(0.5);
    expect(marc[167]).toBe(1);
    expect(marc.slice(0, 6)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(marc[6]).toBe(0);
    expect(grid.operators[1].onShift.every((x) => x === 1)).toBe(true);
    // Profile 6 at 10:00 every day, plus the support stream's constant 6 per hour.
    expect(grid.arrivals[24 + 10]).toBeCloseTo(12, 9);
    expect(grid.arrivals[24 + 9]).toBeCloseTo(6, 9);
    expect(grid.onShift[0]).toBe(3);
  });
});

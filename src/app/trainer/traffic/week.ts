import { WEEKDAYS, type Scenario } from '../../../sim/scenario/types';
import { shiftOccurrences, startOffsetSeconds, WEEK_SECONDS } from '../../../sim/scenario/week';
import { expectedArrivals } from '../../../sim/traffic';

export interface WeekGrid {
  /** Expected visitors in each hour of the week, Monday 00:00 first (168 values). */
  arrivals: number[];
  /** Per operator: the share of each hour of the week they are on shift (168 values). */
  operators: { id: string; name: string; onShift: number[] }[];
  /** Operators on shift per hour, summed. */
  onShift: number[];
}

/**
 * The scenario's week, Monday 00:00 to Sunday 24:00 on its clock: who is on shift in each hour
 * against the visitors expected then (the editor's week view). An operator without shifts is on
 * shift all week.
 */
export function weekGrid(scenario: Scenario): WeekGrid {
  const offset = startOffsetSeconds(scenario.startsAt);
  /** Simulated time of the start of hour `h` of the week, within the run's first week. */
  const at = (h: number) => (((h * 3600 - offset) % WEEK_SECONDS) + WEEK_SECONDS) % WEEK_SECONDS;
  const hours = Array.from({ length: 168 }, (_, h) => h);
  const arrivals = hours.map((h) =>
    scenario.visitors.reduce(
      (sum, v) => sum + expectedArrivals(scenario, v, at(h), at(h) + 3600),
      0,
    ),
  );
  const operators = scenario.operators.map((op) => {
    const a = op.activity;
    const onShift = hours.map((h) => {
      if (a.kind !== 'shifts') return 1;
      const from = at(h);
      let covered = 0;
      for (const o of shiftOccurrences(a.shifts, a.breaks, offset, from, from + 3600))
        covered += Math.min(from + 3600, o.end) - Math.max(from, o.start);
      return covered / 3600;
    });
    return { id: op.id, name: op.name, onShift };
  });
  const onShift = hours.map((h) => operators.reduce((sum, o) => sum + o.onShift[h], 0));
  return { arrivals, operators, onShift };
}

export const DAY_LABELS = WEEKDAYS.map((d) => d.slice(0, 1).toUpperCase() + d.slice(1, 3));

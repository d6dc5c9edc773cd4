import type { HourRow } from '../../../sim/metrics/by-hour';
import { WEEKDAYS } from '../../../sim/scenario/types';

const SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface StaffingRow extends HourRow {
  /** "Tue 09:00". */
  label: string;
  /** Fewer operators on shift than the hour needs. */
  understaffed: boolean;
}

/** The staffing table's rows, labelled, with the hours short of operators marked. */
export function staffingRows(rows: readonly HourRow[]): StaffingRow[] {
  return rows.map((r) => ({
    ...r,
    label: `${SHORT[WEEKDAYS.indexOf(r.weekday)]} ${String(r.hour).padStart(2, '0')}:00`,
    understaffed: r.neededErlang > r.onShift + 1e-9,
  }));
}

/** "5 of 168 hours understaffed (Mon 09:00–11:00, …)" in words, for the caption. */
export function staffingSummary(rows: readonly StaffingRow[]): string {
  const short = rows.filter((r) => r.understaffed);
  if (short.length === 0) return `Enough operators on shift in all ${rows.length} hours`;
  const first = short.slice(0, 4).map((r) => r.label);
  return `${short.length} of ${rows.length} hours understaffed: ${first.join(', ')}${short.length > 4 ? ', …' : ''}`;
}

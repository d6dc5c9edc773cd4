/**
 * Simulated-time formatting. Everything on the page is in simulated seconds since the start of the
 * run; the issue asks for `mm:ss` for durations and `hh:mm` for clock times.
 */

const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');

/** A clock time `hh:mm` (simulated day starts at 00:00); past a day it gets a `d2 ` prefix. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const day = Math.floor(s / 86400);
  const rest = s % 86400;
  const hhmm = `${pad(rest / 3600)}:${pad((rest % 3600) / 60)}`;
  return day > 0 ? `d${day + 1} ${hhmm}` : hhmm;
}

/** A clock time with seconds, `hh:mm:ss`, for the run controls. */
export function clockSeconds(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${clock(s)}:${pad(s % 60)}`;
}

/** A duration `mm:ss`; `h:mm:ss` once it reaches an hour. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const mmss = `${pad((s % 3600) / 60)}:${pad(s % 60)}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** "30 min", "1 h 5 min", "45 s": prose durations for the event feed. */
export function prose(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

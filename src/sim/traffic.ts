/**
 * Visitor traffic as the engine schedules it: a constant Poisson rate, an hourly profile (a
 * non-homogeneous Poisson process with a rate constant within each hour of the week), or a trace of
 * recorded arrivals. Pure: the arrival times come from the seeded stream passed in.
 */
import type { Rng } from './random.ts';
import type { ArrivalProfile, Scenario, VisitorStream } from './scenario/types.ts';
import { profileRate, startOffsetSeconds, weekPosition } from './scenario/week.ts';

/**
 * The next arrival after `from` of a Poisson process whose rate (visitors per hour) is
 * `profile`'s in each hour of the week, exactly: one unit-exponential draw is spent through the
 * hours by the integrated rate (inversion of the cumulative intensity), so hours with no traffic
 * are skipped, and a rate that changes at the hour changes the gaps at the hour, not at the next
 * arrival. Infinity when no arrival comes before `until`.
 */
export function nextProfileArrival(
  profile: ArrivalProfile,
  offsetSeconds: number,
  from: number,
  until: number,
  rng: Rng,
): number {
  let need = rng.exponential(1);
  let t = from;
  while (t < until) {
    const { weekday, hour } = weekPosition(offsetSeconds, t);
    // The end of this hour, in simulated seconds (exact at every hour: no accumulated rounding).
    const hourEnd = (Math.floor((offsetSeconds + t) / 3600) + 1) * 3600 - offsetSeconds;
    const perSecond = profileRate(profile, weekday, hour) / 3600;
    const mass = perSecond * (hourEnd - t);
    if (perSecond > 0 && mass >= need) return t + need / perSecond;
    need -= mass;
    t = hourEnd;
  }
  return Infinity;
}

/**
 * Visitors a stream is expected to bring during simulated [from, to): the integral of its rate, or
 * the recorded arrivals of a trace that fall in it.
 */
export function expectedArrivals(
  scenario: Pick<Scenario, 'startsAt'>,
  stream: Pick<VisitorStream, 'arrivalsPerHour' | 'arrivals'>,
  from: number,
  to: number,
): number {
  if (to <= from) return 0;
  const rate = stream.arrivalsPerHour;
  if (stream.arrivals) return stream.arrivals.trace.filter((x) => x.at >= from && x.at < to).length;
  if (rate === undefined) return 0;
  if (typeof rate === 'number') return (rate * (to - from)) / 3600;
  const offset = startOffsetSeconds(scenario.startsAt);
  let sum = 0;
  for (let t = from; t < to;) {
    const { weekday, hour } = weekPosition(offset, t);
    const hourEnd = Math.min(to, (Math.floor((offset + t) / 3600) + 1) * 3600 - offset);
    sum += (profileRate(rate, weekday, hour) * (hourEnd - t)) / 3600;
    t = hourEnd;
  }
  return sum;
}

/** Whether times in this scenario are best read as day and clock time ("Tue 09:15"). */
export function usesClock(
  scenario: Pick<Scenario, 'startsAt' | 'operators' | 'visitors'>,
): boolean {
  return (
    scenario.startsAt !== undefined ||
    scenario.operators.some((o) => o.activity.kind === 'shifts') ||
    scenario.visitors.some((v) => v.arrivals !== undefined || typeof v.arrivalsPerHour === 'object')
  );
}

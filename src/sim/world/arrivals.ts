/**
 * Visitor traffic: when visitors arrive on each stream of the scenario, and who they are (language,
 * country, returning, patience, chat length). A stream's arrivals follow a constant rate, an hourly
 * profile on the scenario's clock (traffic.ts), or a trace of recorded visitors replayed as they came. Each stream draws from its own seeded rng, at
 * arrival, so the same seed gives the same visitors whatever the policy (common random numbers).
 * An arrival only makes the visitor's record and starts its machine; routing.ts decides the rest.
 */
import { EventQueue, type Scheduled } from '../clock.ts';
import type { VisitorHost } from '../machines/visitor.ts';
import { cumulativeWeights, sampler, stream, type Rng, type Sampler } from '../random.ts';
import {
  languageInterner,
  type ArrivalProfile,
  type Scenario,
  type TraceArrival,
  type VisitorStream,
} from '../scenario/types.ts';
import { startOffsetSeconds } from '../scenario/week.ts';
import { nextProfileArrival } from '../traffic.ts';
import type { Books } from './books.ts';
import { stamp } from './log.ts';
import { Visitor, type ChannelRecord, type VisitorRecord } from './records.ts';

/** Heap entry kind of an arrival (the runtimes use kinds below 10). */
export const KIND_ARRIVAL = 10;

interface StreamState {
  spec: VisitorStream;
  /** A profile stream draws its arrival times from their own stream, apart from who arrives. */
  profile: ArrivalProfile | null;
  timeRng: Rng | null;
  /** A trace stream's recorded visitors, and the next one to arrive. */
  trace: TraceArrival[] | null;
  next: number;
  channel: ChannelRecord;
  rng: Rng;
  chat: Sampler;
  patience: Sampler | null;
  langs: { keys: string[]; cumulative: number[] };
  countries: { keys: string[]; cumulative: number[] } | null;
  /** Operators whose scenario channels include this stream's channel (candidates for "previous operator"). */
  regulars: string[];
}

export class Arrivals {
  /** Arrivals scheduled and not yet happened. */
  pending = 0;
  private serial = 0;
  private readonly streams: StreamState[];

  constructor(
    scenario: Scenario,
    seed: number,
    books: Books,
    private readonly queue: EventQueue,
    /** Simulated seconds: no visitor arrives at or after it. */
    private readonly horizon: number,
  ) {
    this.offset = startOffsetSeconds(scenario.startsAt);
    const lang = (this.lang = languageInterner(scenario));
    const languagesOf = (weights: Record<string, number>) => {
      const w = cumulativeWeights(weights);
      return { keys: w.keys.map(lang), cumulative: w.cumulative };
    };
    this.streams = scenario.visitors.map((spec, i) => ({
      spec,
      profile: typeof spec.arrivalsPerHour === 'object' ? spec.arrivalsPerHour : null,
      timeRng: typeof spec.arrivalsPerHour === 'object' ? stream(seed, `arrivals:${i}`) : null,
      trace: spec.arrivals?.trace ?? null,
      next: 0,
      channel: books.channelById.get(spec.channel)!,
      rng: stream(seed, `visitors:${i}`),
      chat: sampler(spec.chatMinutes),
      patience: spec.patienceMinutes ? sampler(spec.patienceMinutes) : null,
      langs: languagesOf(spec.languages),
      countries: spec.countries ? cumulativeWeights(spec.countries) : null,
      regulars: scenario.operators
        .filter((o) => o.channels.includes(spec.channel))
        .map((o) => o.id),
    }));
  }

  /** Schedules each stream's first arrival. */
  start(): void {
    this.streams.forEach((_, i) => this.schedule(i, 0));
  }

  /** Seconds from Monday 00:00 to time 0: where a profile's hours fall. */
  private readonly offset: number;
  /** The scenario's own string for a language code (languageInterner). */
  private readonly lang: (lang: string) => string;

  private schedule(streamIndex: number, from: number): void {
    const s = this.streams[streamIndex];
    let t: number;
    if (s.trace) {
      if (s.next >= s.trace.length) return;
      t = s.trace[s.next].at;
    } else if (s.profile) {
      t = nextProfileArrival(s.profile, this.offset, from, this.horizon, s.timeRng!);
      if (t === Infinity) return;
    } else {
      const rate = s.spec.arrivalsPerHour as number;
      if (rate <= 0) return;
      t = from + s.rng.exponential(3600 / rate);
    }
    // Compared as logged (to the millisecond): a visitor drawn a fraction of a millisecond before
    // the horizon would otherwise be logged as arriving at it, outside [0, duration).
    if (stamp(t) >= this.horizon) return;
    this.pending++;
    this.queue.push(t, KIND_ARRIVAL, streamIndex);
  }

  /** The arrival `e` happens now (`e.t`): draws the visitor and schedules the stream's next one. */
  arrive(e: Scheduled<number>, host: VisitorHost): VisitorRecord {
    this.pending--;
    const now = e.t;
    const s = this.streams[e.payload];
    const rng = s.rng;
    // A recorded visitor keeps what the record says; only what it leaves out is drawn.
    const recorded = s.trace ? s.trace[s.next++] : null;
    const lang =
      recorded?.lang !== undefined
        ? this.lang(recorded.lang)
        : s.langs.keys[rng.weighted(s.langs.cumulative)];
    const country =
      recorded?.country ??
      (s.countries ? s.countries.keys[rng.weighted(s.countries.cumulative)] : undefined);
    let previousOperator: string | undefined;
    if (
      s.spec.returningFraction > 0 &&
      rng.uniform() < s.spec.returningFraction &&
      s.regulars.length > 0
    )
      previousOperator = s.regulars[rng.int(s.regulars.length)];
    const chatSeconds = recorded ? recorded.chatSeconds : Math.max(0, rng.draw(s.chat) * 60);
    const patienceSeconds = s.patience ? Math.max(0, rng.draw(s.patience) * 60) : Infinity;
    this.schedule(e.payload, now);

    return new Visitor(
      host,
      ++this.serial,
      s.channel,
      lang,
      country,
      s.spec.expertises,
      previousOperator,
      now,
      patienceSeconds,
      chatSeconds,
    );
  }
}

/**
 * The scenario format, version 1 (`"format": "livechat-sandbox/scenario@1"`).
 * A public file format: documented in docs/scenario-format.md. These are the *normalized* types,
 * with every default filled in; `ScenarioInput` is what a file may contain.
 */

export const SCENARIO_FORMAT = 'livechat-sandbox/scenario@1';

export type Dist =
  | { dist: 'exponential'; mean: number }
  | { dist: 'fixed'; value: number }
  | { dist: 'lognormal'; mean: number; sd: number }
  | { dist: 'uniform'; min: number; max: number };

/** What happens to a visitor when no operator is available. */
export type WhenNoOperator =
  /** Odoo's behaviour: no session, "No available collaborator". */
  | 'unavailable'
  /** A what-if (not Odoo): FIFO queue per channel, with patience and abandonment. */
  | 'queue';

/** What 30 minutes without activity does to an operator. */
export type InactivityEffect =
  /** The guide's wording: disconnected and removed from the channel. */
  | 'remove'
  /** Odoo's code (bus presence AWAY_TIMER): still a member, presence `away`, not assignable. */
  | 'away';

export interface Break {
  atMinute: number;
  minutes: number;
}

/** Days of the week, Monday first (ISO 8601), as scenario files spell them. */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The wall-clock moment simulated time 0 stands for: a weekday and a time of day ("08:00"). */
export interface StartsAt {
  weekday: Weekday;
  time: string;
}

/**
 * An operator's working hours: on each of `days`, from `from` to `to` ("HH:MM"). A `to` at or before
 * `from` ends the next day (a night shift, "22:00"–"06:00"); `from` equal to `to` is 24 hours.
 */
export interface Shift {
  days: Weekday[];
  from: string;
  to: string;
}

export type Activity =
  | { kind: 'always' }
  | { kind: 'breaks'; breaks: Break[] }
  /** Random breaks: the gap between breaks and their length are drawn from distributions (minutes). */
  | { kind: 'random-breaks'; everyMinutes: Dist; minutes: Dist }
  /** A human trainee in the practice console: activity comes from their inputs. */
  | { kind: 'trainee' }
  /** Works shifts only; `breaks` are minutes after each shift's start. */
  | { kind: 'shifts'; shifts: Shift[]; breaks: Break[] };

export interface Channel {
  id: string;
  name: string;
  /** Per-channel limit of ongoing sessions per operator (Odoo 18.1+); null = unlimited (Odoo's default). */
  maxSessions: number | null;
}

export interface Operator {
  id: string;
  /** The user's name. */
  name: string;
  /** Online Chat Name shown to visitors; falls back to `name` when empty. */
  chatName?: string;
  /** Main language (the user's language). */
  lang: string;
  /** Online Chat Languages: extra languages, enabled ones only. */
  extraLanguages: string[];
  country?: string;
  expertises: string[];
  /** Channels the operator is a member of at t=0. */
  channels: string[];
  activity: Activity;
}

/**
 * A rate that follows the clock: `byHour[h]` visitors per hour between h:00 and h+1:00, times the
 * weekday's factor. Normalized, `byWeekday` names all seven days.
 */
export interface ArrivalProfile {
  byHour: number[];
  byWeekday: Record<Weekday, number>;
}

/** One recorded visitor of a replayed stream: arrives `at` seconds after time 0. */
export interface TraceArrival {
  at: number;
  /** The recorded chat length (Odoo's Duration). */
  chatSeconds: number;
  /** Drawn from the stream's `languages` when absent. */
  lang?: string;
  /** Drawn from the stream's `countries` (if any) when absent. */
  country?: string;
}

export interface VisitorStream {
  channel: string;
  /**
   * A constant Poisson rate, or an hourly profile (a non-homogeneous Poisson process). Absent when
   * the stream replays a trace: a stream has one or the other.
   */
  arrivalsPerHour?: number | ArrivalProfile;
  /** Recorded visitors, replayed as they came (sorted by `at` once normalized). */
  arrivals?: { trace: TraceArrival[] };
  /** Language code → weight. */
  languages: Record<string, number>;
  /** Country code → weight. */
  countries?: Record<string, number>;
  /** Expertises every visitor of this stream asks for (Odoo 19). */
  expertises: string[];
  /** Fraction of visitors who come back and have a previous operator (Odoo's 7-day cookie). */
  returningFraction: number;
  /**
   * Minutes from the operator being at the keyboard to the end of the chat. A trace stream may leave
   * it out (each visitor has its chatSeconds); it is then the trace's mean, for staffing estimates.
   */
  chatMinutes: Dist;
  /** Minutes a visitor waits before leaving; absent = waits as long as it takes. */
  patienceMinutes?: Dist;
}

export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  name: string;
  description?: string;
  seed: number;
  durationMinutes: number;
  /** What time 0 is on the clock; absent = Monday 00:00 (and times show as elapsed time). */
  startsAt?: StartsAt;
  policy: string;
  whenNoOperator: WhenNoOperator;
  inactivity: { timeoutMinutes: number; effect: InactivityEffect };
  serviceLevelSeconds: number;
  languages: string[];
  channels: Channel[];
  operators: Operator[];
  visitors: VisitorStream[];
}

/** The Online Chat Name visitors see (Odoo: `livechat_username` or the user's name). */
export function chatNameOf(op: Pick<Operator, 'name' | 'chatName'>): string {
  return op.chatName && op.chatName.trim() !== '' ? op.chatName : op.name;
}

/** Whether the operator speaks `lang` as main language or Online Chat Language. */
export function speaks(op: Pick<Operator, 'lang' | 'extraLanguages'>, lang: string): boolean {
  return op.lang === lang || op.extraLanguages.includes(lang);
}

/** The policy registry's names (src/sim/policies/index.ts implements each). */
export const POLICY_NAMES = [
  'odoo',
  'odoo-19',
  'round-robin',
  'balanced',
  'load-rotation',
  'language-strict',
] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

/**
 * Maps each string equal to one of the scenario's languages to that very string object. A file's
 * language codes arrive as distinct string objects (JSON values, object keys); comparing two equal
 * but distinct strings reads their characters, comparing one object with itself does not, and the
 * engine and the metrics compare languages for every visitor.
 */
export function languageInterner(scenario: Pick<Scenario, 'languages'>): (lang: string) => string {
  const own = new Map<string, string>();
  for (const l of scenario.languages) own.set(l, l);
  return (lang) => own.get(lang) ?? lang;
}

/**
 * The stored form of a run's event log: chunks of up to {@link CHUNK_SIZE} events as typed-array
 * columns (DESIGN.md rule 5). One IndexedDB row per event writes ~15k events/s in Chromium; columns
 * write and read millions per second because structured clone copies a typed array as one block.
 *
 * Columns, one entry per event:
 * - `t`: simulated time, stored exactly (in whole milliseconds when possible).
 * - `type` (Uint8Array): index in {@link EVENT_TYPES}; {@link VERBATIM} for an event kept as JSON.
 * - `operator`, `visitor`, `channel`: index in the chunk's string table (unused when the event
 *   has no such field).
 * - `code` (Uint8Array): the event's enum (status, join/leave/abandon reason) or presence bits of
 *   optional fields.
 * - `extra` (variable length, read in event order): the rare or variable payload, e.g. a
 *   queue position, a visitor's language, or an assignment's reason (policy/tier/rule string ids,
 *   ties, then candidate operator ids with their loads, then exclusions as operator id × 4 + why).
 *
 * Integer columns are Int32Array while encoding and narrowed to Uint16Array when every value fits:
 * bytes written are most of IndexedDB's cost.
 *
 * Each chunk carries its own string table, so a chunk decodes alone: a run cut short by a crash or a
 * full disk keeps every chunk it wrote readable, with no separate table to keep in sync.
 *
 * Byte-identical round trip: decoded events are built with the keys in the *canonical order* below
 * (`t`, `type`, then the fields as declared in src/sim/events.ts). An event whose keys, types or
 * values do not fit the columns (another key order, an unknown type, a non-integer load...) is kept
 * verbatim as JSON in the string table, so decoding never changes an event, only its speed.
 */
import {
  EVENT_TYPES,
  type AssignmentReason,
  type Candidate,
  type Exclusion,
  type ExclusionWhy,
  type SimEvent,
  type SimEventType,
} from '../sim/events';

/** Events per stored chunk: ~49 chunks for a 200k-event run. */
export const CHUNK_SIZE = 4096;

/** Type code of an event kept verbatim as JSON (its string id sits in the `operator` column). */
export const VERBATIM = 255;

/** A column of small non-negative integers, narrowed to 16 bits when every value fits. */
export type IntColumn = Int32Array | Uint16Array;

/** The stored columns of one chunk (without the row's key). */
export interface EncodedChunk {
  count: number;
  /**
   * Simulated times: whole milliseconds (Uint32Array, t = ms / 1000) when every time of the chunk
   * is one exactly, as the engine stamps them; else seconds (Float64Array). Half the bytes.
   */
  t: Float64Array | Uint32Array;
  type: Uint8Array;
  operator: IntColumn;
  visitor: IntColumn;
  channel: IntColumn;
  code: Uint8Array;
  extra: IntColumn;
  /** The chunk's string table as a JSON array (one string is far cheaper to clone than many). */
  strings: string;
}

const TYPE_CODE: Record<string, number> = Object.create(null);
EVENT_TYPES.forEach((type, i) => (TYPE_CODE[type] = i));
const T = (type: SimEventType): number => TYPE_CODE[type];

const JOINED = T('operator.joined');
const LEFT = T('operator.left');
const STATUS = T('operator.status');
const BREAK_STARTED = T('operator.break.started');
const BREAK_ENDED = T('operator.break.ended');
const LANGUAGES = T('operator.languages');
const ARRIVED = T('visitor.arrived');
const QUEUED = T('visitor.queued');
const ASSIGNED = T('visitor.assigned');
const UNAVAILABLE = T('visitor.unavailable');
const ABANDONED = T('visitor.abandoned');
const UNANSWERED = T('visitor.unanswered');
const CHAT_STARTED = T('chat.started');
const CHAT_ENDED = T('chat.ended');

/** Enum ↔ code tables; code 0 of an optional enum means "absent". */
// Append only: stored runs hold the index (issue 8 added `shift`).
const JOIN_REASONS = ['start', 'return', 'join', 'shift'] as const;
const LEAVE_REASONS = ['inactivity', 'leave', 'shift'] as const;
const STATUSES = ['online', 'away', 'offline'] as const;
const ABANDON_REASONS = [undefined, 'patience', 'run-ended'] as const;
const EXCLUSION_WHYS: readonly ExclusionWhy[] = ['away', 'offline', 'capacity', 'not-eligible'];

function codes(values: readonly (string | undefined)[]): Record<string, number> {
  const map: Record<string, number> = Object.create(null);
  values.forEach((v, i) => {
    if (v !== undefined) map[v] = i;
  });
  return map;
}
const JOIN_CODE = codes(JOIN_REASONS);
const LEAVE_CODE = codes(LEAVE_REASONS);
const STATUS_CODE = codes(STATUSES);
const ABANDON_CODE = codes(ABANDON_REASONS);

/** Presence bits in `code` for optional fields. */
const HAS_COUNTRY = 1;
const HAS_EXPERTISES = 2;
const HAS_PREVIOUS = 4;
const HAS_EXCLUDED = 1;

/**
 * Canonical key order per type code; a `?` suffix marks an optional key. Must list keys in the
 * order the decoder below builds them.
 */
const SHAPES: string[][] = [];
SHAPES[JOINED] = ['t', 'type', 'operator', 'channel', 'reason'];
SHAPES[LEFT] = ['t', 'type', 'operator', 'channel', 'reason'];
SHAPES[STATUS] = ['t', 'type', 'operator', 'status'];
SHAPES[BREAK_STARTED] = ['t', 'type', 'operator'];
SHAPES[BREAK_ENDED] = ['t', 'type', 'operator'];
SHAPES[LANGUAGES] = ['t', 'type', 'operator', 'languages'];
SHAPES[ARRIVED] = [
  't',
  'type',
  'visitor',
  'channel',
  'lang',
  'country?',
  'expertises?',
  'previousOperator?',
];
SHAPES[QUEUED] = ['t', 'type', 'visitor', 'channel', 'position'];
SHAPES[ASSIGNED] = ['t', 'type', 'visitor', 'operator', 'channel', 'reason'];
SHAPES[UNAVAILABLE] = ['t', 'type', 'visitor', 'channel'];
SHAPES[ABANDONED] = ['t', 'type', 'visitor', 'channel', 'reason?'];
SHAPES[UNANSWERED] = ['t', 'type', 'visitor', 'operator', 'channel'];
SHAPES[CHAT_STARTED] = ['t', 'type', 'visitor', 'operator'];
SHAPES[CHAT_ENDED] = ['t', 'type', 'visitor', 'operator'];
const REASON_SHAPE = ['policy', 'tier', 'rule', 'candidates', 'ties', 'excluded?'];

interface CompiledShape {
  keys: string[];
  optional: boolean[];
}
const compile = (shape: string[]): CompiledShape => ({
  keys: shape.map((k) => k.replace(/\?$/, '')),
  optional: shape.map((k) => k.endsWith('?')),
});
const COMPILED: CompiledShape[] = SHAPES.map(compile);
const COMPILED_REASON = compile(REASON_SHAPE);

/**
 * Whether `o` has exactly the shape's keys, in order, with optional keys either absent or defined.
 * Key order matters: JSON.stringify follows it, and a round trip must be byte-identical.
 */
function hasShape(o: object, shape: CompiledShape): boolean {
  const want = shape.keys;
  const optional = shape.optional;
  let j = 0;
  // for-in, not Object.keys: no array per event (half the encoder's garbage). Events are plain
  // objects, so for-in sees exactly their own keys, in insertion order.
  for (const k in o) {
    while (j < want.length && want[j] !== k && optional[j]) j++;
    if (j === want.length || want[j] !== k) return false;
    if (optional[j] && (o as Record<string, unknown>)[k] === undefined) return false;
    j++;
  }
  for (; j < want.length; j++) if (!optional[j]) return false;
  return true;
}

const isInt32 = (v: unknown): v is number => typeof v === 'number' && (v | 0) === v;

interface SlotCache {
  keys: string[];
  ids: number[];
}

/** Whether `o` has exactly the keys `a` then `b` (the {@link hasShape} of a two-key entry). */
function isPair(o: object, a: string, b: string): boolean {
  let n = 0;
  for (const k in o) {
    if (k !== (n === 0 ? a : b) || n === 2) return false;
    n++;
  }
  return n === 2;
}

/** Exclusion reason code, -1 when unknown (a switch on interned strings beats a table lookup). */
function whyCode(why: unknown): number {
  switch (why) {
    case 'away':
      return 0;
    case 'offline':
      return 1;
    case 'capacity':
      return 2;
    case 'not-eligible':
      return 3;
    default:
      return -1;
  }
}

/** `values` as Uint16Array when each fits in 16 bits, else a compact copy. */
function narrow(values: Int32Array): IntColumn {
  for (let i = 0; i < values.length; i++) {
    if (values[i] >>> 16 !== 0) return values.slice();
  }
  return new Uint16Array(values);
}

/** Times as whole milliseconds when every one converts back exactly, else the seconds as they are. */
function millisecondsOrSeconds(t: Float64Array): Float64Array | Uint32Array {
  const ms = new Uint32Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const m = Math.round(t[i] * 1000);
    if (!(m >= 0 && m <= 0xffffffff && m / 1000 === t[i])) return t;
    ms[i] = m;
  }
  return ms;
}

/** Builds one chunk: its columns, string table and growable `extra`. */
class ChunkEncoder {
  private readonly strings: string[] = [];
  /** A prototype-less object, not a Map: measured ~10% faster for this many lookups. */
  private readonly ids: Record<string, number> = Object.create(null);
  private extra: Int32Array;
  private x = 0;
  private readonly t: Float64Array;
  private readonly type: Uint8Array;
  private readonly operator: Int32Array;
  private readonly visitor: Int32Array;
  private readonly channel: Int32Array;
  private readonly code: Uint8Array;

  constructor(private readonly n: number) {
    this.t = new Float64Array(n);
    this.type = new Uint8Array(n);
    this.operator = new Int32Array(n);
    this.visitor = new Int32Array(n);
    this.channel = new Int32Array(n);
    this.code = new Uint8Array(n);
    this.extra = new Int32Array(Math.max(256, n * 4));
  }

  private id(s: string): number {
    let i = this.ids[s];
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.ids[s] = i;
    }
    return i;
  }

  private push(v: number): void {
    if (this.x === this.extra.length) {
      const grown = new Int32Array(this.extra.length * 2);
      grown.set(this.extra);
      this.extra = grown;
    }
    this.extra[this.x++] = v;
  }

  /**
   * `id(s)` through a one-entry cache per list position: candidates and exclusions list channel
   * members in scenario order, so position j mostly holds the same operator string as last time,
   * and comparing one pointer is cheaper than a table lookup.
   */
  private slotId(slots: SlotCache, j: number, s: string): number {
    if (slots.keys[j] === s) return slots.ids[j];
    const i = this.id(s);
    slots.keys[j] = s;
    slots.ids[j] = i;
    return i;
  }
  private readonly candidateSlots: SlotCache = { keys: [], ids: [] };
  private readonly exclusionSlots: SlotCache = { keys: [], ids: [] };

  /** Pushes a string list; false when it is not one. */
  private pushStrings(list: unknown): boolean {
    if (!Array.isArray(list)) return false;
    this.push(list.length);
    for (let j = 0; j < list.length; j++) {
      const s = list[j];
      if (typeof s !== 'string') return false;
      this.push(this.id(s));
    }
    return true;
  }

  encode(events: readonly SimEvent[], start: number): EncodedChunk {
    for (let i = 0; i < this.n; i++) {
      const e = events[start + i];
      const mark = this.x;
      if (!this.row(e, i)) {
        // Undo any half-written payload, then keep the event verbatim.
        this.x = mark;
        // The time column stays readable without decoding; 0 when the event has no usable time.
        this.t[i] = e !== null && typeof e === 'object' && Number.isFinite(e.t) ? e.t : 0;
        this.type[i] = VERBATIM;
        this.operator[i] = this.id(JSON.stringify(e));
        this.code[i] = 0;
      }
    }
    const idsFit = this.strings.length <= 0x10000;
    return {
      count: this.n,
      t: millisecondsOrSeconds(this.t),
      type: this.type,
      operator: idsFit ? new Uint16Array(this.operator) : this.operator,
      visitor: idsFit ? new Uint16Array(this.visitor) : this.visitor,
      channel: idsFit ? new Uint16Array(this.channel) : this.channel,
      code: this.code,
      extra: narrow(this.extra.subarray(0, this.x)),
      strings: JSON.stringify(this.strings),
    };
  }

  /** `operator`, `visitor`, `channel` of row i; false unless each is a string. */
  private op(i: number, v: unknown): boolean {
    if (typeof v !== 'string') return false;
    this.operator[i] = this.id(v);
    return true;
  }
  private vis(i: number, v: unknown): boolean {
    if (typeof v !== 'string') return false;
    this.visitor[i] = this.id(v);
    return true;
  }
  private ch(i: number, v: unknown): boolean {
    if (typeof v !== 'string') return false;
    this.channel[i] = this.id(v);
    return true;
  }

  /** Writes `e` into row `i`; false when it does not fit the columns exactly. */
  private row(e: SimEvent, i: number): boolean {
    if (e === null || typeof e !== 'object') return false;
    const c = TYPE_CODE[e.type];
    const t = e.t;
    if (c === undefined || typeof t !== 'number' || !hasShape(e, COMPILED[c])) return false;
    let k: number | undefined = 0;
    switch (e.type) {
      case 'operator.joined':
        if (!this.op(i, e.operator) || !this.ch(i, e.channel)) return false;
        k = JOIN_CODE[e.reason];
        break;
      case 'operator.left':
        if (!this.op(i, e.operator) || !this.ch(i, e.channel)) return false;
        k = LEAVE_CODE[e.reason];
        break;
      case 'operator.status':
        if (!this.op(i, e.operator)) return false;
        k = STATUS_CODE[e.status];
        break;
      case 'operator.break.started':
      case 'operator.break.ended':
        if (!this.op(i, e.operator)) return false;
        break;
      case 'operator.languages':
        if (!this.op(i, e.operator) || !this.pushStrings(e.languages)) return false;
        break;
      case 'visitor.arrived':
        if (!this.vis(i, e.visitor) || !this.ch(i, e.channel) || typeof e.lang !== 'string') {
          return false;
        }
        this.push(this.id(e.lang));
        if (e.country !== undefined) {
          if (typeof e.country !== 'string') return false;
          k |= HAS_COUNTRY;
          this.push(this.id(e.country));
        }
        if (e.expertises !== undefined) {
          if (!this.pushStrings(e.expertises)) return false;
          k |= HAS_EXPERTISES;
        }
        if (e.previousOperator !== undefined) {
          if (typeof e.previousOperator !== 'string') return false;
          k |= HAS_PREVIOUS;
          this.push(this.id(e.previousOperator));
        }
        break;
      case 'visitor.queued':
        if (!this.vis(i, e.visitor) || !this.ch(i, e.channel) || !isInt32(e.position)) return false;
        this.push(e.position);
        break;
      case 'visitor.assigned':
        if (!this.vis(i, e.visitor) || !this.op(i, e.operator) || !this.ch(i, e.channel)) {
          return false;
        }
        k = this.reason(e.reason);
        break;
      case 'visitor.unavailable':
        if (!this.vis(i, e.visitor) || !this.ch(i, e.channel)) return false;
        break;
      case 'visitor.abandoned':
        if (!this.vis(i, e.visitor) || !this.ch(i, e.channel)) return false;
        k = e.reason === undefined ? 0 : ABANDON_CODE[e.reason];
        break;
      case 'visitor.unanswered':
        if (!this.vis(i, e.visitor) || !this.op(i, e.operator) || !this.ch(i, e.channel)) {
          return false;
        }
        break;
      case 'chat.started':
      case 'chat.ended':
        if (!this.vis(i, e.visitor) || !this.op(i, e.operator)) return false;
        break;
    }
    if (k === undefined) return false;
    this.t[i] = t;
    this.type[i] = c;
    this.code[i] = k;
    return true;
  }

  /** Pushes an assignment's reason; returns its presence bits, undefined when it does not fit. */
  private reason(r: AssignmentReason): number | undefined {
    if (r === null || typeof r !== 'object' || !hasShape(r, COMPILED_REASON)) return undefined;
    const { policy, tier, rule, candidates, ties, excluded } = r;
    if (typeof policy !== 'string' || typeof tier !== 'string' || typeof rule !== 'string') {
      return undefined;
    }
    if (!isInt32(ties) || !Array.isArray(candidates)) return undefined;
    this.push(this.id(policy));
    this.push(this.id(tier));
    this.push(this.id(rule));
    this.push(ties);
    this.push(candidates.length);
    for (let j = 0; j < candidates.length; j++) {
      const cand = candidates[j];
      if (cand === null || typeof cand !== 'object' || !isPair(cand, 'operator', 'load')) {
        return undefined;
      }
      const { operator, load } = cand;
      if (typeof operator !== 'string' || !isInt32(load)) return undefined;
      this.push(this.slotId(this.candidateSlots, j, operator));
      this.push(load);
    }
    if (excluded === undefined) return 0;
    if (!Array.isArray(excluded)) return undefined;
    this.push(excluded.length);
    for (let j = 0; j < excluded.length; j++) {
      const x = excluded[j];
      if (x === null || typeof x !== 'object' || !isPair(x, 'operator', 'why')) return undefined;
      const { operator } = x;
      const why = whyCode(x.why);
      if (typeof operator !== 'string' || why < 0) return undefined;
      // One int per exclusion: operator id and reason packed (4 reasons: 2 bits).
      this.push(this.slotId(this.exclusionSlots, j, operator) * 4 + why);
    }
    return HAS_EXCLUDED;
  }
}

/** Encodes `events[start, end)` (at most {@link CHUNK_SIZE} of them is the convention) as one chunk. */
export function encodeChunk(
  events: readonly SimEvent[],
  start = 0,
  end = events.length,
): EncodedChunk {
  return new ChunkEncoder(end - start).encode(events, start);
}

/**
 * The buffers to list as transferables when posting chunks from a worker: each column owns its
 * buffer, so transferring moves them without a copy.
 */
export function chunkTransferables(chunks: readonly EncodedChunk[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const c of chunks) {
    for (const col of [c.t, c.type, c.operator, c.visitor, c.channel, c.code, c.extra]) {
      out.push(col.buffer as ArrayBuffer);
    }
  }
  return out;
}

/** Splits a whole log into chunks of {@link CHUNK_SIZE} events. */
export function encodeEvents(events: readonly SimEvent[]): EncodedChunk[] {
  const chunks: EncodedChunk[] = [];
  for (let start = 0; start < events.length; start += CHUNK_SIZE) {
    chunks.push(encodeChunk(events, start, Math.min(events.length, start + CHUNK_SIZE)));
  }
  return chunks;
}

function secondsOf(ms: Uint32Array): Float64Array {
  const t = new Float64Array(ms.length);
  for (let i = 0; i < ms.length; i++) t[i] = ms[i] / 1000;
  return t;
}

/**
 * Appends the events of `chunk` to `out`. Decoded events share their candidate and exclusion
 * entries (equal entries are one object): the log is read-only for every consumer. (pass a presized array and `at` to avoid regrowth).
 * Returns the index after the last event written.
 */
export function decodeChunkInto(chunk: EncodedChunk, out: SimEvent[], at = out.length): number {
  const S: string[] = JSON.parse(chunk.strings);
  const { count, type, operator, visitor, channel, code, extra } = chunk;
  const t = chunk.t instanceof Uint32Array ? secondsOf(chunk.t) : chunk.t;
  // Candidate and exclusion entries repeat across a chunk's assignments (a few operators, a few
  // loads): one shared object per distinct entry saves most of the decoder's allocations.
  const candidateMemo = new Map<number, Candidate>();
  const exclusionMemo: Exclusion[] = [];
  let x = 0;
  const strings = (): string[] => {
    const n = extra[x++];
    const list = new Array<string>(n);
    for (let j = 0; j < n; j++) list[j] = S[extra[x++]];
    return list;
  };
  for (let i = 0; i < count; i++) {
    let e: SimEvent;
    // Object literals in canonical key order; keep in step with SHAPES.
    switch (type[i]) {
      case JOINED:
        e = {
          t: t[i],
          type: 'operator.joined',
          operator: S[operator[i]],
          channel: S[channel[i]],
          reason: JOIN_REASONS[code[i]],
        };
        break;
      case LEFT:
        e = {
          t: t[i],
          type: 'operator.left',
          operator: S[operator[i]],
          channel: S[channel[i]],
          reason: LEAVE_REASONS[code[i]],
        };
        break;
      case STATUS:
        e = {
          t: t[i],
          type: 'operator.status',
          operator: S[operator[i]],
          status: STATUSES[code[i]],
        };
        break;
      case BREAK_STARTED:
        e = { t: t[i], type: 'operator.break.started', operator: S[operator[i]] };
        break;
      case BREAK_ENDED:
        e = { t: t[i], type: 'operator.break.ended', operator: S[operator[i]] };
        break;
      case LANGUAGES:
        e = {
          t: t[i],
          type: 'operator.languages',
          operator: S[operator[i]],
          languages: strings(),
        };
        break;
      case ARRIVED: {
        const a: SimEvent = {
          t: t[i],
          type: 'visitor.arrived',
          visitor: S[visitor[i]],
          channel: S[channel[i]],
          lang: S[extra[x++]],
        };
        const bits = code[i];
        if (bits & HAS_COUNTRY) a.country = S[extra[x++]];
        if (bits & HAS_EXPERTISES) a.expertises = strings();
        if (bits & HAS_PREVIOUS) a.previousOperator = S[extra[x++]];
        e = a;
        break;
      }
      case QUEUED:
        e = {
          t: t[i],
          type: 'visitor.queued',
          visitor: S[visitor[i]],
          channel: S[channel[i]],
          position: extra[x++],
        };
        break;
      case ASSIGNED: {
        const policy = S[extra[x++]];
        const tier = S[extra[x++]];
        const rule = S[extra[x++]];
        const ties = extra[x++];
        const n = extra[x++];
        const candidates = new Array<Candidate>(n);
        for (let j = 0; j < n; j++) {
          const op = extra[x++];
          const load = extra[x++];
          const key = op * 1024 + load;
          let cand = load >= 0 && load < 1024 ? candidateMemo.get(key) : undefined;
          if (cand === undefined) {
            cand = { operator: S[op], load };
            if (load >= 0 && load < 1024) candidateMemo.set(key, cand);
          }
          candidates[j] = cand;
        }
        const reason: AssignmentReason = { policy, tier, rule, candidates, ties };
        if (code[i] & HAS_EXCLUDED) {
          const m = extra[x++];
          const excluded = new Array<Exclusion>(m);
          for (let j = 0; j < m; j++) {
            const packed = extra[x++];
            excluded[j] = exclusionMemo[packed] ??= {
              operator: S[packed >>> 2],
              why: EXCLUSION_WHYS[packed & 3],
            };
          }
          reason.excluded = excluded;
        }
        e = {
          t: t[i],
          type: 'visitor.assigned',
          visitor: S[visitor[i]],
          operator: S[operator[i]],
          channel: S[channel[i]],
          reason,
        };
        break;
      }
      case UNAVAILABLE:
        e = {
          t: t[i],
          type: 'visitor.unavailable',
          visitor: S[visitor[i]],
          channel: S[channel[i]],
        };
        break;
      case ABANDONED: {
        const a: SimEvent = {
          t: t[i],
          type: 'visitor.abandoned',
          visitor: S[visitor[i]],
          channel: S[channel[i]],
        };
        const reason = ABANDON_REASONS[code[i]];
        if (reason !== undefined) a.reason = reason;
        e = a;
        break;
      }
      case UNANSWERED:
        e = {
          t: t[i],
          type: 'visitor.unanswered',
          visitor: S[visitor[i]],
          operator: S[operator[i]],
          channel: S[channel[i]],
        };
        break;
      case CHAT_STARTED:
        e = { t: t[i], type: 'chat.started', visitor: S[visitor[i]], operator: S[operator[i]] };
        break;
      case CHAT_ENDED:
        e = { t: t[i], type: 'chat.ended', visitor: S[visitor[i]], operator: S[operator[i]] };
        break;
      case VERBATIM:
        e = JSON.parse(S[operator[i]]);
        break;
      default:
        throw new Error(`Stored event log is damaged: unknown event code ${type[i]}`);
    }
    out[at++] = e;
  }
  return at;
}

/** Decodes chunks (in order) back into the event log. */
export function decodeEvents(chunks: readonly EncodedChunk[]): SimEvent[] {
  let total = 0;
  for (const c of chunks) total += c.count;
  const out = new Array<SimEvent>(total);
  let at = 0;
  for (const c of chunks) at = decodeChunkInto(c, out, at);
  return out;
}

/** How many events of a chunk were kept verbatim (a diagnostic: ideally zero). */
export function verbatimCount(chunk: EncodedChunk): number {
  let n = 0;
  for (let i = 0; i < chunk.count; i++) if (chunk.type[i] === VERBATIM) n++;
  return n;
}

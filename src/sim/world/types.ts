/**
 * The engine's public contract: what a caller (CLI, page, worker, practice session) gives it and
 * reads back. Nothing here runs; the parts of the world are in the sibling files (see world.ts).
 */
import type { AnyStateMachine } from 'xstate';
import type { MachineRuntime } from '../runtime.ts';
import type { EventSink } from '../events.ts';
import type { LogChunk } from './log-codec.ts';

/** What the trainee did, without its time: the engine stamps it with the current instant. */
export interface EngineInput {
  type:
    'operator.activity' | 'operator.join' | 'operator.leave' | 'operator.languages' | 'chat.close';
  operator: string;
  channel?: string;
  languages?: string[];
  visitor?: string;
}

/** A human input (the trainee's actions), applied at simulated time `t`. */
export interface HumanInput extends EngineInput {
  t: number;
}

export interface EngineOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's policy. */
  policy?: string;
  /** Human inputs to replay, in time order. */
  inputs?: HumanInput[];
  onEvent?: EventSink;
  /**
   * Instead of `onEvent`: the log in compact chunks (world/log-codec.ts), for a fold on another
   * thread. A `LogDecoder` turns them back into the very events `onEvent` would get. Every event
   * written is handed over before `step`, `runUntil`, `run` and `input` return.
   */
  onLogChunk?: (chunk: LogChunk) => void;
  /** Events per chunk for `onLogChunk` (default log-codec.ts's CHUNK_EVENTS; tests use a few). */
  logChunkEvents?: number;
  /**
   * A chunk's buffer handed back once decoded, to fill again, if one is there: fresh memory costs
   * its first touch of every page (~0.1 s on the bench).
   */
  logBuffer?: () => Float64Array | undefined;
  /** `compiled` (default, fast) or `actors` (real XState actors, the reference path). */
  runtime?: 'compiled' | 'actors';
  /**
   * Whether each `visitor.assigned` lists the members the policy chose among (`candidates`, with
   * their loads) and those it could not consider (`excluded`, and why). Default true. A caller
   * that only folds the log into figures (the CLI's summary without `--events`, sweeps) turns it
   * off: the lists are about a sixth of the routing's work and no figure reads them. The decision
   * itself (policy, tier, rule, ties) is always there; `candidates` is then empty.
   */
  explain?: boolean;
}

export interface OperatorState {
  id: string;
  name: string;
  chatName: string;
  lang: string;
  extraLanguages: string[];
  status: 'online' | 'away' | 'offline';
  state: string;
  onBreak: boolean;
  channels: string[];
  load: number;
  sessions: { visitor: string; channel: string; started: boolean }[];
  /** When the inactivity timer fires, if it runs. */
  inactivityDeadline: number | null;
}

export interface WorldView {
  t: number;
  operators: OperatorState[];
  channels: {
    id: string;
    name: string;
    maxSessions: number | null;
    state: string;
    members: string[];
    queue: { visitor: string; lang: string; arrivedAt: number }[];
  }[];
  visitors: {
    id: string;
    channel: string;
    lang: string;
    state: string;
    arrivedAt: number;
    operator?: string;
  }[];
}

export interface Engine {
  readonly now: number;
  readonly done: boolean;
  /** Events emitted so far. */
  readonly eventCount: number;
  /** The human inputs applied so far (to store with a run and replay it). */
  readonly inputs: readonly HumanInput[];
  /** Time of the next scheduled happening (Infinity when finished). */
  nextTime(): number;
  /** Processes everything scheduled at the next instant. Returns false when the run is over. */
  step(): boolean;
  /** Processes everything scheduled at or before `t`, then sets the clock to `t`. */
  runUntil(t: number): void;
  run(): void;
  input(input: EngineInput): void;
  view(): WorldView;
  /**
   * Runs another machine on this engine's runtime (compiled or actors) and clock, its `after`
   * timers in the one event queue (the practice visitor's conversation machine).
   */
  machineRuntime<C, E extends { type: string }>(machine: AnyStateMachine): MachineRuntime<C, E>;
}

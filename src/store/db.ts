/**
 * The IndexedDB schema (Dexie 4) and the one database handle of the app.
 *
 * Only modules in src/store/ touch tables (DESIGN.md rule 5); the UI calls their small functions.
 * A schema change is a new `this.version(n)` with an `upgrade`, never an edit of an old version:
 * browsers out there hold databases at every version we ever shipped, and
 * test/store/upgrade.test.ts opens one written with the old schema.
 */
import { Dexie, type DexieOptions, type EntityTable, type Table } from 'dexie';
import type { Scenario } from '../sim/scenario/types';
import type { HumanInput } from '../sim/engine';
import type { TraineeInput } from '../sim/training/session';
import type { EncodedChunk } from './event-codec';
import type { RunFigures } from '../sim/sweep/figures';
import type { Vary } from '../sim/sweep/params';

export const DB_NAME = 'livechat-sandbox';

export type ScenarioSource = 'library' | 'user';

export interface ScenarioRecord {
  id: string;
  /** Shown in lists; kept equal to `scenario.name`. */
  name: string;
  /** `library`: came from public/scenarios/ (id `library:<file>`); `user`: the trainer's own. */
  source: ScenarioSource;
  /** The last valid scenario. */
  scenario: Scenario;
  /**
   * The editor's text when it does not validate yet, so a reload brings back work in progress.
   * Absent when the text is `scenario` itself.
   */
  draft?: string;
  /**
   * Version 2 only: a library scenario the user changed. Since version 3 the library is read-only
   * (an edit makes the user's own copy) and the upgrade turned these into user scenarios.
   */
  edited?: boolean;
  /**
   * Bumped by every save. A tab saves with the revision it loaded; a different stored one means
   * another tab saved since, and the stale whole-scenario save is kept as a copy instead.
   * Absent (read as 0) on records saved before version 3.
   */
  revision?: number;
  /** For a library scenario: its file name in public/scenarios/. */
  libraryFile?: string;
  createdAt: number;
  updatedAt: number;
}

export type RunStatus = 'running' | 'done' | 'cancelled';

/**
 * A run is its scenario, seed, policy and human inputs: replaying them rebuilds everything else.
 * The stored event log (runChunks) is a cache for seeking and charts.
 */
export interface RunRecord {
  id: string;
  /** The library or user scenario it was started from; null for a scratch scenario. */
  scenarioId: string | null;
  /** A snapshot: editing the scenario later must not change a finished run. */
  scenario: Scenario;
  seed: number;
  policy: string;
  /** The trainee's inputs with their simulated times, in order. */
  inputs: HumanInput[];
  /** A short name for lists and comparisons, e.g. "odoo, seed 7". */
  label?: string;
  /** The metrics summary (src/sim/metrics.ts) once the run is over. */
  summary: unknown;
  status: RunStatus;
  createdAt: number;
  updatedAt: number;
  /** Events stored in runChunks. */
  eventCount: number;
  /** Chunks stored, the last one possibly partial. */
  chunkCount: number;
  /** Simulated time of the last stored event (0 before any): how far a resume must replay. */
  lastT: number;
  /** The run ended but its log could not all be stored (storage full): replay to see it. */
  logIncomplete?: boolean;
}

/** One chunk of a run's event log: row key `[runId+index]`. */
export interface RunChunkRecord extends EncodedChunk {
  runId: string;
  index: number;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface TraineeRecord {
  id: string;
  name: string;
  createdAt: number;
}

export interface AttemptRecord {
  id: string;
  traineeId: string;
  /** The practice run the attempt was played in (may be deleted later; the score stays). */
  runId: string | null;
  scenarioName: string;
  /** The headline score. */
  score: number;
  /** The scoring rules' figures, e.g. `firstResponseSeconds`, `chatsHandled`, `unanswered`. */
  metrics: Record<string, number | null>;
  createdAt: number;
}

export interface CannedResponseRecord {
  /** Typed after `:` in the composer, e.g. `hello`. */
  shortcut: string;
  text: string;
  updatedAt: number;
}

/** Version 1 (first release): no trainees, no policy or inputs on runs, `builtIn` on scenarios. */
export const SCHEMA_V1 = {
  scenarios: 'id, name, updatedAt',
  runs: 'id, scenarioId, createdAt',
  runChunks: '[runId+index]',
  settings: 'key',
};

/** Version 2: scenario `source`, run `policy` + `inputs` (resume by replay), practice tables. */
export const SCHEMA_V2 = {
  scenarios: 'id, name, source, updatedAt',
  runs: 'id, scenarioId, status, createdAt',
  runChunks: '[runId+index]',
  settings: 'key',
  trainees: 'id, name',
  attempts: 'id, traineeId, runId, createdAt',
  cannedResponses: 'shortcut',
};

/** Version 3: practice attempts in progress (resumed after a reload); the library read-only. */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  unfinishedAttempts: 'id, updatedAt',
};

/** Where the practice console was, so a resumed attempt looks as it did. */
export interface AttemptViewState {
  app: string;
  /** Chat windows, oldest first. */
  windows: { visitor: string; folded: boolean }[];
  discussSelected: string | null;
  answerLang: Record<string, string | null>;
  dismissedNotices: number;
  /** Unread messages per conversation (visitor id): replay cannot know what the trainee read. */
  unread?: Record<string, number>;
}

/**
 * A practice attempt still being played (or interrupted by a reload, a closed tab, a crash):
 * replaying `inputs` on `scenario` with `seed` up to `simT` rebuilds it exactly.
 */
export interface UnfinishedAttemptRecord {
  id: string;
  /** '' when the attempt is played without a trainee (scored, not saved). */
  traineeId: string;
  /** The set-up's scenario choice (a practice scenario id, or `stored:<scenario id>`). */
  choice: string;
  scenario: Scenario;
  /** The operator whose seat the trainee takes. */
  seat: string;
  seed: number;
  speed: { base: number; quiet: number };
  alwaysFast: boolean;
  customQuestions: string[];
  /** Everything the trainee did, typed messages included, with simulated times. */
  inputs: TraineeInput[];
  /** The engine's human inputs so far (the same attempt as an engine run). */
  engineInputs: HumanInput[];
  /** Simulated seconds reached: a resume replays to here. */
  simT: number;
  view: AttemptViewState;
  createdAt: number;
  updatedAt: number;
}

/** Version 4: staffing and policy sweeps (issue 9), each run's figures a row of its own. */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  sweeps: 'id, scenarioId, status, createdAt',
  sweepRuns: '[sweepId+index]',
};

export type SweepStatus = 'running' | 'done' | 'cancelled';

/**
 * A sweep is its scenario snapshot, varied parameters, replications, seed and target: its runs'
 * figures (sweepRuns) are all the rest, so an unfinished one resumes with the runs still missing.
 */
export interface SweepRecord {
  id: string;
  /** The library or user scenario it was started from; '' for a scratch scenario (indexable). */
  scenarioId: string;
  scenario: Scenario;
  vary: Vary[];
  reps: number;
  seed: number;
  /** The target as `KEY>=VALUE`, or null. */
  target: string | null;
  status: SweepStatus;
  /** Runs in the sweep (points × reps). */
  total: number;
  createdAt: number;
  updatedAt: number;
}

/** One finished run of a sweep: row key `[sweepId+index]`, index = point · reps + replication. */
export interface SweepRunRecord {
  sweepId: string;
  index: number;
  figures: RunFigures;
}

export class SandboxDB extends Dexie {
  scenarios!: EntityTable<ScenarioRecord, 'id'>;
  runs!: EntityTable<RunRecord, 'id'>;
  runChunks!: Table<RunChunkRecord, [string, number]>;
  settings!: EntityTable<SettingRecord, 'key'>;
  trainees!: EntityTable<TraineeRecord, 'id'>;
  attempts!: EntityTable<AttemptRecord, 'id'>;
  cannedResponses!: EntityTable<CannedResponseRecord, 'shortcut'>;
  unfinishedAttempts!: EntityTable<UnfinishedAttemptRecord, 'id'>;
  sweeps!: EntityTable<SweepRecord, 'id'>;
  sweepRuns!: Table<SweepRunRecord, [string, number]>;

  /** `options` lets tests hand in another IndexedDB implementation (e.g. one that refuses). */
  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        // v1 marked library copies with `builtIn: true`; everything else was the user's.
        await tx
          .table('scenarios')
          .toCollection()
          .modify((s: Record<string, unknown>) => {
            s.source = s.builtIn ? 'library' : 'user';
            delete s.builtIn;
            s.createdAt ??= s.updatedAt;
          });
        // v1 runs had no human inputs (no practice console yet) and always used the scenario's policy.
        await tx
          .table('runs')
          .toCollection()
          .modify((r: Record<string, unknown>) => {
            const scenario = r.scenario as Partial<Scenario> | undefined;
            r.policy ??= scenario?.policy ?? 'odoo';
            r.inputs ??= [];
            r.updatedAt ??= r.createdAt;
            r.lastT ??= 0;
          });
      });
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade(async (tx) => {
        // The library became read-only: a library scenario the user edited (or left a draft in)
        // becomes their own copy, and the shipped one comes back as shipped at the next start.
        const scenarios = tx.table('scenarios');
        const edited = await scenarios
          .filter(
            (s: ScenarioRecord) => s.source === 'library' && (!!s.edited || s.draft !== undefined),
          )
          .toArray();
        for (const s of edited as ScenarioRecord[]) {
          const name = `${s.name} (copy)`;
          const copy: ScenarioRecord = {
            ...s,
            id: `scenario-edited-${s.libraryFile ?? s.id}`,
            name,
            source: 'user',
            scenario: { ...s.scenario, name },
          };
          delete copy.edited;
          delete copy.libraryFile;
          await scenarios.delete(s.id);
          await scenarios.add(copy);
        }
      });
    // New tables only: nothing to move.
    this.version(4).stores(SCHEMA_V4);
  }
}

let current: SandboxDB | null = null;

const flushers = new Set<() => Promise<unknown> | unknown>();
let giveWay: () => void = () => undefined;
let givingWay = false;

/** True once this tab is closing for another tab's upgrade (its reload needs no "leave?" prompt). */
export function isGivingWay(): boolean {
  return givingWay;
}

/**
 * Runs `flush` (a pending autosave, an attempt's last inputs) before this tab gives way to a newer
 * schema version opened in another tab. Returns a function that stops it.
 */
export function beforeUpgradeElsewhere(flush: () => Promise<unknown> | unknown): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

/**
 * What this tab does once it has closed its connection for another tab's upgrade: the page
 * reloads, to run the newer app that upgraded the database (its code is what that tab loaded).
 */
export function whenUpgradedElsewhere(then: () => void): void {
  giveWay = then;
}

/**
 * Another tab opened a newer schema version (or deletes the database): write what is pending, then
 * close, so its upgrade goes ahead, and reload instead of failing on a closed connection.
 */
async function yieldToUpgrade(db: SandboxDB): Promise<void> {
  givingWay = true;
  await Promise.allSettled([...flushers].map(async (flush) => flush()));
  db.close();
  giveWay();
}

function open(name?: string, options?: DexieOptions): SandboxDB {
  const db = new SandboxDB(name, options);
  db.on('versionchange', () => {
    void yieldToUpgrade(db);
    // Not Dexie's default (close at once): the pending writes go first.
    return false;
  });
  return db;
}

/** The app's database, opened lazily on first use. */
export function getDb(): SandboxDB {
  current ??= open();
  return current;
}

/**
 * Switches every store function to the database `name` (tests use one per case; the app never
 * needs to). Closes the previous handle.
 */
export function useDatabase(name: string, options?: DexieOptions): SandboxDB {
  current?.close();
  current = open(name, options);
  return current;
}

/** Closes the handle (e.g. before deleting the database); the next call reopens it. */
export function closeDb(): void {
  current?.close();
  current = null;
}

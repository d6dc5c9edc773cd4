/**
 * The storage API: the only way the app reads or writes IndexedDB (DESIGN.md rule 5).
 *
 * - Every function throws only {@link StorageError}; its message can be shown as is ("Storage is
 *   full: the run was not saved. …"). A failed write changes nothing that was saved.
 * - `live…()` functions return Dexie `liveQuery` observables that emit again whenever any tab
 *   changes the data. Subscribe with `{ next, error }` to show a StorageError; they also follow
 *   Svelte's store contract (`$list`), but that drops errors.
 * - A run's event log streams in with `appendRunEvents` while the run plays and ends with
 *   `finishRun`; after a reload, `listUnfinishedRuns` names the runs to resume by replay (their
 *   scenario, seed, policy and `inputs`; `eventCount` events are already stored).
 */
export { StorageError, type StorageErrorKind } from './errors';
export type {
  AttemptRecord,
  CannedResponseRecord,
  RunRecord,
  RunStatus,
  ScenarioRecord,
  ScenarioSource,
  TraineeRecord,
  UnfinishedAttemptRecord,
  SweepRecord,
  SweepStatus,
  AttemptViewState,
} from './db';
export * from './scenarios';
export * from './runs';
export * from './settings';
export * from './practice';
export * from './quota';
export { beforeUpgradeElsewhere, isGivingWay, whenUpgradedElsewhere } from './db';
export * from './sweeps';

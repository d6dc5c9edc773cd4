/**
 * The storage API: the only way the app reads or writes IndexedDB (DESIGN.md rule 5).
 * Every function throws {@link StorageError} with a message that can be shown as is.
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
} from './db';
export * from './scenarios';
export * from './runs';
export * from './settings';
export * from './practice';
export * from './quota';

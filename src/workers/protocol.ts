/**
 * The typed message protocol between the page and the simulation worker. One worker per job: the
 * page cancels a job by terminating its worker, which is immediate even mid-run.
 */
import type { HumanInput } from '../sim/engine';
import type { SimEvent, VisitorAssigned } from '../sim/events';
import type { Scenario } from '../sim/scenario/types';
import type { OutcomeFigures } from '../sim/metrics/headline';

/** Run one scenario to the end and send back its whole event log. */
export interface RunRequest {
  kind: 'run';
  scenario: Scenario;
  seed: number;
  inputs?: HumanInput[];
}

/** One arm of a comparison: a label and the scenario variant it runs (policy included). */
export interface CompareArm {
  label: string;
  scenario: Scenario;
}

/**
 * Run every arm for `replications` seeds, `seed, seed+1, …`: the same seeds for every arm, so the
 * arms see the same visitor stream (common random numbers).
 */
export interface CompareRequest {
  kind: 'compare';
  arms: CompareArm[];
  replications: number;
  seed: number;
}

/**
 * Replay a run up to time `t` and send back the assignment of `visitor` made then, reason included
 * (the page keeps only the recent ones, DESIGN.md: a run is its scenario, seed and inputs).
 */
export interface WhyRequest {
  kind: 'why';
  scenario: Scenario;
  seed: number;
  inputs?: HumanInput[];
  visitor: string;
  t: number;
}

export type WorkerRequest = RunRequest | CompareRequest | WhyRequest;

/** The per-replication figures a comparison reports for each arm. */
export interface ReplicationFigures extends OutcomeFigures {
  languageMatch: number;
  utilisation: number;
}
export type FigureKey = keyof ReplicationFigures;

export type WorkerResponse =
  | { kind: 'progress'; fraction: number; label?: string }
  | { kind: 'run-done'; events: SimEvent[]; end: number }
  | { kind: 'why-done'; event: VisitorAssigned | null }
  | { kind: 'compare-done'; arms: { label: string; replications: ReplicationFigures[] }[] }
  | { kind: 'error'; message: string };

import {
  analyticReference,
  type AnalyticMismatch,
  type AnalyticReference,
} from '../../sim/analytic';
import type { SimEvent } from '../../sim/events';
import { createMetrics, type Summary } from '../../sim/metrics';
import type { Scenario } from '../../sim/scenario/types';
import { clockStart } from '../../sim/format/time';
import type { RunRecord } from '../../store/db';
import {
  appendRunEvents,
  cancelRun,
  createRun,
  finishRun,
  listRuns,
  loadRunEvents,
  restartRunEvents,
} from '../../store/runs';
import { CancelledError, startJob, type Job } from '../../workers/client';
import { computeResults, type Results } from './results';

export function summarize(scenario: Scenario, events: readonly SimEvent[]): Summary {
  const m = createMetrics(scenario);
  for (const e of events) m.add(e);
  return m.summary();
}

/**
 * A full run for the Results tab: computed in a Web Worker (progress, cancel), stored as a run
 * (scenario, seed, summary and the chunked event log), and loaded back after a reload.
 */
export class ResultsRun {
  status = $state<'idle' | 'running' | 'done' | 'error'>('idle');
  progress = $state(0);
  error = $state('');
  results = $state.raw<Results | null>(null);
  summary = $state.raw<Summary | null>(null);
  analytic = $state.raw<AnalyticReference | AnalyticMismatch | null>(null);
  scenario = $state.raw<Scenario | null>(null);
  /** Where the run's clock starts, for `clock()`: weekday and time, or elapsed time. */
  clockOrigin = $derived(clockStart(this.scenario));
  seed = $state(0);
  runId = $state<string | null>(null);
  runs = $state.raw<RunRecord[]>([]);

  #job: Job<{ kind: 'run-done'; events: SimEvent[]; end: number }> | null = null;
  /** The stored run the worker is computing. */
  #pending: string | null = null;
  #jobScenario: string | null = null;

  /**
   * Runs the whole scenario in a worker. The run is stored first (status `running`), so a reload
   * mid-run finds it and replays it (`resumeId`): a run is its scenario and seed.
   */
  async start(
    scenario: Scenario,
    seed: number,
    scenarioId: string | null,
    resumeId?: string,
  ): Promise<void> {
    this.cancel();
    this.status = 'running';
    this.progress = 0;
    this.error = '';
    const job = startJob<{ kind: 'run-done'; events: SimEvent[]; end: number }>(
      { kind: 'run', scenario, seed },
      (f) => (this.progress = f),
    );
    this.#job = job;
    this.#jobScenario = scenarioId;
    let runId: string | null = resumeId ?? null;
    this.#pending = runId;
    try {
      if (!runId) {
        runId = await createRun({
          scenario,
          seed,
          scenarioId,
          label: `${scenario.policy}, seed ${seed}`,
        }).catch((err) => {
          this.error = err instanceof Error ? err.message : String(err);
          return null;
        });
        this.#pending = runId;
        if (runId) await this.refresh(scenarioId);
      }
      const { events } = await job.result;
      this.#job = null;
      this.#pending = null;
      this.#show(scenario, seed, events);
      if (runId) await this.#store(runId, Boolean(resumeId), scenarioId, events);
    } catch (err) {
      this.#job = null;
      if (err instanceof CancelledError) {
        this.status = this.results ? 'done' : 'idle';
        return;
      }
      this.status = 'error';
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  cancel(): void {
    this.#job?.cancel();
    this.#job = null;
    // A cancelled run stays in the list as cancelled, not as one to resume.
    if (this.#pending) void cancelRun(this.#pending).catch(() => undefined);
    this.#pending = null;
  }

  #show(scenario: Scenario, seed: number, events: readonly SimEvent[]): void {
    this.scenario = scenario;
    this.seed = seed;
    this.results = computeResults(scenario, events);
    this.summary = summarize(scenario, events);
    this.analytic = analyticReference(scenario);
    this.status = 'done';
    this.progress = 1;
  }

  async #store(
    runId: string,
    resumed: boolean,
    scenarioId: string | null,
    events: readonly SimEvent[],
  ): Promise<void> {
    try {
      if (resumed) await restartRunEvents(runId);
      await appendRunEvents(runId, events);
      await finishRun(runId, this.summary);
      this.runId = runId;
      await this.refresh(scenarioId);
    } catch (err) {
      // The results stay on screen; only saving failed.
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Lists the stored runs of a scenario and shows the newest finished one. */
  async restore(scenarioId: string | null): Promise<void> {
    // Another scenario was opened: its background run stops (and is kept as cancelled).
    if (this.#job && this.#jobScenario !== scenarioId) this.cancel();
    else if (this.#job) return this.refresh(scenarioId);
    await this.refresh(scenarioId);
    const unfinished = this.runs.find((r) => r.status === 'running');
    const latest = this.runs.find((r) => r.status === 'done');
    if (latest) await this.open(latest.id);
    else {
      this.results = null;
      this.summary = null;
      this.status = 'idle';
      this.runId = null;
    }
    // A run the page was computing when it was closed: replay it.
    if (unfinished)
      void this.start(unfinished.scenario, unfinished.seed, scenarioId, unfinished.id);
  }

  async refresh(scenarioId: string | null): Promise<void> {
    this.runs = scenarioId ? await listRuns(scenarioId).catch(() => []) : [];
  }

  async open(runId: string): Promise<void> {
    const run = this.runs.find((r) => r.id === runId);
    if (!run) return;
    try {
      const events = await loadRunEvents(runId);
      this.#show(run.scenario, run.seed, events);
      this.runId = runId;
    } catch (err) {
      this.status = 'error';
      this.error = err instanceof Error ? err.message : String(err);
    }
  }
}

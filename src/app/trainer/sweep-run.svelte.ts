/**
 * The Sweep view's state (issue 9 §3): the form (checked by the core's own parsers, so the page and
 * the CLI accept and refuse the same things), the run on a pool of Web Workers, and its storage: a
 * sweep is stored before its first run and each run's figures as they come, so a reload shows the
 * finished sweeps and resumes an unfinished one with only its missing runs.
 */
import { analyticReference } from '../../sim/analytic';
import { duration } from '../../sim/format/time';
import type { Scenario } from '../../sim/scenario/types';
import { sweepCsv } from '../../sim/sweep/csv';
import { isShare, metricLabel, type MetricKey, type RunFigures } from '../../sim/sweep/figures';
import { gridPoints, pointScenarios, sweepJobs, type Sweep } from '../../sim/sweep/grid';
import { PARAM_NAMES, parseVary, type ParamName, type Vary } from '../../sim/sweep/params';
import { reduceSweep, type SweepResult } from '../../sim/sweep/reduce';
import { referenceFigures } from '../../sim/sweep/reference';
import { parseTarget, type Target } from '../../sim/sweep/target';
import { applyParams } from '../../sim/sweep/transform';
import { answerInWords } from '../../sim/sweep/words';
import {
  addSweepRuns,
  createSweep,
  deleteSweep,
  listSweeps,
  loadSweep,
  loadSweepRuns,
  setSweepStatus,
  StorageError,
  type SweepRecord,
} from '../../store';
import { CancelledError } from '../../workers/client';
import { runSweepInWorkers, type SweepRun } from '../../workers/sweep-pool';

export { PARAM_NAMES };

/** A form problem, next to its field. */
export interface FieldError {
  field: 'first' | 'second' | 'reps' | 'target';
  message: string;
}

/** Sensible values to start from for each parameter, given the scenario. */
export function defaultValues(name: ParamName, scenario: Scenario | null): string {
  const n = scenario?.operators.length ?? 4;
  switch (name) {
    case 'operators':
      return `${Math.max(1, n - 4)}:${n + 4}`;
    case 'rate':
      return '0.5,0.75,1,1.25,1.5';
    case 'maxSessions':
      return '1:4';
    case 'timeoutMinutes':
      return '5,15,30,60';
    case 'policy':
      return 'odoo,balanced';
  }
}

/** The `--vary` parser's message without the flag (the field already says which). */
function varyError(name: string, text: string): { vary?: Vary; error?: string } {
  const arg = `${name}=${text}`;
  const r = parseVary(arg);
  return r.error ? { error: r.error.replace(`--vary ${arg}: `, '') } : r;
}

/**
 * Takes the Web Lock `name` if no other tab holds it, and returns its release; null when another
 * tab holds it. Without Web Locks (Node, old browsers) every tab may go on: a no-op release.
 */
function lock(name: string): Promise<(() => void) | null> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks?.request) return Promise.resolve(() => {});
  return new Promise((answer) => {
    locks
      .request(name, { ifAvailable: true }, (held) => {
        if (held === null) {
          answer(null);
          return;
        }
        return new Promise<void>((release) => answer(release));
      })
      .catch(() => answer(() => {}));
  });
}

export class SweepSession {
  first = $state<ParamName>('operators');
  firstValues = $state(defaultValues('operators', null));
  second = $state<ParamName | ''>('policy');
  secondValues = $state(defaultValues('policy', null));
  reps = $state(10);
  targetKey = $state<MetricKey>('answeredWithinTarget');
  targetOp = $state<'>=' | '<='>('>=');
  /** Percent for shares, seconds for the mean wait. */
  targetValue = $state(80);

  /** `elsewhere`: the sweep is unfinished and another tab is running it (it holds its lock). */
  status = $state<'idle' | 'running' | 'elsewhere' | 'done' | 'cancelled' | 'error'>('idle');
  error = $state('');
  done = $state(0);
  /** Runs stored so far: a reload resumes from these (later ones are run again). */
  saved = $state(0);
  total = $state(0);
  /** Wall-clock seconds left, from the pace so far; null until a run has finished. */
  secondsLeft = $state<number | null>(null);
  result = $state.raw<SweepResult | null>(null);
  record = $state.raw<SweepRecord | null>(null);
  sweeps = $state.raw<SweepRecord[]>([]);

  #run: SweepRun | null = null;
  /** Set by Cancel (the sweep is then stored as cancelled), not by leaving the scenario. */
  #cancelledRun: SweepRun | null = null;
  #runs: (RunFigures | undefined)[] = [];
  #sweep: Sweep | null = null;
  #redraw: ReturnType<typeof setTimeout> | null = null;
  #unsaved: { sweepId: string; index: number; figures: RunFigures }[] = [];
  #saving: Promise<void> | null = null;
  /** Sweeps deleted here: runs of theirs still arriving or waiting to be saved are dropped. */
  // Bookkeeping, never rendered: no reactive set needed.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #deleted = new Set<string>();
  /** Bumped by each request (start, open, restore, remove, leaving): older ones stop waiting. */
  #generation = 0;
  /** The wait for another tab's lock on the sweep shown as running elsewhere, or null. */
  #watching: AbortController | null = null;

  /** Every problem of the form, each next to its field. */
  get errors(): FieldError[] {
    const out: FieldError[] = [];
    const a = varyError(this.first, this.firstValues);
    if (a.error) out.push({ field: 'first', message: a.error });
    if (this.second !== '') {
      if (this.second === this.first) {
        out.push({ field: 'second', message: `${this.second} is already the first parameter` });
      } else {
        const b = varyError(this.second, this.secondValues);
        if (b.error) out.push({ field: 'second', message: b.error });
      }
    }
    if (!Number.isInteger(this.reps) || this.reps < 1 || this.reps > 1000) {
      out.push({ field: 'reps', message: 'replications: a whole number from 1 to 1000' });
    }
    if (!Number.isFinite(this.targetValue)) {
      out.push({ field: 'target', message: 'the target value must be a number' });
    }
    return out;
  }

  /** The target as the CLI writes it, e.g. `answeredWithinTarget>=0.8`. */
  get targetExpr(): string {
    const v = isShare(this.targetKey) ? this.targetValue / 100 : this.targetValue;
    return `${this.targetKey}${this.targetOp}${Number(v.toPrecision(12))}`;
  }

  get target(): Target | undefined {
    return parseTarget(this.targetExpr).target;
  }

  /** The varied parameters, or null while the form has a problem. */
  varies(): Vary[] | null {
    if (this.errors.length > 0) return null;
    const out = [varyError(this.first, this.firstValues).vary!];
    if (this.second !== '') out.push(varyError(this.second, this.secondValues).vary!);
    return out;
  }

  /** Starts a new sweep of `scenario`, stored under `scenarioId`. */
  async start(scenario: Scenario, scenarioId: string | null): Promise<void> {
    const varies = this.varies();
    if (!varies) return;
    const g = this.#next();
    const sweep: Sweep = {
      name: scenario.name,
      scenario,
      varies,
      reps: this.reps,
      seed: scenario.seed,
      target: this.target,
    };
    const checked = pointScenarios(sweep);
    if (checked.errors.length > 0) {
      this.status = 'error';
      this.error = checked.errors[0];
      return;
    }
    try {
      const record = await createSweep({
        scenarioId,
        scenario,
        vary: varies,
        reps: sweep.reps,
        seed: sweep.seed,
        target: sweep.target?.expr ?? null,
        total: sweepJobs(sweep).length,
      });
      this.sweeps = [record, ...this.sweeps];
      if (g === this.#generation) await this.#begin(record, new Array(record.total), g);
    } catch (err) {
      if (g === this.#generation) this.#fail(err);
    }
  }

  /**
   * Shows the newest stored sweep of the scenario and resumes it if it was left unfinished; with
   * none, the form starts from values that fit `scenario`.
   */
  async restore(scenarioId: string | null, scenario: Scenario | null): Promise<void> {
    const g = this.#next();
    this.#clear();
    this.firstValues = defaultValues(this.first, scenario);
    if (this.second !== '') this.secondValues = defaultValues(this.second, scenario);
    try {
      const sweeps = await listSweeps(scenarioId);
      if (g !== this.#generation) return;
      this.sweeps = sweeps;
      if (sweeps.length > 0) await this.#open(sweeps[0].id, g);
    } catch (err) {
      if (g === this.#generation) this.#fail(err);
    }
  }

  /** Shows a stored sweep (and resumes it when it is still marked running). */
  async open(id: string): Promise<void> {
    const g = this.#next();
    try {
      await this.#open(id, g);
    } catch (err) {
      if (g === this.#generation) this.#fail(err);
    }
  }

  async #open(id: string, g: number): Promise<void> {
    // The list may be stale (another tab): the sweep as it is stored now.
    const record = await loadSweep(id);
    if (g !== this.#generation) return;
    if (!record) {
      this.sweeps = this.sweeps.filter((s) => s.id !== id);
      this.#clear();
      const newest = this.sweeps[0];
      if (newest) await this.#open(newest.id, g);
      return;
    }
    this.sweeps = this.sweeps.map((s) => (s.id === id ? record : s));
    const runs = await loadSweepRuns(record.id, record.total);
    if (g !== this.#generation) return;
    this.#fill(record);
    if (record.status === 'running') await this.#begin(record, runs, g);
    else {
      this.record = record;
      this.#runs = runs;
      this.#sweep = this.#sweepOf(record);
      this.done = runs.filter(Boolean).length;
      this.total = record.total;
      this.status = record.status;
      this.#reduce();
    }
  }

  /**
   * Deletes sweep `id` and its stored runs (the form asks first), stopping it if it runs; the
   * newest remaining sweep of the scenario is shown instead.
   */
  async remove(id: string): Promise<void> {
    const g = this.#next();
    this.#deleted.add(id);
    while (this.#saving) await this.#saving;
    try {
      await deleteSweep(id);
    } catch (err) {
      this.#deleted.delete(id);
      if (g === this.#generation) this.#fail(err);
      return;
    }
    this.sweeps = this.sweeps.filter((s) => s.id !== id);
    if (g !== this.#generation) return;
    this.#clear();
    const newest = this.sweeps[0];
    if (newest) await this.#open(newest.id, g);
  }

  /** Reads the shown sweep again from storage (another tab may have finished, left or deleted it). */
  async recheck(): Promise<void> {
    const id = this.record?.id;
    if (id) await this.open(id);
  }

  /** Stops the sweep and stores it as cancelled (its finished runs stay). */
  cancel(): void {
    if (!this.#run) return;
    this.#cancelledRun = this.#run;
    this.#run.cancel();
  }

  /**
   * A new request (start, open, restore, remove, leaving): whatever an older one was waiting for,
   * it stops there. Stops the workers, leaving the sweep stored as running (it resumes when opened
   * again), and gives up its lock.
   */
  #next(): number {
    this.#run?.cancel();
    this.#run = null;
    this.#watching?.abort();
    this.#watching = null;
    return ++this.#generation;
  }

  /** Nothing shown. */
  #clear(): void {
    this.record = null;
    this.result = null;
    this.#sweep = null;
    this.#runs = [];
    this.status = 'idle';
    this.error = '';
    this.done = this.total = this.saved = 0;
    this.secondsLeft = null;
  }

  /** Stops the workers when the page goes (the sweep resumes after a reload). */
  dispose(): void {
    this.#next();
  }

  /** The sweep's CSV (the CLI's `--csv`). */
  csv(): string {
    return this.result ? sweepCsv(this.result) : '';
  }

  /** "At least 80% answered within 20 s, with 95% confidence: 6 operators under odoo; …". */
  get answer(): string {
    const r = this.result;
    const t = this.#sweep?.target;
    if (!r || !t || !this.record) return '';
    return answerInWords(r, t, this.record.scenario.serviceLevelSeconds);
  }

  /** The label of the chart's figure, e.g. "answered within 20 s". */
  get metricName(): string {
    const sl = duration(this.record?.scenario.serviceLevelSeconds ?? 20);
    return metricLabel(this.#sweep?.target?.key ?? this.targetKey, sl);
  }

  /** The Erlang B/C/A value of the chart's figure at each point, where the point is a textbook queue. */
  erlang(key: MetricKey): (number | null)[] {
    const sweep = this.#sweep;
    if (!sweep || !this.result) return [];
    return gridPoints(sweep.varies).map((params) => {
      const ref = analyticReference(applyParams(sweep.scenario, params));
      if (!ref.model) return null;
      const figures = referenceFigures(ref.expected);
      return key in figures ? (figures[key as keyof typeof figures] ?? null) : null;
    });
  }

  #sweepOf(record: SweepRecord): Sweep {
    return {
      name: record.scenario.name,
      scenario: record.scenario,
      varies: record.vary,
      reps: record.reps,
      seed: record.seed,
      target: record.target ? parseTarget(record.target).target : undefined,
    };
  }

  /** The form shows what the stored sweep was run with. */
  #fill(record: SweepRecord): void {
    const [a, b] = record.vary;
    const text = (v: Vary) => v.values.map((x) => (x === null ? 'null' : String(x))).join(',');
    this.first = a.name;
    this.firstValues = text(a);
    this.second = b ? b.name : '';
    if (b) this.secondValues = text(b);
    this.reps = record.reps;
    const t = record.target ? parseTarget(record.target).target : undefined;
    if (t) {
      this.targetKey = t.key;
      this.targetOp = t.op;
      this.targetValue = isShare(t.key) ? Number((t.value * 100).toPrecision(12)) : t.value;
    }
  }

  async #begin(record: SweepRecord, runs: (RunFigures | undefined)[], g: number): Promise<void> {
    const sweep = this.#sweepOf(record);
    this.record = record;
    this.#sweep = sweep;
    this.#runs = runs;
    const todo = sweepJobs(sweep).filter((j) => !runs[j.index]);
    this.total = record.total;
    this.done = record.total - todo.length;
    this.saved = this.done;
    this.secondsLeft = null;
    this.error = '';
    // Two tabs resuming one sweep would run every missing run twice: the one holding the lock runs
    // it; this one shows what is stored, and looks again when that tab lets go.
    const release = await lock(`sweep:${record.id}`);
    if (g !== this.#generation || this.#deleted.has(record.id)) {
      release?.();
      return;
    }
    if (!release) {
      this.status = 'elsewhere';
      this.#reduce();
      this.#watch(record.id, g);
      return;
    }
    this.status = 'running';
    this.#reduce();
    const started = Date.now();
    const doneBefore = this.done;
    let run: SweepRun | null = null;
    try {
      run = runSweepInWorkers(record.scenario, todo, (job, figures) => {
        runs[job.index] = figures;
        this.done++;
        const pace = (Date.now() - started) / 1000 / (this.done - doneBefore);
        this.secondsLeft = pace * (this.total - this.done);
        this.#store(record.id, { index: job.index, figures });
        this.#schedule();
      });
      this.#run = run;
      await run.done;
      while (this.#saving) await this.#saving;
      if (this.#deleted.has(record.id)) return;
      await setSweepStatus(record.id, 'done');
      if (g === this.#generation) this.#settle(record, 'done');
    } catch (err) {
      if (err instanceof CancelledError) {
        // Cancelled by the user (not by leaving): stored as cancelled, even if they went on.
        if (run !== null && this.#cancelledRun === run) {
          this.#cancelledRun = null;
          if (this.#deleted.has(record.id)) return;
          await setSweepStatus(record.id, 'cancelled').catch(() => undefined);
          if (g === this.#generation) this.#settle(record, 'cancelled');
        }
      } else if (g === this.#generation) this.#fail(err);
    } finally {
      if (this.#run === run) this.#run = null;
      release();
    }
  }

  /**
   * While another tab runs the sweep shown: waits for its lock (without taking it from them), then
   * looks again, so the view follows when that tab finishes, is closed or leaves the sweep.
   */
  #watch(id: string, g: number): void {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (!locks?.request) return;
    const watching = new AbortController();
    this.#watching = watching;
    locks
      .request(`sweep:${id}`, { signal: watching.signal }, () => undefined)
      .then(
        () => {
          if (g === this.#generation && this.record?.id === id) void this.open(id);
        },
        () => undefined, // aborted: a newer request took over
      );
  }

  /**
   * Stores finished runs in batches, one write in flight at a time: a write per run would queue
   * behind each other faster than IndexedDB commits them, and a reload would lose the queue.
   */
  #store(sweepId: string, run: { index: number; figures: RunFigures }): void {
    if (this.#deleted.has(sweepId)) return;
    this.#unsaved.push({ sweepId, ...run });
    if (this.#saving) return;
    this.#saving = (async () => {
      while (this.#unsaved.length > 0) {
        const batch = this.#unsaved.splice(0).filter((r) => !this.#deleted.has(r.sweepId));
        // Runs of a sweep left a moment ago are still saved under their own sweep.
        for (const id of batch.map((r) => r.sweepId).filter((x, i, all) => all.indexOf(x) === i)) {
          const runs = batch
            .filter((r) => r.sweepId === id)
            .map(({ index, figures }) => ({ index, figures }));
          await addSweepRuns(id, runs).then(
            () => {
              if (this.record?.id === id) this.saved += runs.length;
            },
            (err) => {
              if (!(err instanceof StorageError && err.kind === 'missing')) return this.#fail(err);
              // Deleted in another tab while running here: stop, and show what is left.
              this.#deleted.add(id);
              if (this.record?.id === id) void this.open(id);
            },
          );
        }
      }
      this.#saving = null;
    })();
  }

  #settle(record: SweepRecord, status: 'done' | 'cancelled'): void {
    this.status = status;
    this.secondsLeft = null;
    const stored = { ...record, status };
    this.record = stored;
    this.sweeps = this.sweeps.map((s) => (s.id === record.id ? stored : s));
    this.#reduce();
  }

  /** Points appear as their runs finish: the result is rebuilt a few times a second. */
  #schedule(): void {
    if (this.#redraw) return;
    this.#redraw = setTimeout(() => {
      this.#redraw = null;
      this.#reduce();
    }, 150);
  }

  #reduce(): void {
    if (this.#sweep) this.result = reduceSweep(this.#sweep, this.#runs);
  }

  #fail(err: unknown): void {
    this.status = 'error';
    this.error = err instanceof Error ? err.message : String(err);
  }
}

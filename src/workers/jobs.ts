/**
 * The worker's jobs as plain functions (no `self`), so tests can run them in Node too.
 */
import { createEngine } from '../sim/engine';
import type { SimEvent, VisitorAssigned } from '../sim/events';
import type { Scenario } from '../sim/scenario/types';
import { createMetrics } from '../sim/metrics';
import { outcomeFigures } from '../sim/metrics/headline';
import type {
  CompareRequest,
  ReplicationFigures,
  RunRequest,
  WhyRequest,
  WorkerResponse,
} from './protocol';

type Post = (m: WorkerResponse) => void;

/** Slices of simulated time between progress reports. */
const SLICES = 50;

function runCollecting(
  scenario: Scenario,
  seed: number,
  inputs: RunRequest['inputs'],
  onSlice?: (f: number) => void,
): SimEvent[] {
  const events: SimEvent[] = [];
  const engine = createEngine(scenario, {
    seed,
    inputs,
    policy: scenario.policy,
    onEvent: (e) => events.push(e),
  });
  const horizon = scenario.durationMinutes * 60;
  for (let i = 1; i <= SLICES && !engine.done; i++) {
    engine.runUntil((horizon * i) / SLICES);
    onSlice?.(i / (SLICES + 1));
  }
  // After the arrivals stop, the run goes on until every conversation has ended.
  engine.run();
  return events;
}

export function runJob(req: RunRequest, post: Post): void {
  let last = -1;
  const events = runCollecting(req.scenario, req.seed, req.inputs, (f) => {
    if (f - last >= 0.02) {
      last = f;
      post({ kind: 'progress', fraction: f });
    }
  });
  post({ kind: 'run-done', events, end: events.length ? events[events.length - 1].t : 0 });
}

/** The figures compared across arms, from the core's metrics (the CLI's numbers). */
export function figuresOf(scenario: Scenario, events: readonly SimEvent[]): ReplicationFigures {
  const m = createMetrics(scenario);
  for (const e of events) m.add(e);
  const s = m.summary();
  const ops = s.operators.length || 1;
  return {
    ...outcomeFigures(s),
    languageMatch: s.languageMatch ?? 1,
    utilisation: s.operators.reduce((sum, o) => sum + o.busyFraction, 0) / ops,
  };
}

export function compareJob(req: CompareRequest, post: Post): void {
  const total = req.arms.length * req.replications;
  let done = 0;
  const arms = req.arms.map((arm) => ({
    label: arm.label,
    replications: [] as ReplicationFigures[],
  }));
  // Replication-major order so partial progress covers every arm evenly.
  for (let r = 0; r < req.replications; r++) {
    req.arms.forEach((arm, i) => {
      const events = runCollecting(arm.scenario, req.seed + r, undefined);
      arms[i].replications.push(figuresOf(arm.scenario, events));
      done++;
      post({
        kind: 'progress',
        fraction: done / total,
        label: `${arm.label}, replication ${r + 1}`,
      });
    });
  }
  post({ kind: 'compare-done', arms });
}

/** The assignment of `req.visitor` at `req.t`, by deterministic replay up to that instant. */
export function whyJob(req: WhyRequest, post: Post): void {
  let found: VisitorAssigned | null = null;
  const engine = createEngine(req.scenario, {
    seed: req.seed,
    inputs: req.inputs,
    policy: req.scenario.policy,
    onEvent: (e) => {
      if (e.type === 'visitor.assigned' && e.visitor === req.visitor && e.t === req.t) found = e;
    },
  });
  // Step rather than runUntil(t): the log's times are rounded to the millisecond.
  while (!found && engine.now <= req.t + 1 && engine.step());
  post({ kind: 'why-done', event: found });
}

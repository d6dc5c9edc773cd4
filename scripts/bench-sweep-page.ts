/**
 * The sweep benchmark's page (driven by scripts/bench-sweep.mjs in headless Chromium): the page's
 * Web Worker pool runs a sweep with 1 worker and with one per core, and hands back the timings and
 * the result (compared with the CLI's there).
 */
import { formatErrors, parseScenarioText } from '../src/sim/scenario/validate';
import { sweepJobs, type Sweep } from '../src/sim/sweep/grid';
import { parseVaries } from '../src/sim/sweep/params';
import { reduceSweep } from '../src/sim/sweep/reduce';
import type { RunFigures } from '../src/sim/sweep/figures';
import { defaultWorkers, runSweepInWorkers } from '../src/workers/sweep-pool';

async function benchSweep(file: string, vary: string[], reps: number) {
  const parsed = parseScenarioText(await (await fetch(file)).text());
  if (!parsed.ok) throw new Error(formatErrors(parsed.errors).join('\n'));
  const scenario = parsed.scenario;
  const sweep: Sweep = {
    name: scenario.name,
    scenario,
    varies: parseVaries(vary).varies,
    reps,
    seed: scenario.seed,
  };
  const jobs = sweepJobs(sweep);
  const timed = async (workers: number) => {
    const runs: RunFigures[] = [];
    const t0 = performance.now();
    await runSweepInWorkers(scenario, jobs, (job, f) => (runs[job.index] = f), workers).done;
    return {
      seconds: (performance.now() - t0) / 1000,
      json: JSON.stringify(reduceSweep(sweep, runs)),
    };
  };
  const all = defaultWorkers();
  const one = await timed(1);
  const many = await timed(all);
  return {
    runs: jobs.length,
    workers: all,
    one: one.seconds,
    many: many.seconds,
    json: many.json,
    same: one.json === many.json,
  };
}

Object.assign(window, { benchSweep });
document.getElementById('status')!.textContent = 'ready';

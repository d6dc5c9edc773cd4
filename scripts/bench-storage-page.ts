/**
 * The storage benchmark's page (driven by scripts/bench-storage.mjs in headless Chromium): stores
 * and loads a run log through the real store API on real IndexedDB.
 */
import { closeDb, useDatabase } from '../src/store/db';
import { decodeEvents, encodeEvents } from '../src/store/event-codec';
import {
  appendRunChunks,
  appendRunEvents,
  createRun,
  deleteRun,
  finishRun,
  loadRunEvents,
} from '../src/store/runs';
import type { SimEvent } from '../src/sim/events';
import type { Scenario } from '../src/sim/scenario/types';
import { syntheticLog } from '../test/store/synthetic-log';
import { createEngine } from '../src/sim/engine';
import { formatErrors, parseScenarioText } from '../src/sim/scenario/validate';

export interface BenchResult {
  events: number;
  store: number[];
  load: number[];
  loadAfterReopen: number[];
  storeEncoded: number[];
  encode: number[];
  decode: number[];
}

const scenario = { name: 'bench', seed: 1, policy: 'odoo' } as Scenario;

async function bench(events: SimEvent[], reps: number): Promise<BenchResult> {
  const db = useDatabase(`bench-storage-${Date.now()}`);
  const result: BenchResult = {
    events: events.length,
    store: [],
    load: [],
    loadAfterReopen: [],
    storeEncoded: [],
    encode: [],
    decode: [],
  };
  // One warm-up round so every code path is compiled before timing.
  for (let rep = -1; rep < reps; rep++) {
    const t0 = performance.now();
    const chunks = encodeEvents(events);
    const t1 = performance.now();
    decodeEvents(chunks);
    const t2 = performance.now();

    const s0 = performance.now();
    const runId = await createRun({ scenario });
    await appendRunEvents(runId, events);
    await finishRun(runId, { bench: true });
    const s1 = performance.now();
    const back = await loadRunEvents(runId);
    const s2 = performance.now();
    if (back.length !== events.length) throw new Error(`loaded ${back.length} events`);
    closeDb();
    useDatabase(db.name);
    const r0 = performance.now();
    await loadRunEvents(runId);
    const r1 = performance.now();
    await deleteRun(runId);
    // The worker path: chunks arrive encoded, the main thread only writes them.
    const e0 = performance.now();
    const encodedRun = await createRun({ scenario });
    await appendRunChunks(encodedRun, chunks);
    await finishRun(encodedRun, { bench: true });
    const e1 = performance.now();
    await deleteRun(encodedRun);
    if (rep >= 0) {
      result.storeEncoded.push(e1 - e0);
      result.encode.push(t1 - t0);
      result.decode.push(t2 - t1);
      result.store.push(s1 - s0);
      result.load.push(s2 - s1);
      result.loadAfterReopen.push(r1 - r0);
    }
  }
  closeDb();
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(db.name);
    req.onsuccess = req.onerror = resolve;
  });
  return result;
}

/** The first `count` events of the engine running public/scenarios/bench.json (40 operators). */
async function engineLog(count: number): Promise<SimEvent[]> {
  const parsed = parseScenarioText(await (await fetch('/scenarios/bench.json')).text());
  if (!parsed.ok) throw new Error(formatErrors(parsed.errors).join('\n'));
  const events: SimEvent[] = [];
  const engine = createEngine(parsed.scenario, { onEvent: (e) => events.push(e) });
  while (events.length < count && engine.step()) {
    // step() processes one instant; the log grows through onEvent.
  }
  if (events.length < count) throw new Error(`bench.json made only ${events.length} events`);
  return events.slice(0, count);
}

declare global {
  interface Window {
    benchStorage: (
      count: number,
      reps: number,
      source: 'engine' | 'synthetic',
    ) => Promise<BenchResult>;
  }
}

window.benchStorage = async (count, reps, source) =>
  bench(source === 'engine' ? await engineLog(count) : syntheticLog(count), reps);
document.getElementById('status')!.textContent = 'ready';

/**
 * The engine's entry point: create a world from a scenario, run it, or collect its event log.
 * The world itself is split by concern under src/sim/world/ (world.ts lists the parts): routing
 * ("who gets the visitor") in routing.ts, the log ("what the log says") in log.ts.
 */
import type { SimEvent } from './events.ts';
import type { Scenario } from './scenario/types.ts';
import type { Engine, EngineOptions } from './world/types.ts';
import { World } from './world/world.ts';

export type {
  Engine,
  EngineInput,
  EngineOptions,
  HumanInput,
  OperatorState,
  WorldView,
} from './world/types.ts';

/** Creates an engine positioned at t = 0 (operators online and joined). */
export function createEngine(scenario: Scenario, options: EngineOptions = {}): Engine {
  return new World(scenario, options);
}

/** Runs a scenario to the end. */
export function runScenario(scenario: Scenario, options: EngineOptions = {}): Engine {
  const engine = createEngine(scenario, options);
  engine.run();
  return engine;
}

/** Runs a scenario and returns its whole event log (tests, small runs). */
export function eventLog(scenario: Scenario, options: EngineOptions = {}): SimEvent[] {
  const events: SimEvent[] = [];
  const also = options.onEvent;
  runScenario(scenario, {
    ...options,
    onEvent: (e) => {
      events.push(e);
      also?.(e);
    },
  });
  return events;
}

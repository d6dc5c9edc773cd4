import type { Scenario } from '../../src/sim/scenario/types';
import { TrainerSession } from '../../src/app/trainer/session.svelte';

/** A trainer session with one stored scenario (id `test`) open. */
export function sessionWith(scenario: Scenario): TrainerSession {
  const s = new TrainerSession();
  s.records = [
    { id: 'test', name: scenario.name, source: 'user', scenario, createdAt: 0, updatedAt: 0 },
  ];
  s.select('test');
  return s;
}

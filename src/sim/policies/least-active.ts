import type { Rng } from '../random.ts';
import type { Choice, OperatorView } from './types.ts';

/**
 * Odoo 17 `_get_less_active_operator`: operators with no active chat first, chosen at random among
 * them; otherwise those with the lowest active-chat count, at random (odoo/odoo#29888).
 * (Odoo's "in a call" refinement is not modelled: the sandbox has no calls.)
 */
export function leastActive(group: OperatorView[], tier: string, rng: Rng): Choice {
  let min = Infinity;
  let ties = 0;
  for (const o of group) {
    if (o.load < min) {
      min = o.load;
      ties = 1;
    } else if (o.load === min) ties++;
  }
  // The k-th tied operator in scenario order (runs once per assignment: no array for the ties).
  let k = ties === 1 ? 0 : rng.int(ties);
  let operator = group[0];
  for (const o of group) {
    if (o.load === min && k-- === 0) {
      operator = o;
      break;
    }
  }
  return { operator, tier, rule: min === 0 ? 'idle' : 'least-active', group, ties };
}

/** The first operator by `key`, ties broken by scenario order. */
export function minBy(
  group: OperatorView[],
  key: (o: OperatorView) => number,
): { operator: OperatorView; ties: number } {
  let best = group[0];
  let bestKey = key(best);
  let ties = 1;
  for (let i = 1; i < group.length; i++) {
    const k = key(group[i]);
    if (k < bestKey) {
      best = group[i];
      bestKey = k;
      ties = 1;
    } else if (k === bestKey) ties++;
  }
  return { operator: best, ties };
}

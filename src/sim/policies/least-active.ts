import type { Rng } from '../random.ts';
import type { Choice, OperatorView } from './types.ts';

/**
 * Odoo 17 `_get_less_active_operator`: operators with no active chat first, chosen at random among
 * them; otherwise those with the lowest active-chat count, at random (odoo/odoo#29888).
 * (Odoo's "in a call" refinement is not modelled: the sandbox has no calls.)
 */
export function leastActive(group: OperatorView[], tier: string, rng: Rng): Choice {
  let min = Infinity;
  for (const o of group) if (o.load < min) min = o.load;
  const tied: OperatorView[] = [];
  for (const o of group) if (o.load === min) tied.push(o);
  const operator = tied.length === 1 ? tied[0] : tied[rng.int(tied.length)];
  return { operator, tier, rule: min === 0 ? 'idle' : 'least-active', group, ties: tied.length };
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

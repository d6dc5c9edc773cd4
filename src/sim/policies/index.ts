/** The policy registry: name → policy. Every entry passes test/sim/policy-conformance.test.ts. */
import type { PolicyName } from '../scenario/types.ts';
import { odoo } from './odoo.ts';
import { odoo19 } from './odoo-19.ts';
import { balanced, languageStrict, loadRotation, roundRobin } from './peers.ts';
import type { Policy } from './types.ts';

export const policies: Record<PolicyName, Policy> = {
  odoo,
  'odoo-19': odoo19,
  'round-robin': roundRobin,
  balanced,
  'load-rotation': loadRotation,
  'language-strict': languageStrict,
};

export function getPolicy(name: string): Policy {
  const p = (policies as Record<string, Policy>)[name];
  if (!p) throw new Error(`unknown policy "${name}" (valid: ${Object.keys(policies).join(', ')})`);
  return p;
}

export type { Policy, OperatorView, PolicyRequest, PolicyContext, Choice } from './types.ts';

import { leastActive } from './least-active.ts';
import { languageRung, previousOperator } from './odoo.ts';
import type { Choice, OperatorView, Policy, PolicyContext, PolicyRequest } from './types.ts';

/** Odoo 19 BUFFER_TIME: an operator assigned less than 120 s ago is skipped, unless nobody is left (odoo/odoo#210075). */
export const BUFFER_TIME_SECONDS = 120;

function expertiseRungs(
  base: string,
  group: OperatorView[],
  expertises: string[],
): { tier: string; group: OperatorView[] }[] {
  if (expertises.length === 0) return [{ tier: base, group }];
  return [
    {
      tier: `${base}+all-expertises`,
      group: group.filter((o) => expertises.every((e) => o.expertises.includes(e))),
    },
    {
      tier: `${base}+one-expertise`,
      group: group.filter((o) => expertises.some((e) => o.expertises.includes(e))),
    },
    { tier: base, group },
  ];
}

/**
 * Odoo 19 ladder: language+all expertises → language+one → language → country+all → country+one →
 * country → all expertises → one expertise → anyone. "Language" is the main language, or the
 * Online Chat Languages when no main-language speaker is available (as in 17/18).
 */
export function odoo19Ladder(
  request: PolicyRequest,
  candidates: OperatorView[],
): { tier: string; group: OperatorView[] } {
  const language = languageRung(request, candidates);
  const country =
    request.country === undefined ? [] : candidates.filter((o) => o.country === request.country);
  const rungs = [
    ...expertiseRungs(language.tier, language.group, request.expertises),
    ...expertiseRungs('country', country, request.expertises),
    ...expertiseRungs('anyone', candidates, request.expertises),
  ];
  for (const rung of rungs) if (rung.group.length > 0) return rung;
  return { tier: 'anyone', group: candidates };
}

export const odoo19: Policy = {
  name: 'odoo-19',
  label: 'Odoo 19 (expertise + buffer time)',
  description:
    'Odoo 17/18 plus expertise rungs in the ladder and a 120 s buffer: within the rung, operators assigned in the last 120 s are skipped unless nobody would be left.',
  source: 'odoo',
  choose(request: PolicyRequest, candidates: OperatorView[], ctx: PolicyContext): Choice {
    const prev = previousOperator(request, candidates);
    if (prev) return prev;
    const { tier, group } = odoo19Ladder(request, candidates);
    const rested = group.filter((o) => ctx.now - o.lastAssignedAt >= BUFFER_TIME_SECONDS);
    if (rested.length > 0 && rested.length < group.length) {
      const choice = leastActive(rested, tier, ctx.rng);
      return { ...choice, rule: `${choice.rule}+buffer`, group };
    }
    return leastActive(group, tier, ctx.rng);
  },
};

import { leastActive } from './least-active.ts';
import type { Choice, OperatorView, Policy, PolicyContext, PolicyRequest } from './types.ts';

/** Odoo's language → country → anyone ladder (17.0/18.0 `_get_operator`). Returns the first non-empty rung. */
export function languageLadder(
  request: PolicyRequest,
  candidates: OperatorView[],
): { tier: string; group: OperatorView[] } {
  const language = languageRung(request, candidates);
  if (language.group.length > 0) return language;
  if (request.country !== undefined) {
    const country = candidates.filter((o) => o.country === request.country);
    if (country.length > 0) return { tier: 'country', group: country };
  }
  return { tier: 'anyone', group: candidates };
}

/** The language rung: main-language speakers, else those with it among their Online Chat Languages (may be empty). */
export function languageRung(
  request: PolicyRequest,
  candidates: OperatorView[],
): { tier: 'main-language' | 'chat-language'; group: OperatorView[] } {
  const main = candidates.filter((o) => o.lang === request.lang);
  if (main.length > 0) return { tier: 'main-language', group: main };
  return {
    tier: 'chat-language',
    group: candidates.filter((o) => o.extraLanguages.includes(request.lang)),
  };
}

/** Odoo keeps a returning visitor with their previous operator when available, whatever the load. */
export function previousOperator(
  request: PolicyRequest,
  candidates: OperatorView[],
): Choice | null {
  if (request.previousOperator === undefined) return null;
  const prev = candidates.find((o) => o.id === request.previousOperator);
  return prev
    ? {
        operator: prev,
        tier: 'previous-operator',
        rule: 'previous-operator',
        group: [prev],
        ties: 1,
      }
    : null;
}

export const odoo: Policy = {
  name: 'odoo',
  label: 'Odoo 17/18 (least active)',
  description:
    'The previous operator if available; else main language, then Online Chat Languages, then country, then anyone; within the rung the least active operator (idle first, else fewest chats), random among ties. Follows addons/im_livechat/models/im_livechat_channel.py _get_operator and _get_less_active_operator, Odoo 17.0 and 18.0.',
  source: 'odoo',
  choose(request: PolicyRequest, candidates: OperatorView[], ctx: PolicyContext): Choice {
    const prev = previousOperator(request, candidates);
    if (prev) return prev;
    const { tier, group } = languageLadder(request, candidates);
    return leastActive(group, tier, ctx.rng);
  },
};

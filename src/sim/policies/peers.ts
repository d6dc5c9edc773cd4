/** Routing policies of other products (shared/peers.md), named after what they do. */
import { leastActive, minBy } from './least-active.ts';
import type { Choice, OperatorView, Policy, PolicyContext, PolicyRequest } from './types.ts';

/** Chatwoot's rotation list, Olark: the next available operator after the last one assigned, in scenario order. */
export const roundRobin: Policy = {
  name: 'round-robin',
  label: 'Round robin',
  description:
    "A fixed rotation through the channel's operators in scenario order: the next available one after the last operator assigned (Chatwoot, Olark).",
  source: 'peer',
  choose(_request: PolicyRequest, candidates: OperatorView[], ctx: PolicyContext): Choice {
    const next = candidates.find((o) => o.index > ctx.lastAssignedInChannel) ?? candidates[0];
    return {
      operator: next,
      tier: 'rotation',
      rule: 'next-in-rotation',
      group: candidates,
      ties: 1,
    };
  },
};

/** Chatwoot EE BalancedSelector, Rocket.Chat Load_Balancing: fewest open chats, ties to the one assigned longest ago. */
export const balanced: Policy = {
  name: 'balanced',
  label: 'Balanced (fewest open chats)',
  description:
    'The operator with the fewest open chats; ties go to the one assigned longest ago, then scenario order (Chatwoot, Rocket.Chat, Intercom).',
  source: 'peer',
  choose(_request: PolicyRequest, candidates: OperatorView[]): Choice {
    const fewest = minBy(candidates, (o) => o.load);
    const tied = candidates.filter((o) => o.load === fewest.operator.load);
    const { operator, ties } = minBy(tied, (o) => o.lastAssignedAt);
    return {
      operator,
      tier: 'anyone',
      rule: tied.length > 1 ? 'fewest-chats+longest-ago' : 'fewest-chats',
      group: candidates,
      ties: tied.length > 1 ? tied.length : ties,
    };
  },
};

/** Rocket.Chat Load_Rotation: the operator whose last assignment is oldest, whatever the load. */
export const loadRotation: Policy = {
  name: 'load-rotation',
  label: 'Load rotation (longest since last chat)',
  description:
    'The operator whose last assignment is oldest (never assigned first), whatever the load; ties in scenario order (Rocket.Chat).',
  source: 'peer',
  choose(_request: PolicyRequest, candidates: OperatorView[]): Choice {
    const { operator, ties } = minBy(candidates, (o) => o.lastAssignedAt);
    return { operator, tier: 'anyone', rule: 'oldest-assignment', group: candidates, ties };
  },
};

/** Zendesk / Freshchat skills routing with language as the skill: only speakers are eligible. */
export const languageStrict: Policy = {
  name: 'language-strict',
  label: 'Language-strict (speakers only)',
  description:
    "Only operators who speak the visitor's language (main or Online Chat Language); among them the least active, random among ties (Zendesk, Freshchat skills).",
  source: 'peer',
  eligible: (request, o) => o.lang === request.lang || o.extraLanguages.includes(request.lang),
  choose(_request: PolicyRequest, candidates: OperatorView[], ctx: PolicyContext): Choice {
    return leastActive(candidates, 'language', ctx.rng);
  },
};

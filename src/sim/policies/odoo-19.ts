import { leastActive } from './least-active.ts';
import { previousOperator } from './odoo.ts';
import type { Choice, OperatorView, Policy, PolicyContext, PolicyRequest } from './types.ts';

/**
 * Odoo 19 BUFFER_TIME (odoo/odoo#210075): an operator with a session assigned less than 120 s ago
 * that is still open "fails the buffer" and is skipped, unless that leaves nobody in the rung.
 */
export const BUFFER_TIME_SECONDS = 120;

/**
 * Odoo 19 `same_language`: the main language *or* one of the Online Chat Languages. One rung:
 * unlike 17/18, a main-language speaker does not rank above an Online Chat Language speaker.
 */
export const speaksLanguage = (request: PolicyRequest, o: OperatorView): boolean =>
  o.lang === request.lang || o.extraLanguages.includes(request.lang);

/** Odoo 19 `agents_failing_buffer`: a session created in the last 120 s whose chat has not ended. */
export const failsBuffer = (o: OperatorView, now: number): boolean =>
  now - o.newestOpenSessionAt < BUFFER_TIME_SECONDS;

interface Rung {
  tier: string;
  group: OperatorView[];
}

/**
 * A base rung split by expertise, as Odoo 19's `preferences_list` lines: `[base, all_expertises]`,
 * `[base, one_expertise]`, `[base]`. With no expertise asked for, Odoo's `all_expertises` holds
 * everyone (the empty set is in every set) and `one_expertise` nobody, so the three lines are the
 * base alone.
 */
function withExpertises(base: string, group: OperatorView[], expertises: string[]): Rung[] {
  if (expertises.length === 0) return [{ tier: base, group }];
  const all = group.filter((o) => expertises.every((e) => o.expertises.includes(e)));
  const one = group.filter((o) => expertises.some((e) => o.expertises.includes(e)));
  const join = (suffix: string) => (base === '' ? suffix : `${base}+${suffix}`);
  const rungs = [
    { tier: join('all-expertises'), group: all },
    { tier: join('one-expertise'), group: one },
  ];
  if (base !== '') rungs.push({ tier: base, group });
  return rungs;
}

/**
 * Odoo 19's ladder, from most to least important, each line's conditions together:
 * language+all expertises → language+one expertise → language → country+all → country+one →
 * country → all expertises → one expertise. Returns the first line with operators, or null when
 * none has any (then Odoo falls back to every available operator, without the buffer).
 * With no expertise asked for, the "all expertises" line holds every candidate (tier `anyone`).
 */
export function odoo19Ladder(request: PolicyRequest, candidates: OperatorView[]): Rung | null {
  const language = candidates.filter((o) => speaksLanguage(request, o));
  const country =
    request.country === undefined ? [] : candidates.filter((o) => o.country === request.country);
  const { expertises } = request;
  const rungs = [
    ...withExpertises('language', language, expertises),
    ...withExpertises('country', country, expertises),
    ...(expertises.length === 0
      ? [{ tier: 'anyone', group: candidates }]
      : withExpertises('', candidates, expertises)),
  ];
  for (const rung of rungs) if (rung.group.length > 0) return rung;
  return null;
}

export const odoo19: Policy = {
  name: 'odoo-19',
  label: 'Odoo 19 (one language rung, expertise, buffer time)',
  description:
    'The previous operator if available; else the first rung with operators of: language (main or Online Chat Language, one rung)+all expertises, +one expertise, language; country+all, +one, country; all expertises; one expertise. Within the rung, operators with a session assigned in the last 120 s that is still open are skipped unless nobody would be left; then the least active (idle first, else fewest chats), random among ties. When no rung has operators (the visitor asked for expertises nobody has), anyone, least active, with no buffer. Follows addons/im_livechat/models/im_livechat_channel.py _get_operator, Odoo 19.0.',
  source: 'odoo',
  choose(request: PolicyRequest, candidates: OperatorView[], ctx: PolicyContext): Choice {
    const prev = previousOperator(request, candidates);
    if (prev) return prev;
    const rung = odoo19Ladder(request, candidates);
    // Odoo: `return self._get_less_active_operator(operator_statuses, users)`: no buffer here.
    if (rung === null) return leastActive(candidates, 'anyone', ctx.rng);
    const { tier, group } = rung;
    const rested = group.filter((o) => !failsBuffer(o, ctx.now));
    if (rested.length > 0 && rested.length < group.length) {
      const choice = leastActive(rested, tier, ctx.rng);
      return { ...choice, rule: `${choice.rule}+buffer`, group };
    }
    return leastActive(group, tier, ctx.rng);
  },
};

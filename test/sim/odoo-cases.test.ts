/**
 * Odoo's own assignment tests, re-expressed for the sandbox (odoo-livechat-facts.md §6):
 * `addons/im_livechat/tests/test_get_operator.py` and `test_get_discuss_channel.py`.
 * Each case is checked on the policy directly (the exact situation of Odoo's test) and, where the
 * engine can produce the situation, through the engine, judged from the event log alone.
 *
 * Odoo patches `random.choice` to take the first element. The sandbox breaks ties with a seeded
 * stream instead, so where Odoo's test relies on "the first", these tests assert the tie set.
 *
 * Not modelled, hence not re-expressed:
 * - Calls (test_operator_in_call_no_more_than_two_chats' second half,
 *   test_in_call_operator_not_prioritized, test_priority_by_number_of_chat_with_call_limit_not_exceeded,
 *   test_priority_by_number_of_chat_all_operators_exceed_limit, test_block_assignment_during_call):
 *   simulated operators are never in a call, so "in a call" never ranks or blocks anyone.
 * - The activity windows (test_operator_expired_channel: a session idle for 20 minutes stops
 *   counting against max sessions, 15-minute window; the 30-minute window of "active chats"):
 *   the model has no messages, so a session is ongoing from assignment to its end and every open
 *   session counts, for load and for maxSessions alike.
 * - Manual statuses (test_agent_availability_not_affected_by_custom_im_status' first half: a manual
 *   "busy", "away" or "offline" does not block): the model has presence only, no manual status.
 * - Operators passed explicitly with `users=` (test_get_non_member_operator,
 *   test_non_member_operator_availability): an internal API; the sandbox assigns channel members only.
 * - A visitor without a language (test_get_by_country with no `lang`): every simulated visitor has one.
 *
 * Odoo 19's own cases (one language rung, buffer time, expertise) are in odoo-19-cases.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/sim/events.ts';
import { policies } from '../../src/sim/policies/index.ts';
import {
  assignments,
  context,
  decisions,
  FOREVER,
  operator,
  replay,
  request,
  run,
  scenario,
  views,
  visitorStream,
} from './helpers/policy-harness.ts';

const odoo = policies.odoo;

const count = (log: SimEvent[], type: SimEvent['type']) =>
  log.filter((e) => e.type === type).length;

describe('Odoo: language and country (test_get_by_lang, test_get_by_country…)', () => {
  it('a French visitor gets the French operator even when that operator is busier (language beats load)', () => {
    const [fr, en] = views({ id: 'fr', lang: 'fr_FR', load: 3 }, { id: 'en', lang: 'en_US' });
    const choice = odoo.choose(request({ lang: 'fr_FR' }), [fr, en], context());
    expect(choice.operator.id).toBe('fr');
    expect(choice.tier).toBe('main-language');

    const s = scenario({
      operators: [operator('fr', { lang: 'fr_FR' }), operator('en')],
      visitors: [visitorStream({ arrivalsPerHour: 40, languages: { fr_FR: 1, en_US: 1 } })],
    });
    const all = decisions(s, run(s));
    const french = all.filter((d) => d.visitor.lang === 'fr_FR');
    expect(french.length).toBeGreaterThan(5);
    for (const d of french) {
      expect(d.e.operator).toBe('fr');
      expect(d.e.reason.tier).toBe('main-language');
    }
    // The situation of the test did occur: the French operator was the busier one.
    expect(french.some((d) => d.load.fr > d.load.en)).toBe(true);
  });

  it('English visitor gets the English operator, even when the English operator is busier', () => {
    // test_get_by_lang_both_operator_active: French 1 chat, English 2 chats.
    const ops = views({ id: 'fr', lang: 'fr_FR', load: 1 }, { id: 'en', lang: 'en_US', load: 2 });
    expect(odoo.choose(request({ lang: 'en_US' }), ops, context()).operator.id).toBe('en');
    expect(odoo.choose(request({ lang: 'fr_FR' }), ops, context()).operator.id).toBe('fr');

    const s = scenario({
      operators: [operator('fr', { lang: 'fr_FR' }), operator('en')],
      visitors: [visitorStream({ arrivalsPerHour: 40, languages: { fr_FR: 1, en_US: 1 } })],
    });
    const english = decisions(s, run(s)).filter((d) => d.visitor.lang === 'en_US');
    expect(english.length).toBeGreaterThan(5);
    for (const d of english) expect(d.e.operator).toBe('en');
    expect(english.some((d) => d.load.en > d.load.fr)).toBe(true);
  });

  it('with no language match anyone is chosen', () => {
    // test_get_by_lang_no_operator_matching_lang: a French operator, an English visitor.
    const [fr] = views({ id: 'fr', lang: 'fr_FR' });
    const choice = odoo.choose(request({ lang: 'en_US' }), [fr], context());
    expect([choice.operator.id, choice.tier]).toEqual(['fr', 'anyone']);

    const s = scenario({
      operators: [operator('fr', { lang: 'fr_FR' }), operator('en')],
      visitors: [visitorStream({ languages: { de_DE: 1 } })],
    });
    const all = decisions(s, run(s));
    expect(all.length).toBeGreaterThan(5);
    for (const d of all) {
      expect(d.e.reason.tier).toBe('anyone');
      expect(d.e.reason.candidates.map((c) => c.operator)).toEqual(['fr', 'en']);
    }
    expect(new Set(all.map((d) => d.e.operator))).toEqual(new Set(['fr', 'en']));
  });

  it('country matches only when language gives nothing', () => {
    // test_get_by_lang_and_country_prioritize_lang, test_get_by_country(_no_operator_matching_country)
    const ops = views(
      { id: 'fr', lang: 'fr_FR', country: 'FR' },
      { id: 'en', lang: 'en_US', country: 'US' },
    );
    const pick = (lang: string, country: string) => {
      const c = odoo.choose(request({ lang, country }), ops, context());
      return [c.operator.id, c.tier];
    };
    expect(pick('fr_FR', 'US')).toEqual(['fr', 'main-language']);
    expect(pick('en_US', 'FR')).toEqual(['en', 'main-language']);
    expect(pick('de_DE', 'FR')).toEqual(['fr', 'country']);
    expect(pick('de_DE', 'US')).toEqual(['en', 'country']);
    expect(pick('de_DE', 'BE')[1]).toBe('anyone');

    const s = scenario({
      operators: [
        operator('fr', { lang: 'fr_FR', country: 'FR' }),
        operator('en', { country: 'US' }),
      ],
      visitors: [
        visitorStream({
          arrivalsPerHour: 60,
          languages: { fr_FR: 1, en_US: 1, de_DE: 2 },
          countries: { FR: 1, US: 1, BE: 1 },
        }),
      ],
    });
    const all = decisions(s, run(s));
    const country = (d: (typeof all)[number]) => d.visitor.country;
    for (const d of all) {
      if (d.visitor.lang === 'fr_FR') expect(d.e.operator).toBe('fr');
      else if (d.visitor.lang === 'en_US') expect(d.e.operator).toBe('en');
      else if (country(d) === 'FR')
        expect([d.e.operator, d.e.reason.tier]).toEqual(['fr', 'country']);
      else if (country(d) === 'US')
        expect([d.e.operator, d.e.reason.tier]).toEqual(['en', 'country']);
      else expect(d.e.reason.tier).toBe('anyone');
    }
    // Every branch was exercised, including a speaker chosen against the visitor's country.
    const seen = new Set(all.map((d) => d.e.reason.tier));
    expect(seen).toEqual(new Set(['main-language', 'country', 'anyone']));
    expect(all.some((d) => d.visitor.lang === 'fr_FR' && country(d) === 'US')).toBe(true);
  });

  it("Online Chat Languages: with no main-language speaker, an operator listing the visitor's language gets them ('chat-language')", () => {
    const ops = views(
      { id: 'bilingual', lang: 'en_US', extraLanguages: ['fr_FR'], load: 2 },
      { id: 'en', lang: 'en_US' },
    );
    const choice = odoo.choose(request({ lang: 'fr_FR' }), ops, context());
    expect([choice.operator.id, choice.tier]).toEqual(['bilingual', 'chat-language']);
    // A main-language speaker comes first, however busy.
    const withFr = views(
      { id: 'fr', lang: 'fr_FR', load: 5 },
      { id: 'bilingual', lang: 'en_US', extraLanguages: ['fr_FR'] },
    );
    const main = odoo.choose(request({ lang: 'fr_FR' }), withFr, context());
    expect([main.operator.id, main.tier]).toEqual(['fr', 'main-language']);

    // Through the engine: the French operator presses Leave at minute 30.
    const s = scenario({
      operators: [
        operator('fr', { lang: 'fr_FR' }),
        operator('bilingual', { extraLanguages: ['fr_FR'] }),
        operator('en'),
      ],
      visitors: [visitorStream({ arrivalsPerHour: 30, languages: { fr_FR: 1 } })],
    });
    const log = run(s, {
      inputs: [{ t: 1800, type: 'operator.leave', operator: 'fr', channel: 'web' }],
    });
    const all = assignments(log);
    const before = all.filter((e) => e.t < 1800);
    const after = all.filter((e) => e.t >= 1800);
    expect(before.length).toBeGreaterThan(3);
    expect(after.length).toBeGreaterThan(3);
    for (const e of before) expect([e.operator, e.reason.tier]).toEqual(['fr', 'main-language']);
    for (const e of after) {
      expect([e.operator, e.reason.tier]).toEqual(['bilingual', 'chat-language']);
      expect(e.reason.candidates.map((c) => c.operator)).toEqual(['bilingual']);
    }
  });
});

describe('Odoo: load (least active) and the previous operator', () => {
  it('1 chat beats 2 (least active)', () => {
    // test_priority_by_number_of_chat
    const ops = views({ id: 'first', load: 1 }, { id: 'second', load: 2 });
    const choice = odoo.choose(request(), ops, context());
    expect([choice.operator.id, choice.rule, choice.ties]).toEqual(['first', 'least-active', 1]);
    // Idle operators come first.
    const idle = odoo.choose(request(), views({ id: 'a', load: 1 }, { id: 'b' }), context());
    expect([idle.operator.id, idle.rule]).toEqual(['b', 'idle']);

    // Through the engine, with chats outlasting the run: every choice is a least-loaded operator.
    const s = scenario({
      operators: [operator('a'), operator('b'), operator('c')],
      visitors: [visitorStream({ arrivalsPerHour: 40 })],
    });
    const all = decisions(s, run(s));
    expect(all.length).toBeGreaterThan(10);
    for (const { e, load } of all) {
      const min = Math.min(...Object.values(load));
      expect(load[e.operator]).toBe(min);
      expect(e.reason.rule).toBe(min === 0 ? 'idle' : 'least-active');
      expect(e.reason.ties).toBe(Object.values(load).filter((n) => n === min).length);
    }
    // Loads never differ by more than one chat.
    const final = all.at(-1)!.load;
    expect(Math.max(...Object.values(final)) - Math.min(...Object.values(final))).toBeLessThan(2);
  });

  it('ties are broken at random (Odoo: random.choice), reproducibly for a seed', () => {
    const ops = views({ id: 'a' }, { id: 'b' }, { id: 'c' });
    const chosen = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) {
      const c = odoo.choose(request(), ops, context({ seed }));
      expect(c.ties).toBe(3);
      expect(odoo.choose(request(), ops, context({ seed })).operator.id).toBe(c.operator.id);
      chosen.add(c.operator.id);
    }
    expect(chosen).toEqual(new Set(['a', 'b', 'c']));
  });

  it('the previous operator is kept whatever the load', () => {
    // test_operator_in_call_no_more_than_two_chats (first half): 2 chats, not in a call.
    const ops = views({ id: 'first', load: 2 }, { id: 'second' });
    const choice = odoo.choose(request({ previousOperator: 'first' }), ops, context());
    expect([choice.operator.id, choice.tier]).toEqual(['first', 'previous-operator']);
    // Language does not matter either.
    const fr = views({ id: 'fr', lang: 'fr_FR', load: 4 }, { id: 'en' });
    const kept = odoo.choose(request({ previousOperator: 'fr' }), fr, context());
    expect(kept.operator.id).toBe('fr');

    const s = scenario({
      operators: [operator('a'), operator('b')],
      visitors: [visitorStream({ arrivalsPerHour: 40, returningFraction: 1 })],
    });
    const all = decisions(s, run(s));
    expect(all.length).toBeGreaterThan(10);
    for (const { e, visitor } of all) {
      expect(visitor.previousOperator).toBeDefined();
      expect(e.operator).toBe(visitor.previousOperator);
      expect(e.reason.tier).toBe('previous-operator');
    }
    expect(all.some(({ e, load }) => load[e.operator] > Math.min(load.a, load.b))).toBe(true);
  });

  it('a previous operator who is not available is passed over for the ladder', () => {
    const ops = views({ id: 'second' });
    const choice = odoo.choose(request({ previousOperator: 'first' }), ops, context());
    expect([choice.operator.id, choice.tier]).toEqual(['second', 'main-language']);

    // Through the engine: 'a' presses Leave at t=0; returning visitors of 'a' go to 'b'.
    const s = scenario({
      operators: [operator('a'), operator('b')],
      visitors: [visitorStream({ arrivalsPerHour: 40, returningFraction: 1 })],
    });
    const all = decisions(
      s,
      run(s, { inputs: [{ t: 0, type: 'operator.leave', operator: 'a', channel: 'web' }] }),
    );
    const ofA = all.filter((d) => d.visitor.previousOperator === 'a');
    expect(ofA.length).toBeGreaterThan(3);
    for (const { e } of ofA) expect([e.operator, e.reason.tier]).toEqual(['b', 'main-language']);
  });

  it('ending a chat frees the operator', () => {
    // test_operator_freed_after_chat_ends: after the end, the operator's count is back down.
    const s = scenario({
      operators: [operator('first'), operator('second')],
      visitors: [visitorStream({ arrivalsPerHour: 20, chatMinutes: { dist: 'fixed', value: 5 } })],
    });
    const log = run(s);
    const ended = new Map<string, number>(); // operator → time of their last chat end
    let freedAndChosen = 0;
    replay(s, log, (e, world) => {
      if (e.type === 'chat.ended') ended.set(e.operator, e.t);
      if (e.type !== 'visitor.assigned') return;
      for (const c of e.reason.candidates) expect(c.load).toBe(world.load(c.operator));
      if (ended.has(e.operator) && world.load(e.operator) === 0) freedAndChosen++;
    });
    expect(freedAndChosen).toBeGreaterThan(3);

    // With max sessions 1 and a single operator: unavailable while chatting, assigned again after.
    const one = scenario({
      channels: [{ id: 'web', name: 'Website', maxSessions: 1 }],
      operators: [operator('first')],
      visitors: [visitorStream({ arrivalsPerHour: 30, chatMinutes: { dist: 'fixed', value: 5 } })],
    });
    let unavailable = 0;
    let assignedAfterAnEnd = 0;
    replay(one, run(one), (e, world) => {
      if (e.type === 'visitor.unavailable') {
        expect(world.load('first')).toBe(1);
        unavailable++;
      }
      if (e.type === 'visitor.assigned') {
        expect(world.load('first')).toBe(0);
        if (e.t > 300) assignedAfterAnEnd++;
      }
    });
    expect(unavailable).toBeGreaterThan(0);
    expect(assignedAfterAnEnd).toBeGreaterThan(0);
  });

  it('test_get_discuss_channel: with 5 operators, 5 rounds of 5 sessions each reach all 5 operators in every round', () => {
    const ids = ['o1', 'o2', 'o3', 'o4', 'o5'];
    const s = scenario({
      operators: ids.map((id) => operator(id)),
      visitors: [visitorStream({ arrivalsPerHour: 60, chatMinutes: FOREVER })],
    });
    const all = assignments(run(s));
    expect(all.length).toBeGreaterThanOrEqual(25);
    for (let round = 0; round < 5; round++) {
      const reached = all.slice(round * 5, round * 5 + 5).map((e) => e.operator);
      expect(new Set(reached), `round ${round + 1}`).toEqual(new Set(ids));
    }
  });
});

describe('Odoo 18.1+ / 19: max sessions, presence', () => {
  it('limited max sessions make an operator at the limit unavailable, per channel', () => {
    // test_max_sessions_mode_limited_multi_operators: limit 2, two operators.
    const s = scenario({
      channels: [{ id: 'web', name: 'Website', maxSessions: 2 }],
      operators: [operator('op1'), operator('op2')],
      visitors: [visitorStream({ arrivalsPerHour: 30 })],
    });
    const log = run(s);
    const all = assignments(log);
    expect(all.map((e) => e.operator).sort()).toEqual(['op1', 'op1', 'op2', 'op2']);
    // Once one operator is full, the other is the only candidate; the full one is excluded.
    for (const e of all) {
      for (const x of e.reason.excluded ?? []) expect(x.why).toBe('capacity');
    }
    expect(all.some((e) => e.reason.excluded?.length === 1)).toBe(true);
    expect(count(log, 'visitor.unavailable')).toBeGreaterThan(10);

    // test_max_sessions_mode_multi_channel, test_operator_max: the limit counts sessions in *that*
    // channel only; sessions in an unlimited channel never make the operator full elsewhere.
    const multi = scenario({
      channels: [
        { id: 'limited', name: 'Limited', maxSessions: 2 },
        { id: 'open', name: 'Open', maxSessions: null },
      ],
      operators: [operator('op', { channels: ['limited', 'open'] })],
      visitors: [
        visitorStream({ channel: 'limited', arrivalsPerHour: 10 }),
        visitorStream({ channel: 'open', arrivalsPerHour: 30 }),
      ],
    });
    const multiLog = run(multi);
    let openWhileLimitedFull = 0;
    let limitedWhileBusyElsewhere = 0;
    replay(multi, multiLog, (e, world) => {
      if (e.type === 'visitor.unavailable') expect(e.channel).toBe('limited');
      if (e.type === 'visitor.unavailable') expect(world.sessionsIn('op', 'limited')).toBe(2);
      if (e.type !== 'visitor.assigned') return;
      if (e.channel === 'open' && world.sessionsIn('op', 'limited') === 2) openWhileLimitedFull++;
      if (e.channel === 'limited' && world.load('op') >= 2) limitedWhileBusyElsewhere++;
    });
    expect(assignments(multiLog).filter((e) => e.channel === 'limited')).toHaveLength(2);
    expect(openWhileLimitedFull).toBeGreaterThan(3);
    expect(limitedWhileBusyElsewhere).toBeGreaterThan(0);
    expect(count(multiLog, 'visitor.unavailable')).toBeGreaterThan(0);
  });

  it('presence away blocks assignment (inactivity effect away)', () => {
    // test_agent_availability_not_affected_by_custom_im_status (second half): presence away.
    // The agent steps away at t=0; Odoo still sees them online until the 10-minute timer fires.
    const s = scenario({
      inactivity: { timeoutMinutes: 10, effect: 'away' },
      operators: [
        operator('agent', {
          activity: { kind: 'breaks', breaks: [{ atMinute: 0, minutes: 120 }] },
        }),
      ],
      visitors: [
        visitorStream({ arrivalsPerHour: 30, patienceMinutes: { dist: 'fixed', value: 3 } }),
      ],
    });
    const log = run(s);
    const away = log.find((e) => e.type === 'operator.status' && e.status === 'away');
    expect(away?.t).toBe(600);
    // Still a member: Odoo's code keeps them in the channel.
    expect(log.some((e) => e.type === 'operator.left')).toBe(false);
    const arrived = log.filter((e) => e.type === 'visitor.arrived');
    expect(arrived.some((e) => e.t < 600)).toBe(true);
    expect(arrived.filter((e) => e.t > 600).length).toBeGreaterThan(5);
    for (const e of arrived) {
      const outcome = log.find(
        (x) =>
          (x.type === 'visitor.assigned' || x.type === 'visitor.unavailable') &&
          x.visitor === e.visitor,
      )!;
      // Before the timer: assigned to an absent agent (and unanswered); after: no operator.
      expect(outcome.type).toBe(e.t < 600 ? 'visitor.assigned' : 'visitor.unavailable');
    }
    // With a colleague present, the away agent is listed as excluded, never chosen.
    const duo = scenario({ ...s, operators: [...s.operators, operator('colleague')] });
    const duoLog = run(duo);
    for (const e of assignments(duoLog).filter((x) => x.t > 600)) {
      expect(e.operator).toBe('colleague');
      expect(e.reason.excluded).toEqual([{ operator: 'agent', why: 'away' }]);
    }
  });

  it("the guide's removal also blocks assignment: a removed operator is no longer a member", () => {
    const s = scenario({
      inactivity: { timeoutMinutes: 10, effect: 'remove' },
      operators: [
        operator('agent', { activity: { kind: 'breaks', breaks: [{ atMinute: 0, minutes: 30 }] } }),
        operator('colleague'),
      ],
      visitors: [visitorStream({ arrivalsPerHour: 30, chatMinutes: { dist: 'fixed', value: 1 } })],
    });
    const log = run(s);
    expect(log).toContainEqual({
      t: 600,
      type: 'operator.left',
      operator: 'agent',
      channel: 'web',
      reason: 'inactivity',
    });
    expect(log).toContainEqual({
      t: 1800,
      type: 'operator.joined',
      operator: 'agent',
      channel: 'web',
      reason: 'return',
    });
    const absent = assignments(log).filter((e) => e.t > 600 && e.t < 1800);
    expect(absent.length).toBeGreaterThan(3);
    for (const e of absent) {
      expect(e.operator).toBe('colleague');
      // Not a member: not even listed as excluded.
      expect(e.reason.excluded).toBeUndefined();
    }
    expect(assignments(log).some((e) => e.t >= 1800 && e.operator === 'agent')).toBe(true);
  });
});

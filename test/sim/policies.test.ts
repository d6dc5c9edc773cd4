/**
 * What makes each policy itself (issue 2 §3): the peers' rotations and load balancing, the
 * language-strict filter and its effect on the queue, and Odoo 19's expertise rungs. Each rule is
 * checked on the policy directly and, as a property, on engine runs judged from the log alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VisitorAssigned, VisitorQueued } from '../../src/sim/events.ts';
import { policies } from '../../src/sim/policies/index.ts';
import {
  assignments,
  context,
  operator,
  replay,
  request,
  run,
  scenario,
  scenarioArb,
  views,
  visitorStream,
  type LogWorld,
  type RandomRun,
} from './helpers/policy-harness.ts';

const ids = (os: { id: string }[]) => os.map((o) => o.id);

/**
 * Runs random scenarios with `policy` and calls `check` on every assignment with the world just
 * before it. Returns how many assignments were checked, so the property cannot pass vacuously.
 */
function everyAssignment(
  policy: string,
  check: (e: VisitorAssigned, world: LogWorld) => void,
  numRuns = 15,
): number {
  let checked = 0;
  fc.assert(
    fc.property(scenarioArb(policy), ({ scenario: s, inputs }: RandomRun) => {
      replay(s, run(s, { inputs }), (e, world) => {
        if (e.type !== 'visitor.assigned') return;
        checked++;
        check(e, world);
      });
    }),
    { numRuns, seed: 424_242 },
  );
  return checked;
}

/** The policies without an eligibility filter see every available member: the log must agree. */
function expectAllAvailableAreCandidates(e: VisitorAssigned, world: LogWorld) {
  expect(ids(e.reason.candidates.map((c) => ({ id: c.operator })))).toEqual(
    world.available(e.channel),
  );
}

describe('round-robin', () => {
  const rr = policies['round-robin'];

  it('rotates in scenario order starting after the last assigned, wrapping, and skips unavailable operators', () => {
    const all = views({ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' });
    const next = (candidates: typeof all, last: number) =>
      rr.choose(request(), candidates, context({ lastAssignedInChannel: last })).operator.id;
    expect(next(all, -1)).toBe('a');
    expect(next(all, 0)).toBe('b');
    expect(next(all, 2)).toBe('d');
    expect(next(all, 3)).toBe('a');
    // b is unavailable (not a candidate): after a comes c.
    const withoutB = all.filter((o) => o.id !== 'b');
    expect(next(withoutB, 0)).toBe('c');
    // The last assigned operator is unavailable now: the rotation goes on after their place.
    expect(next(withoutB, 1)).toBe('c');
    // Load plays no part.
    const loaded = views({ id: 'a' }, { id: 'b', load: 9 });
    expect(next(loaded, 0)).toBe('b');
  });

  it('through the engine: a, b, c, a, b, c… and, once b is away, a, c, a, c…', () => {
    const s = scenario({
      policy: 'round-robin',
      inactivity: { timeoutMinutes: 20, effect: 'away' },
      operators: [
        operator('a'),
        operator('b', { activity: { kind: 'breaks', breaks: [{ atMinute: 0, minutes: 200 }] } }),
        operator('c'),
      ],
      visitors: [
        visitorStream({ arrivalsPerHour: 40, patienceMinutes: { dist: 'fixed', value: 1 } }),
      ],
    });
    const log = run(s);
    const before = assignments(log).filter((e) => e.t < 1200);
    const after = assignments(log).filter((e) => e.t > 1200);
    expect(before.length).toBeGreaterThanOrEqual(6);
    expect(after.length).toBeGreaterThanOrEqual(6);
    // Before the inactivity timer, b is still "online" and takes their turn (unanswered).
    before.forEach((e, i) => expect(e.operator).toBe(['a', 'b', 'c'][i % 3]));
    // After the timer b is skipped: after a or b comes c, after c comes a.
    let previous = before.at(-1)!.operator;
    for (const e of after) {
      expect(e.operator).toBe(previous === 'c' ? 'a' : 'c');
      previous = e.operator;
    }
  });

  it('on random scenarios: always the next available operator after the last one assigned in the channel', () => {
    // The rotation memory per channel, for each run (a run has its own LogWorld).
    const lastByRun = new WeakMap<LogWorld, Map<string, number>>();
    const checked = everyAssignment('round-robin', (e, world) => {
      if (!lastByRun.has(world)) lastByRun.set(world, new Map());
      const lastIn = lastByRun.get(world)!;
      expectAllAvailableAreCandidates(e, world);
      const order = e.reason.candidates.map((c) => world.indexOf(c.operator));
      const last = lastIn.get(e.channel) ?? -1;
      const expected = order.find((i) => i > last) ?? order[0];
      expect(world.indexOf(e.operator)).toBe(expected);
      lastIn.set(e.channel, world.indexOf(e.operator));
    });
    expect(checked).toBeGreaterThan(100);
  });
});

describe('balanced', () => {
  const balanced = policies.balanced;

  it('picks the fewest open chats and breaks ties by the longest-ago assignment, then scenario order', () => {
    const ops = views(
      { id: 'a', load: 2, lastAssignedAt: 0 },
      { id: 'b', load: 1, lastAssignedAt: 50 },
      { id: 'c', load: 1, lastAssignedAt: 10 },
    );
    const c = balanced.choose(request(), ops, context({ now: 100 }));
    expect([c.operator.id, c.rule, c.ties]).toEqual(['c', 'fewest-chats+longest-ago', 2]);
    const alone = balanced.choose(request(), ops.slice(0, 2), context({ now: 100 }));
    expect([alone.operator.id, alone.rule, alone.ties]).toEqual(['b', 'fewest-chats', 1]);
    // Never assigned counts as longest ago; full ties go to scenario order.
    const fresh = views({ id: 'x', lastAssignedAt: 5 }, { id: 'y' }, { id: 'z' });
    expect(balanced.choose(request(), fresh, context({ now: 9 })).operator.id).toBe('y');
    // Language plays no part.
    const fr = views({ id: 'fr', lang: 'fr_FR', load: 1 }, { id: 'en' });
    expect(balanced.choose(request({ lang: 'fr_FR' }), fr, context()).operator.id).toBe('en');
  });

  it('on random scenarios: always a least-loaded available operator, the one assigned longest ago', () => {
    const checked = everyAssignment('balanced', (e, world) => {
      expectAllAvailableAreCandidates(e, world);
      const available = world.available(e.channel);
      const min = Math.min(...available.map((id) => world.load(id)));
      const fewest = available.filter((id) => world.load(id) === min);
      const oldest = Math.min(...fewest.map((id) => world.lastAssigned(id)));
      const expected = fewest.find((id) => world.lastAssigned(id) === oldest);
      expect(e.operator).toBe(expected);
    });
    expect(checked).toBeGreaterThan(100);
  });
});

describe('load-rotation', () => {
  const lr = policies['load-rotation'];

  it('ignores load and picks the oldest last assignment, never-assigned first', () => {
    const ops = views(
      { id: 'busy', load: 5, lastAssignedAt: 10 },
      { id: 'idle', load: 0, lastAssignedAt: 20 },
    );
    const c = lr.choose(request(), ops, context({ now: 30 }));
    expect([c.operator.id, c.rule]).toEqual(['busy', 'oldest-assignment']);
    const withNew = views(
      { id: 'old', lastAssignedAt: 1 },
      { id: 'never', load: 3 },
      { id: 'never2' },
    );
    const n = lr.choose(request(), withNew, context({ now: 30 }));
    expect([n.operator.id, n.ties]).toEqual(['never', 2]);
  });

  it('on random scenarios: always the available operator whose last assignment is oldest', () => {
    let againstLoad = 0;
    const checked = everyAssignment('load-rotation', (e, world) => {
      expectAllAvailableAreCandidates(e, world);
      const available = world.available(e.channel);
      const oldest = Math.min(...available.map((id) => world.lastAssigned(id)));
      expect(e.operator).toBe(available.find((id) => world.lastAssigned(id) === oldest));
      const min = Math.min(...available.map((id) => world.load(id)));
      if (world.load(e.operator) > min) againstLoad++;
    });
    expect(checked).toBeGreaterThan(100);
    // The rule really differs from load balancing.
    expect(againstLoad).toBeGreaterThan(0);
  });
});

describe('language-strict', () => {
  const strict = policies['language-strict'];

  it("admits only speakers of the visitor's language (main or Online Chat Language)", () => {
    const [fr, bilingual, en] = views(
      { id: 'fr', lang: 'fr_FR' },
      { id: 'bilingual', extraLanguages: ['fr_FR'] },
      { id: 'en' },
    );
    const fr_ = request({ lang: 'fr_FR' });
    expect(strict.eligible!(fr_, fr)).toBe(true);
    expect(strict.eligible!(fr_, bilingual)).toBe(true);
    expect(strict.eligible!(fr_, en)).toBe(false);
  });

  it('never assigns a non-speaker: on random scenarios, and a German visitor is unavailable while a French operator is idle', () => {
    const checked = everyAssignment('language-strict', (e, world) => {
      const lang = world.arrivals.get(e.visitor)!.lang;
      expect(world.speaks(e.operator, lang), `${e.operator} speaks ${lang}`).toBe(true);
      for (const c of e.reason.candidates) expect(world.speaks(c.operator, lang)).toBe(true);
      // Available non-speakers are listed as not eligible.
      for (const id of world.available(e.channel))
        if (!world.speaks(id, lang))
          expect(e.reason.excluded).toContainEqual({ operator: id, why: 'not-eligible' });
    });
    expect(checked).toBeGreaterThan(100);

    const s = scenario({
      policy: 'language-strict',
      operators: [operator('fr', { lang: 'fr_FR' })],
      visitors: [visitorStream({ languages: { de_DE: 1, fr_FR: 1 } })],
    });
    const log = run(s);
    const arrivals = log.filter((e) => e.type === 'visitor.arrived');
    expect(arrivals.some((e) => e.lang === 'de_DE')).toBe(true);
    for (const a of arrivals) {
      const outcome = log.find(
        (e) =>
          (e.type === 'visitor.assigned' || e.type === 'visitor.unavailable') &&
          e.visitor === a.visitor,
      )!;
      expect(outcome.type).toBe(a.lang === 'fr_FR' ? 'visitor.assigned' : 'visitor.unavailable');
    }
  });

  it('in queue mode, lets a later visitor with an available speaker go ahead of an earlier one without', () => {
    const s = scenario({
      policy: 'language-strict',
      whenNoOperator: 'queue',
      channels: [{ id: 'web', name: 'Website', maxSessions: 1 }],
      operators: [operator('fr', { lang: 'fr_FR' }), operator('en')],
      visitors: [
        visitorStream({
          arrivalsPerHour: 12,
          languages: { fr_FR: 1, en_US: 1 },
          chatMinutes: { dist: 'fixed', value: 8 },
        }),
      ],
    });
    let overtakes = 0;
    replay(s, run(s), (e, world) => {
      if (e.type !== 'visitor.assigned') return;
      const serial = (id: string) => Number(id.slice(1));
      for (const w of world.waiting.values()) {
        if (serial(w.visitor) >= serial(e.visitor)) continue;
        // Someone earlier is still waiting: only because no speaker of theirs is available.
        overtakes++;
        const speakers = world.available('web').filter((id) => world.speaks(id, w.lang));
        expect(speakers, `${e.visitor} went ahead of ${w.visitor}`).toEqual([]);
      }
    });
    expect(overtakes).toBeGreaterThan(0);

    // Without an eligibility filter the same queue is strict first-come, first-served.
    const fifo = scenario({ ...s, policy: 'odoo' });
    replay(fifo, run(fifo), (e, world) => {
      if (e.type !== 'visitor.assigned') return;
      expect(world.waiting.keys().next().value).toBe(e.visitor);
    });
  });
  it('takes queued visitors at once, oldest first, when an operator adds their language to the Online Chat Languages', () => {
    const s = scenario({
      policy: 'language-strict',
      whenNoOperator: 'queue',
      durationMinutes: 20,
      operators: [operator('fr', { lang: 'fr_FR' })],
      visitors: [
        visitorStream({
          arrivalsPerHour: 20,
          languages: { en_US: 1 },
          chatMinutes: { dist: 'fixed', value: 2 },
        }),
      ],
    });
    const log = run(s, {
      inputs: [{ t: 600, type: 'operator.languages', operator: 'fr', languages: ['en_US'] }],
    });
    const queued = log.filter((e): e is VisitorQueued => e.type === 'visitor.queued' && e.t < 600);
    expect(queued.length).toBeGreaterThan(0);
    const atChange = assignments(log).filter((e) => e.t === 600);
    expect(atChange.map((e) => e.visitor)).toEqual(queued.map((e) => e.visitor));
    // Nobody who arrived later went ahead of them.
    replay(s, log, (e, world) => {
      if (e.type === 'visitor.assigned') expect(world.waiting.keys().next().value).toBe(e.visitor);
    });
  });
});

describe('odoo-19 expertise rungs', () => {
  const odoo19 = policies['odoo-19'];
  const pick = (
    ops: ReturnType<typeof views>,
    lang: string,
    expertises: string[],
    country?: string,
  ) => {
    const c = odoo19.choose(request({ lang, expertises, country }), ops, context());
    return { id: c.operator.id, tier: c.tier, group: ids(c.group) };
  };

  it('inside the language rung: all expertises, then one expertise, then plain language', () => {
    const ops = views(
      { id: 'fr_all', lang: 'fr_FR', expertises: ['sales', 'tech'], load: 3 },
      { id: 'fr_one', lang: 'fr_FR', expertises: ['sales'], load: 1 },
      { id: 'fr_none', lang: 'fr_FR' },
      { id: 'en_all', lang: 'en_US', expertises: ['sales', 'tech'] },
    );
    const want = ['sales', 'tech'];
    // The rung wins over load.
    expect(pick(ops, 'fr_FR', want)).toEqual({
      id: 'fr_all',
      tier: 'language+all-expertises',
      group: ['fr_all'],
    });
    expect(pick(ops.slice(1), 'fr_FR', want)).toEqual({
      id: 'fr_one',
      tier: 'language+one-expertise',
      group: ['fr_one'],
    });
    // Language before expertise: the French speaker without expertise beats the English expert.
    expect(pick(ops.slice(2), 'fr_FR', want)).toEqual({
      id: 'fr_none',
      tier: 'language',
      group: ['fr_none'],
    });
    // Online Chat Languages are the same rung (Odoo 19 same_language).
    const chat = views(
      { id: 'en_fr_tech', extraLanguages: ['fr_FR'], expertises: ['tech'] },
      { id: 'en_fr', extraLanguages: ['fr_FR'] },
    );
    expect(pick(chat, 'fr_FR', ['tech']).tier).toBe('language+all-expertises');
  });

  it('then country with expertise rungs, then expertise alone, then anyone', () => {
    const ops = views(
      { id: 'be_tech', country: 'BE', expertises: ['tech'] },
      { id: 'be', country: 'BE' },
      { id: 'us_tech', country: 'US', expertises: ['tech'] },
      { id: 'us', country: 'US' },
    );
    expect(pick(ops, 'de_DE', ['tech'], 'BE')).toMatchObject({
      id: 'be_tech',
      tier: 'country+all-expertises',
    });
    expect(pick(ops.slice(1), 'de_DE', ['tech'], 'BE')).toMatchObject({
      id: 'be',
      tier: 'country',
    });
    expect(pick(ops.slice(1), 'de_DE', ['tech'], 'FR')).toMatchObject({
      id: 'us_tech',
      tier: 'all-expertises',
    });
    expect(pick([ops[3]], 'de_DE', ['tech'], 'FR')).toMatchObject({ id: 'us', tier: 'anyone' });
    // Without expertise in the request the rungs are Odoo 17/18's.
    expect(pick(ops, 'de_DE', [], 'US')).toMatchObject({
      tier: 'country',
      group: ['us_tech', 'us'],
    });
  });

  it('through the engine: a visitor asking for an expertise goes to the expert whatever the load', () => {
    const s = scenario({
      policy: 'odoo-19',
      operators: [operator('plain'), operator('expert', { expertises: ['tech'] })],
      visitors: [visitorStream({ expertises: ['tech'] })],
    });
    const all = assignments(run(s));
    expect(all.length).toBeGreaterThan(5);
    for (const e of all) {
      expect([e.operator, e.reason.tier]).toEqual(['expert', 'language+all-expertises']);
    }
  });
});

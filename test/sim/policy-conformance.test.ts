/**
 * The shared conformance suite (issue 2 §3 and §6): every policy in the registry must
 * - choose one of the candidates it is given, deterministically for a given tie-break seed, and
 *   explain itself (a group containing the choice, ties >= 1, a non-empty tier and rule);
 * - through the engine, never be the reason a visitor reaches an operator who is away or offline,
 *   not a member of the channel, or already at maxSessions there; and every assignment must carry
 *   a reason whose candidate loads are the operators' open sessions at that instant.
 * The engine-level checks rebuild the world from the event log only (helpers/policy-harness.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/sim/events.ts';
import { policies, type OperatorView, type Policy } from '../../src/sim/policies/index.ts';
import { POLICY_NAMES, type Scenario } from '../../src/sim/scenario/types.ts';
import {
  assignments,
  context,
  operator,
  replay,
  run,
  scenario,
  scenarioArb,
  visitorStream,
  type RandomRun,
} from './helpers/policy-harness.ts';

const langArb = fc.constantFrom('en_US', 'fr_FR', 'de_DE', 'nl_BE');

/** Candidate sets as the engine passes them: non-empty, in scenario order, distinct operators. */
const candidatesArb: fc.Arbitrary<OperatorView[]> = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 1, max: 3 }),
      lang: langArb,
      extraLanguages: fc.subarray(['en_US', 'fr_FR', 'de_DE', 'nl_BE']),
      country: fc.option(fc.constantFrom('BE', 'FR', 'US'), { nil: undefined }),
      expertises: fc.subarray(['sales', 'tech', 'billing']),
      load: fc.integer({ min: 0, max: 5 }),
      lastAssignedAt: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: -Infinity }),
      /** How long before the last assignment the newest open session was assigned (null: none open). */
      openSince: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((specs) => {
    let index = -1;
    return specs.map(({ gap, openSince, ...o }, i) => {
      index += gap;
      const newestOpenSessionAt = openSince === null ? -Infinity : o.lastAssignedAt - openSince;
      return { ...o, newestOpenSessionAt, index, id: `o${i}` } as OperatorView;
    });
  });

const caseArb = fc.record({
  candidates: candidatesArb,
  lang: langArb,
  country: fc.option(fc.constantFrom('BE', 'FR', 'US'), { nil: undefined }),
  expertises: fc.subarray(['sales', 'tech', 'billing']),
  /** An index into the candidates, or a previous operator who is not available ("gone"). */
  previous: fc.option(fc.oneof(fc.nat({ max: 7 }), fc.constant(-1)), { nil: undefined }),
  /** Seconds after the latest assignment (0 = an assignment this very instant). */
  after: fc.integer({ min: 0, max: 400 }),
  lastAssignedInChannel: fc.integer({ min: -1, max: 30 }),
  seed: fc.integer(),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function setUp(policy: Policy, c: Case) {
  const request = {
    lang: c.lang,
    expertises: c.expertises,
    ...(c.country !== undefined ? { country: c.country } : {}),
    ...(c.previous !== undefined
      ? { previousOperator: c.candidates[c.previous]?.id ?? 'gone' }
      : {}),
  };
  // The engine applies a policy's own eligibility filter before asking it to choose.
  const candidates = policy.eligible
    ? c.candidates.filter((o) => policy.eligible!(request, o))
    : c.candidates;
  const latest = Math.max(0, ...candidates.map((o) => o.lastAssignedAt));
  const ctx = () =>
    context({
      now: latest + c.after,
      lastAssignedInChannel: c.lastAssignedInChannel,
      seed: c.seed,
    });
  return { request, candidates, ctx };
}

/**
 * The engine-level invariants, checked on one run's log against the world rebuilt from that log.
 * Returns how many assignments it checked, so a property cannot pass vacuously.
 */
function checkLog(name: string, scenario: Scenario, log: SimEvent[]): number {
  const policy = policies[name as keyof typeof policies];
  let assigned = 0;
  replay(scenario, log, (e, world) => {
    if (e.type !== 'visitor.assigned') return;
    assigned++;
    const where = `${e.visitor} → ${e.operator} in ${e.channel} at t=${e.t}`;
    expect(world.waiting.has(e.visitor), `${where}: the visitor is waiting`).toBe(true);
    expect(world.unavailableWhy(e.operator, e.channel), `${where}: operator available`).toBeNull();

    const r = e.reason;
    expect(r.policy).toBe(name);
    expect(typeof r.tier === 'string' && r.tier.length > 0, `${where}: tier`).toBe(true);
    expect(typeof r.rule === 'string' && r.rule.length > 0, `${where}: rule`).toBe(true);
    expect(Number.isInteger(r.ties) && r.ties >= 1, `${where}: ties ${r.ties}`).toBe(true);
    expect(r.candidates.map((c) => c.operator)).toContain(e.operator);
    for (const c of r.candidates) {
      expect(c.load, `${where}: load of ${c.operator}`).toBe(world.load(c.operator));
      // The explanation's candidates are themselves assignable at this instant.
      expect(world.unavailableWhy(c.operator, e.channel), `${where}: ${c.operator}`).toBeNull();
    }
    // Queue order: nobody who has waited longer in this channel could have been served instead.
    const serial = (id: string) => Number(id.slice(1));
    let available: string[] | undefined;
    for (const w of world.waiting.values()) {
      if (w.channel !== e.channel || serial(w.visitor) >= serial(e.visitor)) continue;
      const req = world.request(w.visitor);
      available ??= world.available(e.channel);
      const could = available.filter(
        (id) => !policy.eligible || policy.eligible(req, world.view(id)),
      );
      expect(could, `${where}: ${w.visitor} has waited longer`).toEqual([]);
    }
  });
  return assigned;
}

const checkRun = (name: string, { scenario, inputs }: RandomRun) =>
  checkLog(name, scenario, run(scenario, { inputs }));

function describePolicyConformance(name: string, policy: Policy) {
  describe(`policy conformance: ${name}`, () => {
    it('is registered under its own name, with a label, a description and a source', () => {
      expect(policy.name).toBe(name);
      expect(policy.label.length).toBeGreaterThan(0);
      expect(policy.description.length).toBeGreaterThan(0);
      expect(['odoo', 'peer']).toContain(policy.source);
      // An Odoo policy says which Odoo version and which file of Odoo's code it follows.
      if (policy.source === 'odoo') {
        expect(policy.description).toMatch(/addons\/im_livechat\/models\/\w+\.py _get_operator/);
        expect(policy.description).toMatch(/Odoo \d+\.0/);
      }
    });

    it('always returns one of the candidates, with a group containing it and ties >= 1', () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const { request, candidates, ctx } = setUp(policy, c);
          fc.pre(candidates.length > 0);
          const snapshot = JSON.stringify(candidates);
          const choice = policy.choose(request, candidates, ctx());
          expect(candidates).toContain(choice.operator); // the very object: the engine checks identity
          expect(choice.group).toContain(choice.operator);
          for (const o of choice.group) expect(candidates).toContain(o);
          expect(Number.isInteger(choice.ties)).toBe(true);
          expect(choice.ties).toBeGreaterThanOrEqual(1);
          expect(choice.ties).toBeLessThanOrEqual(choice.group.length);
          expect(typeof choice.tier).toBe('string');
          expect(choice.tier.length).toBeGreaterThan(0);
          expect(typeof choice.rule).toBe('string');
          expect(choice.rule.length).toBeGreaterThan(0);
          // A policy only chooses: it must not change what the engine gave it.
          expect(JSON.stringify(candidates)).toBe(snapshot);
        }),
        { numRuns: 150 },
      );
    });

    it('is deterministic for the same tie-break seed', () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const { request, candidates, ctx } = setUp(policy, c);
          fc.pre(candidates.length > 0);
          const a = policy.choose(request, candidates, ctx());
          const b = policy.choose(request, candidates, ctx());
          expect(b.operator.id).toBe(a.operator.id);
          expect([b.tier, b.rule, b.ties]).toEqual([a.tier, a.rule, a.ties]);
          expect(b.group.map((o) => o.id)).toEqual(a.group.map((o) => o.id));
        }),
        { numRuns: 100 },
      );
    });

    it('through the engine, never assigns an away, offline, non-member or full operator, and explains every assignment with true loads', () => {
      let assigned = 0;
      fc.assert(
        fc.property(scenarioArb(name), (r) => {
          assigned += checkRun(name, r);
        }),
        { numRuns: 25, seed: 20_240_601 },
      );
      // The property must not hold vacuously.
      expect(assigned).toBeGreaterThan(200);
    });
  });
}

describe('the conformance checker itself', () => {
  // Two operators, one chat each at most, chats that outlast the run: the 3rd visitor on is unavailable.
  const s = scenario({
    channels: [{ id: 'web', name: 'Website', maxSessions: 1 }],
    operators: [operator('a'), operator('b')],
    visitors: [visitorStream({ arrivalsPerHour: 20 })],
  });
  const log = run(s);
  const [first, second] = assignments(log);
  const at = (e: SimEvent) => log.indexOf(e);
  const edited = (edit: (copy: SimEvent[]) => void) => {
    const copy = structuredClone(log);
    edit(copy);
    return () => checkLog('odoo', s, copy);
  };

  it('accepts the real log', () => {
    expect(second).toBeDefined();
    expect(checkLog('odoo', s, log)).toBe(2);
  });

  it('rejects a wrong load, an away operator, a non-member and an operator at maxSessions', () => {
    expect(
      edited((c) => {
        (c[at(second)] as typeof second).reason.candidates[0].load += 1;
      }),
    ).toThrow(/load of/);
    expect(
      edited((c) =>
        c.splice(at(first), 0, {
          t: first.t,
          type: 'operator.status',
          operator: first.operator,
          status: 'away',
        }),
      ),
    ).toThrow(/operator available/);
    expect(
      edited((c) =>
        c.splice(at(first), 0, {
          t: first.t,
          type: 'operator.left',
          operator: first.operator,
          channel: 'web',
          reason: 'leave',
        }),
      ),
    ).toThrow(/operator available/);
    expect(
      edited((c) => {
        (c[at(second)] as typeof second).operator = first.operator;
      }),
    ).toThrow(/operator available/);
  });
});

describe('the policy registry', () => {
  it('has exactly the scenario format’s policy names', () => {
    expect(Object.keys(policies).sort()).toEqual([...POLICY_NAMES].sort());
  });
});

for (const [name, policy] of Object.entries(policies)) describePolicyConformance(name, policy);

/**
 * Every shipped scenario keeps what its description promises, at its shipped seed (issue 10 §2
 * "The default scenario shows what it promises"). Each sentence of a description that says what
 * happens in the run is an assertion here; the numbers quoted for the Erlang cases must fall inside
 * the run's own 99.9 % batch-means interval.
 *
 * Bug this guards against: "Guide walkthrough" at seed 7 never removed Mitchell for inactivity (his
 * pre-break chat counted as activity until after his return), and the policy comparison said "Marc
 * is far busier than the rest" when Audrey was as busy as he was.
 */
import { describe, expect, it } from 'vitest';
import { loadShipped, SHIPPED_FILES } from './helpers/shipped.ts';
import { expectedArrivals } from '../../src/sim/traffic.ts';
import { analyticReference } from '../../src/sim/analytic.ts';
import { createEngine, eventLog } from '../../src/sim/engine.ts';
import type { SimEvent, VisitorArrived, VisitorAssigned } from '../../src/sim/events.ts';
import { createMetrics, summarize, type Summary } from '../../src/sim/metrics.ts';
import type { Scenario } from '../../src/sim/scenario/types.ts';
import { confidenceInterval } from '../../src/sim/stats.ts';
import {
  PRACTICE_SCENARIOS,
  TRAINEE_SEAT,
  practiceScenario,
} from '../../src/sim/training/practice-scenarios.ts';
import { TrainingSession } from '../../src/sim/training/session.ts';

const SHIPPED = SHIPPED_FILES;
const load = loadShipped;

const of = <T extends SimEvent['type']>(log: readonly SimEvent[], type: T) =>
  log.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

const operator = (s: Summary, id: string) => s.operators.find((o) => o.id === id)!;
const perLanguage = (s: Summary, lang: string) => s.perLanguage.find((l) => l.lang === lang)!;
const speakers = (s: Scenario, lang: string) =>
  s.operators.filter((o) => o.lang === lang || o.extraLanguages.includes(lang)).map((o) => o.id);

/** Mean chat minutes of a stream (the distributions the library uses). */
function meanMinutes(d: Scenario['visitors'][number]['chatMinutes']): number {
  return d.dist === 'fixed' ? d.value : d.dist === 'uniform' ? (d.min + d.max) / 2 : d.mean;
}

/** Offered load ÷ session slots of a channel. */
function loadPerSlot(s: Scenario, channel: string): number {
  const c = s.channels.find((x) => x.id === channel)!;
  const slots = s.operators.filter((o) => o.channels.includes(channel)).length * c.maxSessions!;
  const erlangs = s.visitors
    .filter((v) => v.channel === channel)
    .reduce((sum, v) => sum + expectedArrivals(s, v, 0, 60) * meanMinutes(v.chatMinutes), 0);
  return erlangs / slots;
}

describe('every shipped scenario is covered here', () => {
  it('the library files and practice scenarios are the ones this file checks', () => {
    expect(SHIPPED).toEqual([
      'bench.json',
      'erlang-a.json',
      'erlang-b.json',
      'erlang-c.json',
      'guide-walkthrough.json',
      'multilingual-rush-hour.json',
      'policy-comparison.json',
    ]);
    expect(PRACTICE_SCENARIOS.map((p) => p.id)).toEqual([
      'website-shift',
      'french-visitors',
      'two-channels',
    ]);
  });
});

describe('Guide walkthrough at its shipped seed', () => {
  const s = load('guide-walkthrough.json');
  const log = eventLog(s);
  const mitchell = s.operators.find((o) => o.id === 'mitchell')!;
  if (mitchell.activity.kind !== 'breaks') throw new Error('Mitchell takes a break');
  const [pause] = mitchell.activity.breaks;
  const mine = log.filter((e) => 'operator' in e && e.operator === 'mitchell');

  it('removes Mitchell from the channel for inactivity during his break (the 30-minute rule)', () => {
    const removed = of(mine, 'operator.left').filter((e) => e.reason === 'inactivity');
    expect(removed.map((e) => e.channel)).toEqual(['website']);
    const at = removed[0].t;
    // 30 minutes after his last activity: no earlier than 30 minutes into the break, before his return.
    expect(at).toBeGreaterThanOrEqual((pause.atMinute + s.inactivity.timeoutMinutes) * 60);
    expect(at).toBeLessThan((pause.atMinute + pause.minutes) * 60);
    // The description's minutes are what happens at this seed: his last chat ends, then removal.
    // (chats he answered: those assigned during the break and never answered are not his activity)
    const answered = new Set(of(mine, 'chat.started').map((e) => e.visitor));
    const lastChat = of(mine, 'chat.ended')
      .filter((e) => e.t < at && answered.has(e.visitor))
      .at(-1)!;
    expect(at - lastChat.t).toBeCloseTo(s.inactivity.timeoutMinutes * 60, 3);
    expect(s.description).toContain(`his last chat ends at minute ${Math.floor(lastChat.t / 60)}`);
    expect(s.description).toContain(`until minute ${Math.floor(at / 60)}`);
  });

  it('assigns him visitors nobody answers while Odoo still counts him online', () => {
    const unanswered = of(mine, 'visitor.unanswered');
    expect(unanswered.length).toBeGreaterThan(0);
    expect(unanswered.every((e) => e.t > pause.atMinute * 60)).toBe(true);
  });

  it('has him rejoin the channel when he is back', () => {
    const back = (pause.atMinute + pause.minutes) * 60;
    expect(of(mine, 'operator.joined').filter((e) => e.reason === 'return')).toEqual([
      expect.objectContaining({ t: back, channel: 'website' }),
    ]);
    expect(s.description).toContain(`back at minute ${pause.atMinute + pause.minutes}`);
    expect(of(mine, 'visitor.assigned').some((e) => e.t >= back)).toBe(true);
  });

  it('sends French visitors to Marc first, and Joel (no Online Chat Name) is seen as "Joel Willis"', () => {
    const langOf = new Map(of(log, 'visitor.arrived').map((e) => [e.visitor, e.lang]));
    const french = of(log, 'visitor.assigned').filter((e) => langOf.get(e.visitor) === 'fr_FR');
    const toMarc = french.filter((e) => e.operator === 'marc').length;
    expect(toMarc / french.length).toBeGreaterThan(0.5);
    expect(s.operators.find((o) => o.id === 'joel')!.chatName).toBeUndefined();
  });

  it('sends returning visitors back to their previous operator, and turns nobody away with a queue', () => {
    expect(of(log, 'visitor.assigned').some((e) => e.reason.tier === 'previous-operator')).toBe(
      true,
    );
    expect(of(log, 'visitor.queued')).toHaveLength(0);
  });

  it('keeps at most 2 ongoing sessions per operator in Customer Support', () => {
    const open = new Map<string, number>();
    for (const e of log) {
      if (e.type === 'visitor.assigned' && e.channel === 'support') {
        open.set(e.operator, (open.get(e.operator) ?? 0) + 1);
        expect(open.get(e.operator)).toBeLessThanOrEqual(2);
      } else if (e.type === 'chat.ended') {
        // Ended chats of support only: keep a per-visitor channel to know.
        const assigned = log.find(
          (a): a is VisitorAssigned => a.type === 'visitor.assigned' && a.visitor === e.visitor,
        );
        if (assigned?.channel === 'support') open.set(e.operator, (open.get(e.operator) ?? 0) - 1);
      }
    }
  });
});

describe('Policy comparison at its shipped seed, under each policy', () => {
  const s = load('policy-comparison.json');
  const run = (policy: string) => summarize(s, eventLog(s, { policy }));
  const odoo = run('odoo');
  const spread = ['round-robin', 'balanced', 'load-rotation'].map(run);
  const strict = run('language-strict');
  const others = s.operators.map((o) => o.id).filter((id) => id !== 'marc' && id !== 'audrey');

  it('half the visitors are French and only Marc and Audrey speak French', () => {
    const [stream] = s.visitors;
    const total = Object.values(stream.languages).reduce((a, b) => a + b, 0);
    expect(stream.languages.fr_FR / total).toBe(0.5);
    expect(speakers(s, 'fr_FR')).toEqual(['marc', 'audrey']);
  });

  it('odoo: the best language match, and Marc and Audrey are far busier than the rest', () => {
    expect(s.description).toContain('Marc and Audrey, the only French speakers, are far busier');
    for (const r of [...spread, run('odoo-19')])
      expect(odoo.languageMatch!).toBeGreaterThan(r === odoo ? 0 : r.languageMatch! - 0.02);
    for (const r of spread) expect(odoo.languageMatch! - r.languageMatch!).toBeGreaterThan(0.1);
    const frenchLeast = Math.min(
      operator(odoo, 'marc').utilisation!,
      operator(odoo, 'audrey').utilisation!,
    );
    const othersMost = Math.max(...others.map((id) => operator(odoo, id).utilisation!));
    expect(frenchLeast - othersMost).toBeGreaterThan(0.15);
  });

  it('round-robin, balanced and load-rotation spread the work evenly', () => {
    for (const r of spread) {
      const u = r.operators.map((o) => o.utilisation!);
      expect(Math.max(...u) - Math.min(...u)).toBeLessThan(0.2);
    }
  });

  it('language-strict: French visitors queue and give up while English speakers sit idle', () => {
    expect(strict.languageMatch).toBe(1);
    const fr = perLanguage(strict, 'fr_FR');
    expect(fr.abandoned).toBeGreaterThan(perLanguage(odoo, 'fr_FR').abandoned + 10);
    expect(fr.meanWaitSeconds!).toBeGreaterThan(10 * perLanguage(strict, 'en_US').meanWaitSeconds!);
    const englishOnly = s.operators.filter(
      (o) => o.lang === 'en_US' && o.extraLanguages.length === 0,
    );
    for (const o of englishOnly)
      expect(operator(strict, o.id).utilisation!).toBeLessThan(operator(odoo, o.id).utilisation!);
  });

  it('odoo-19: its 120-second buffer spreads consecutive visitors of a tier over more operators', () => {
    /** Of two assignments in the same tier less than 120 s apart, how often the same operator got both. */
    const repeats = (policy: string) => {
      const a = of(eventLog(s, { policy }), 'visitor.assigned');
      let pairs = 0;
      let same = 0;
      for (let i = 1; i < a.length; i++) {
        if (a[i].t - a[i - 1].t >= 120 || a[i].reason.tier !== a[i - 1].reason.tier) continue;
        pairs++;
        if (a[i].operator === a[i - 1].operator) same++;
      }
      return same / pairs;
    };
    expect(repeats('odoo-19')).toBeLessThan(repeats('odoo') * 0.8);
  });

  it('visitors queue (a what-if), so strict routing costs waiting, not "No available collaborator"', () => {
    expect(s.whenNoOperator).toBe('queue');
    expect(strict.unavailable).toBe(0);
  });
});

/**
 * Batch means over one long run: the run after the warm-up is cut into `k` equal spans of arrival
 * time, each span's figures are computed from the core's own reducer (visitors arriving from `b` on,
 * minus those arriving from the next boundary on), and the spans are the replications of a
 * Student-t interval.
 */
function batches(s: Scenario, log: readonly SimEvent[], k: number, warmupSeconds: number) {
  const end = s.durationMinutes * 60;
  const bounds = Array.from(
    { length: k + 1 },
    (_, i) => warmupSeconds + ((end - warmupSeconds) * i) / k,
  );
  const cumulative = bounds.map((from) => {
    const m = createMetrics(s, { warmupSeconds: from });
    for (const e of log) m.add(e);
    const sum = m.summary();
    const admitted = sum.visitors - sum.unavailable;
    return {
      visitors: sum.visitors,
      unavailable: sum.unavailable,
      abandoned: sum.abandoned,
      admitted,
      served: sum.served,
      waited: (sum.waitedFraction ?? 0) * admitted,
      waitSum: (sum.meanWaitSeconds ?? 0) * sum.served,
      withinSL: (sum.serviceLevel ?? 0) * admitted,
      busy: sum.operators.reduce((a, o) => a + o.busyFraction * (sum.simulatedSeconds - from), 0),
    };
  });
  return cumulative.slice(0, k).map((c, i) => {
    const n = cumulative[i + 1];
    const d = (f: keyof typeof c) => c[f] - n[f];
    return {
      unavailableRate: d('unavailable') / d('visitors'),
      abandonmentRate: d('abandoned') / d('admitted'),
      waitedFraction: d('waited') / d('admitted'),
      meanWaitSeconds: d('waitSum') / d('served'),
      serviceLevel: d('withinSL') / d('admitted'),
      meanBusyServers: d('busy') / (bounds[i + 1] - bounds[i]),
    };
  });
}

type Batch = ReturnType<typeof batches>[number];

describe.each([
  ['erlang-b.json', ['unavailableRate', 'meanBusyServers']],
  ['erlang-c.json', ['waitedFraction', 'meanWaitSeconds', 'serviceLevel']],
  ['erlang-a.json', ['waitedFraction', 'abandonmentRate', 'meanWaitSeconds', 'serviceLevel']],
] as const)('%s at its shipped seed', (file, metrics) => {
  const s = load(file);
  const ref = analyticReference(s);
  if (!ref.model) throw new Error(`${file} is not a textbook queue: ${ref.reason}`);
  const expected: Record<keyof Batch, number> = {
    unavailableRate: ref.expected.blocking,
    abandonmentRate: ref.expected.abandonment,
    waitedFraction: ref.expected.waitProbability,
    meanWaitSeconds: ref.expected.meanWaitSeconds!,
    serviceLevel: ref.expected.serviceLevel,
    meanBusyServers: ref.expected.meanBusyServers,
  };
  const quoted: Record<keyof Batch, string> = {
    unavailableRate: `${(expected.unavailableRate * 100).toFixed(1)}%`,
    abandonmentRate: `${(expected.abandonmentRate * 100).toFixed(1)}%`,
    waitedFraction: `${(expected.waitedFraction * 100).toFixed(1)}%`,
    meanWaitSeconds: `${expected.meanWaitSeconds.toFixed(1)} s`,
    serviceLevel: `${(expected.serviceLevel * 100).toFixed(1)}%`,
    meanBusyServers: `${expected.meanBusyServers.toFixed(2)} operators`,
  };
  const runs = batches(s, eventLog(s), 12, 2 * 3600);

  it.each(metrics)('quotes what the formula predicts for %s', (metric) => {
    expect(s.description).toContain(quoted[metric]);
  });

  it.each(metrics)('the quoted %s lies in the run’s 99.9 % batch-means interval', (metric) => {
    const ci = confidenceInterval(
      runs.map((b) => b[metric]),
      0.999,
    );
    const detail = `${metric}: simulated ${ci.mean.toFixed(4)} ± ${ci.halfWidth!.toFixed(4)}, formula ${expected[metric].toFixed(4)}`;
    expect(ci.low!, detail).toBeLessThanOrEqual(expected[metric]);
    expect(ci.high!, detail).toBeGreaterThanOrEqual(expected[metric]);
  });
});

describe('Multilingual rush hour at its shipped seed', () => {
  const s = load('multilingual-rush-hour.json');
  const log = eventLog(s);
  const sum = summarize(s, log);
  const langOf = new Map(of(log, 'visitor.arrived').map((e) => [e.visitor, e.lang]));

  it('is two hours of six languages over three channels, at the load per channel it quotes', () => {
    expect(s.durationMinutes).toBe(120);
    expect(s.languages).toHaveLength(6);
    expect(s.channels).toHaveLength(3);
    expect(s.operators).toHaveLength(12);
    for (const c of s.channels)
      expect(s.description).toMatch(
        new RegExp(
          `${Math.round(loadPerSlot(s, c.id) * 100)}% (of the session slots )?(in|on) (the )?${c.name}`,
        ),
      );
  });

  it('English dominates but only four operators have it as main language', () => {
    const count: Record<string, number> = {};
    for (const lang of langOf.values()) count[lang] = (count[lang] ?? 0) + 1;
    const top = Object.entries(count).sort((a, b) => b[1] - a[1])[0][0];
    expect(top).toBe('en_US');
    expect(s.operators.filter((o) => o.lang === 'en_US')).toHaveLength(4);
  });

  it('sends English visitors to operators who list English as an Online Chat Language', () => {
    const english = of(log, 'visitor.assigned').filter((e) => langOf.get(e.visitor) === 'en_US');
    expect(english.filter((e) => e.reason.tier === 'chat-language').length).toBeGreaterThan(10);
  });

  it('a queue builds in each channel, and visitors leave after a few minutes without an answer', () => {
    const queued = new Set(of(log, 'visitor.queued').map((e) => e.channel));
    expect([...queued].sort()).toEqual(s.channels.map((c) => c.id).sort());
    expect(sum.abandoned).toBeGreaterThan(0);
    const waits = of(log, 'visitor.abandoned').map(
      (e) => e.t - of(log, 'visitor.arrived').find((a) => a.visitor === e.visitor)!.t,
    );
    expect(Math.max(...waits)).toBeLessThan(20 * 60);
  });

  it('Giulia takes short random breaks', () => {
    const breaks = of(log, 'operator.break.started').filter((e) => e.operator === 'giulia');
    expect(breaks.length).toBeGreaterThan(0);
    expect(s.operators.find((o) => o.id === 'giulia')!.activity.kind).toBe('random-breaks');
  });

  it('language-strict makes Italian and Dutch visitors wait for the one or two who speak it', () => {
    const strict = summarize(s, eventLog(s, { policy: 'language-strict' }));
    for (const lang of s.languages.filter((l) => l.startsWith('it') || l.startsWith('nl'))) {
      expect(speakers(s, lang).length).toBeGreaterThanOrEqual(1);
      expect(speakers(s, lang).length).toBeLessThanOrEqual(2);
      expect(perLanguage(strict, lang).meanWaitSeconds!).toBeGreaterThan(
        perLanguage(sum, lang).meanWaitSeconds!,
      );
    }
  });
});

describe('Bench at its shipped seed', () => {
  const s = load('bench.json');

  it('is busy but healthy: 1,000,000 visitors expected, 77–80 % load, short queues', () => {
    for (const c of s.channels) {
      expect(loadPerSlot(s, c.id)).toBeGreaterThanOrEqual(0.77);
      expect(loadPerSlot(s, c.id)).toBeLessThanOrEqual(0.8);
    }
    const m = createMetrics(s);
    createEngine(s, { onEvent: m.add }).run();
    const sum = m.summary();
    expect(Math.abs(sum.visitors - 1_000_000)).toBeLessThan(5_000);
    expect(sum.waitedFraction!).toBeGreaterThan(0);
    expect(sum.meanWaitSeconds!).toBeLessThan(60);
    expect(sum.abandonmentRate!).toBeLessThan(0.05);
  }, 120_000);
});

describe('practice scenarios at their shipped seeds', () => {
  const session = (id: string) =>
    new TrainingSession({
      scenario: practiceScenario(id),
      trainee: TRAINEE_SEAT,
      createEngine: (scenario, o) => createEngine(scenario, o),
    });
  /** A trainee who stays active and answers every visitor within 20 s, to the end of the shift. */
  function playShift(s: TrainingSession) {
    const until = s.scenario.durationMinutes * 60;
    while (s.now < until) {
      s.advanceTo(Math.min(until, s.now + 20));
      s.activity();
      for (const c of s.openConversations())
        if (c.askedAt !== null) s.submit(c.visitor, 'Hello, how can I help?');
    }
    s.finish();
  }
  const arrivals = (s: TrainingSession) => of(s.events, 'visitor.arrived') as VisitorArrived[];
  const assignedTo = (s: TrainingSession, id: string) =>
    of(s.events, 'visitor.assigned').filter((e) => e.operator === id);

  it('website-shift: English and French visitors reach the trainee; Hans and Lucía take German and Spanish', () => {
    const s = session('website-shift');
    expect(s.seat()!.channels).toEqual([]);
    s.join('website');
    playShift(s);
    const langs = new Set(arrivals(s).map((e) => e.lang));
    expect([...langs].sort()).toEqual(['de_DE', 'en_US', 'es_ES', 'fr_FR']);
    expect(speakers(s.scenario, 'fr_FR')).toEqual([]);
    const mine = new Set(s.conversations.map((c) => c.lang));
    expect(mine.has('en_US') && mine.has('fr_FR')).toBe(true);
    const langOf = new Map(arrivals(s).map((e) => [e.visitor, e.lang]));
    for (const [id, lang] of [
      ['hans', 'de_DE'],
      ['lucia', 'es_ES'],
    ])
      expect(assignedTo(s, id).some((e) => langOf.get(e.visitor) === lang)).toBe(true);
  });

  it('french-visitors: with French as an Online Chat Language every visitor comes to the trainee', () => {
    const s = session('french-visitors');
    s.setLanguages(['fr_FR']);
    playShift(s);
    expect(new Set(arrivals(s).map((e) => e.lang))).toEqual(new Set(['fr_FR']));
    expect(assignedTo(s, 'hans')).toEqual([]);
    expect(assignedTo(s, TRAINEE_SEAT).length).toBeGreaterThan(5);
    // Without it the ladder has no reason to prefer the trainee: Hans gets some.
    const without = session('french-visitors');
    playShift(without);
    expect(assignedTo(without, 'hans').length).toBeGreaterThan(0);
  });

  it('two-channels: 30 minutes without activity removes the trainee from both channels; Join again works', () => {
    const s = session('two-channels');
    expect(s.seat()!.channels.sort()).toEqual(['shop', 'website']);
    const minutes = s.scenario.inactivity.timeoutMinutes;
    expect(minutes).toBe(30);
    s.advanceTo(minutes * 60 + 1);
    const left = of(s.events, 'operator.left').filter((e) => e.operator === TRAINEE_SEAT);
    expect(left.map((e) => [e.channel, e.reason, e.t]).sort()).toEqual([
      ['shop', 'inactivity', minutes * 60],
      ['website', 'inactivity', minutes * 60],
    ]);
    expect(s.seat()!.channels).toEqual([]);
    s.activity();
    s.join('website');
    s.join('shop');
    expect(s.seat()!.channels.sort()).toEqual(['shop', 'website']);
    // "Visitors are few": about one every five minutes in each channel.
    expect(s.scenario.visitors.every((v) => expectedArrivals(s.scenario, v, 0, 3600) <= 6)).toBe(
      true,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/sim/engine.ts';
import {
  TrainingSession,
  replayAttempt,
  describeRouting,
  type TrainingOptions,
} from '../../src/sim/training/session.ts';
import {
  PRACTICE_SCENARIOS,
  practiceScenario,
  traineeSeats,
  TRAINEE_SEAT,
} from '../../src/sim/training/practice-scenarios.ts';
import { parseScenario } from '../../src/sim/scenario/validate.ts';
import { debriefTimeline } from '../../src/sim/training/debrief.ts';

const options = (id: string, extra: Partial<TrainingOptions> = {}): TrainingOptions => ({
  scenario: practiceScenario(id),
  trainee: TRAINEE_SEAT,
  createEngine: (scenario, o) => createEngine(scenario, o),
  ...extra,
});

/** A diligent trainee: answers every pending question `delay` seconds after it was asked. */
function playDiligently(s: TrainingSession, until: number, delay: number, text: string) {
  while (s.now < until) {
    const due = s
      .openConversations()
      .filter((c) => c.askedAt !== null)
      .map((c) => ({ c, at: c.askedAt! + delay }));
    const next = Math.min(until, s.now + 30, ...due.map((d) => d.at));
    s.advanceTo(next);
    s.activity();
    for (const d of due)
      if (d.at <= s.now && !d.c.ended && d.c.askedAt !== null) s.submit(d.c.visitor, text);
  }
}

describe('practice scenarios', () => {
  it('are valid scenarios with exactly one trainee seat', () => {
    for (const p of PRACTICE_SCENARIOS) {
      const r = parseScenario(p.input);
      expect(r.ok, p.id).toBe(true);
      if (r.ok) expect(traineeSeats(r.scenario)).toEqual([TRAINEE_SEAT]);
    }
  });
});

describe('training session', () => {
  it('sends no chat to a trainee who has not joined, and chats once they join', () => {
    const s = new TrainingSession(options('website-shift'));
    s.advanceTo(600);
    s.activity();
    expect(s.conversations).toHaveLength(0);
    s.join('website');
    expect(s.seat()!.channels).toEqual(['website']);
    playDiligently(s, 1500, 10, 'Hello, thank you for your message, I can help you with that.');
    expect(s.conversations.length).toBeGreaterThan(0);
    expect(s.conversations.every((c) => c.assignedAt >= 600)).toBe(true);
  });

  it('stops new chats after Leave', () => {
    const s = new TrainingSession(options('website-shift'));
    s.join('website');
    playDiligently(s, 900, 10, 'Hello, thank you for your message.');
    s.leave('website');
    const before = s.conversations.length;
    playDiligently(s, 2400, 10, 'Hello, thank you for your message.');
    expect(s.conversations.length).toBe(before);
  });

  it('routes French visitors to the trainee once French is an Online Chat Language, whatever the load', () => {
    const s = new TrainingSession(options('french-visitors'));
    s.setLanguages(['fr_FR', 'xx_XX']);
    expect(s.languages).toEqual(['fr_FR']);
    playDiligently(s, 1800, 15, 'Bonjour, merci pour votre message, je regarde pour vous.');
    const assigned = s.events.filter((e) => e.type === 'visitor.assigned');
    expect(assigned.length).toBeGreaterThan(3);
    for (const e of assigned) {
      expect(e.type === 'visitor.assigned' && e.operator).toBe(TRAINEE_SEAT);
      expect(e.type === 'visitor.assigned' && e.reason.tier).toBe('chat-language');
    }
    expect(s.conversations[0].routedBecause).toMatch(
      /Français is one of your Online Chat Languages/,
    );
  });

  it('without French, shares French visitors with Hans by load', () => {
    const s = new TrainingSession(options('french-visitors'));
    playDiligently(s, 1800, 15, 'Hello!');
    const ops = new Set(
      s.events.flatMap((e) => (e.type === 'visitor.assigned' ? [e.operator] : [])),
    );
    expect(ops).toEqual(new Set(['hans', TRAINEE_SEAT]));
  });

  it('disconnects an idle trainee after 30 simulated minutes, removes them, and says why', () => {
    const s = new TrainingSession(options('two-channels'));
    s.advanceTo(1799);
    expect(s.notices).toHaveLength(0);
    s.advanceTo(1801);
    expect(s.seat()!.channels).toEqual([]);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0].text).toMatch(/no mouse or keyboard activity for 30 minutes/);
    expect(s.notices[0].text).toMatch(/removed from Website, Shop/);
    // must Join again: activity alone brings them online but not back into the channels
    s.activity();
    s.advanceTo(1900);
    expect(s.seat()!.channels).toEqual([]);
    s.join('website');
    expect(s.seat()!.channels).toEqual(['website']);
    const score = s.finish();
    expect(score.disconnections).toBe(1);
    expect(score.disconnectedSeconds).toBeCloseTo(1900 - 1800, 0);
  });

  it('keeps activity from the trainee as a reset of the inactivity timer', () => {
    const s = new TrainingSession(options('two-channels'));
    for (let t = 600; t <= 3000; t += 600) {
      s.advanceTo(t);
      s.activity();
    }
    expect(s.notices).toHaveLength(0);
    expect(s.seat()!.channels).toEqual(['website', 'shop']);
  });

  it('runs /help, /history and /leave, with output for the operator only', () => {
    const s = new TrainingSession(
      options('french-visitors', { canned: [{ shortcut: 'hi', substitution: 'Bonjour !' }] }),
    );
    s.setLanguages(['fr_FR']);
    while (s.conversations.length === 0) s.advanceTo(s.now + 30);
    const c = s.conversations[0];
    expect(s.submit(c.visitor, '/help')!.text).toMatch(/\/leave/);
    expect(s.submit(c.visitor, '/history')!.text).toMatch(/^Last visited pages:/);
    expect(s.submit(c.visitor, ':hi')!.text).toBe('Bonjour !');
    expect(c.messages.filter((m) => m.operatorOnly)).toHaveLength(2);
    s.submit(c.visitor, '/leave');
    expect(c.endReason).toBe('operator-left');
    const view = s.view();
    expect(view.operators.find((o) => o.id === TRAINEE_SEAT)!.channels).toEqual(['website']);
    expect(s.events.some((e) => e.type === 'chat.ended' && e.visitor === c.visitor)).toBe(true);
  });

  it('replays an attempt from its seed and inputs into the same conversations and score', () => {
    const s = new TrainingSession(options('website-shift'));
    s.join('website');
    s.setChatName('Coach Sam');
    s.setLanguages(['fr_FR']);
    playDiligently(s, 1500, 20, 'Hello, thank you for your message, I can help.');
    const score = s.finish();
    const replay = replayAttempt(options('website-shift'), s.inputs, s.endedAt!);
    expect(replay.conversations.map((c) => c.messages)).toEqual(
      s.conversations.map((c) => c.messages),
    );
    expect(replay.finish()).toEqual(score);
    expect(replay.visibleName).toBe('Coach Sam');
  });

  it('shows the Online Chat Name to visitors, and the user name when it is cleared', () => {
    const s = new TrainingSession(options('french-visitors'));
    s.setLanguages(['fr_FR']);
    s.setChatName('Coach Sam');
    while (s.conversations.length === 0) s.advanceTo(s.now + 30);
    const c = s.conversations[0];
    expect(c.operatorName).toBe('Coach Sam');
    s.submit(c.visitor, 'Bonjour !');
    s.setChatName('   ');
    s.submit(c.visitor, 'Je regarde.');
    expect(c.messages.filter((m) => m.author === 'operator').map((m) => m.authorName)).toEqual([
      'Coach Sam',
      'Alex Morgan',
    ]);
  });

  it('builds a debrief with the moments that cost points', () => {
    const s = new TrainingSession(options('french-visitors'));
    s.setLanguages(['fr_FR']);
    s.advanceTo(1000); // ignore everyone: visitors leave unanswered
    const score = s.finish();
    const timeline = debriefTimeline({
      trainee: TRAINEE_SEAT,
      events: s.events,
      conversations: s.conversations,
      penalties: score.penalties,
      channelName: (id) => id,
    });
    const costly = timeline.filter((e) => e.kind === 'penalty');
    expect(costly.length).toBe(score.penalties.length);
    expect(costly.some((e) => /left the conversation without an answer/.test(e.text))).toBe(true);
    for (let i = 1; i < timeline.length; i++)
      expect(timeline[i].t).toBeGreaterThanOrEqual(timeline[i - 1].t);
  });
});

describe('the visitors’ conversation machines on the engine’s clock', () => {
  it('a conversation open when the shift ends goes on: the visitor follows up and leaves unanswered after the end', () => {
    let checked = 0;
    for (let seed = 1; seed <= 10 && checked === 0; seed++) {
      const s = new TrainingSession({ ...options('website-shift'), seed });
      const end = s.scenario.durationMinutes * 60;
      s.advanceTo(end - 400);
      s.join('website');
      for (let t = end - 390; t < end; t += 30) {
        s.advanceTo(t);
        s.activity();
      }
      s.advanceTo(end);
      const open = s.openConversations();
      if (open.length === 0) continue;
      s.advanceTo(end + 600);
      for (const c of open) {
        expect([c.state, c.endReason]).toEqual(['unanswered', 'unanswered']);
        expect(c.endedAt!).toBeGreaterThan(end);
        expect(c.messages.some((m) => m.author === 'visitor' && m.t > end)).toBe(true);
      }
      checked++;
    }
    expect(checked).toBe(1);
  });

  it('reports each conversation’s machine state as the visitor moves through it', () => {
    const s = new TrainingSession(options('website-shift'));
    s.join('website');
    while (s.conversations.length === 0) {
      s.advanceTo(s.now + 30);
      s.activity();
    }
    const c = s.conversations[0];
    const states = [c.state];
    while (!c.ended) {
      s.advanceTo(s.now + 5);
      s.activity();
      if (states.at(-1) !== c.state) states.push(c.state);
    }
    expect(states).toEqual([
      'asking.waiting',
      'asking.followedUp',
      'asking.impatient',
      'unanswered',
    ]);
  });
});

describe('quiet-period speed-up', () => {
  it('stops a fast-forward at the moment a conversation is assigned', () => {
    const s = new TrainingSession(options('french-visitors'));
    s.setLanguages(['fr_FR']);
    const stopped = s.advanceTo(3000, true);
    expect(s.conversations).toHaveLength(1);
    expect(stopped).toBeCloseTo(s.conversations[0].assignedAt, 2);
    expect(s.now).toBe(stopped);
  });
});

describe('an attempt as an engine run', () => {
  it('replays in the engine alone from the inputs it received, to the same event log', () => {
    const s = new TrainingSession(options('website-shift'));
    s.join('website');
    s.setLanguages(['fr_FR']);
    playDiligently(s, 1800, 20, 'Hello, thank you for your message, I can help.');
    s.submit(s.conversations[0].visitor, '/leave');
    const end = s.now;
    const inputs = s.engineInputs();
    expect(inputs.some((i) => i.type === 'chat.close')).toBe(true);
    const replayed: unknown[] = [];
    const engine = createEngine(s.scenario, {
      seed: s.seed,
      inputs,
      onEvent: (e) => replayed.push(e),
    });
    engine.runUntil(end);
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(s.events));
  });
});

describe('inactivity with the away effect (Odoo code)', () => {
  it('sets the trainee away, keeps them a member, says so, and any activity brings them back', () => {
    const scenario = {
      ...practiceScenario('two-channels'),
      inactivity: { timeoutMinutes: 10, effect: 'away' as const },
    };
    const s = new TrainingSession({ ...options('two-channels'), scenario });
    s.advanceTo(601);
    expect(s.seat()!.status).toBe('away');
    expect(s.seat()!.channels).toEqual(['website', 'shop']);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0].text).toMatch(
      /Your status is Away: no mouse or keyboard activity for 10 minutes/,
    );
    s.advanceTo(700);
    s.activity();
    expect(s.seat()!.status).toBe('online');
    const score = s.finish();
    expect(score.disconnections).toBe(1);
    expect(score.disconnectedSeconds).toBeCloseTo(100, 0);
    expect(score.penalties.find((p) => p.rule === 'disconnected')!.why).toMatch(/became Away/);
  });
});

describe('describeRouting', () => {
  const reason = (tier: string, rule: string) => ({
    policy: 'odoo',
    tier,
    rule,
    candidates: [],
    ties: 1,
  });
  it('explains each rung of the ladder in the guide words', () => {
    expect(describeRouting(reason('main-language', 'idle'), 'de_DE')).toBe(
      'you speak Deutsch (your main language); you had no chat in progress',
    );
    expect(describeRouting(reason('chat-language', 'least-active'), 'fr_FR')).toBe(
      'Français is one of your Online Chat Languages; you had the fewest chats in progress',
    );
    expect(describeRouting(reason('one-expertise', 'least-active'), 'it_IT')).toBe(
      'nobody available speaks Italiano; you have one of the expertises asked for; you had the fewest chats in progress',
    );
    // Odoo 19: one language rung, and a choice the 120 s buffer narrowed.
    expect(describeRouting(reason('language+all-expertises', 'idle+buffer'), 'fr_FR')).toBe(
      'you speak Français; you had no chat in progress',
    );
    expect(describeRouting(reason('previous-operator', 'previous-operator'), 'en_US')).toBe(
      'you talked with this visitor before',
    );
  });
});

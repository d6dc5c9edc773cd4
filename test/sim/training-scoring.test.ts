import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/sim/training/conversation.ts';
import {
  scoreAttempt,
  disconnectedIntervals,
  ratingReason,
  SCORING_RULES,
} from '../../src/sim/training/scoring.ts';
import { debriefTimeline, debriefTranscripts } from '../../src/sim/training/debrief.ts';
import type { SimEvent } from '../../src/sim/events.ts';

import { practiceVisitor, type PracticeVisitor } from './helpers/practice-visitor.ts';

const visitor = (id: string, lang = 'fr_FR', at = 0) =>
  practiceVisitor({ visitor: id, lang, seed: 1, assignedAt: at });
const conv = (id: string, lang = 'fr_FR', at = 0) => visitor(id, lang, at).c;
/** A visitor nobody answers: they follow up, grow impatient and leave. */
const ignored = (id: string) => {
  const v = visitor(id);
  v.runToEnd();
  return v.c;
};

const score = (conversations: Conversation[], events: SimEvent[] = [], endedAt = 3600) =>
  scoreAttempt({
    trainee: 'me',
    conversations,
    events,
    endedAt,
    inactivityEffect: 'remove',
    inactivityMinutes: 30,
  });

describe('scoring an attempt', () => {
  it('gives 100 to an attempt with nothing to reproach', () => {
    const c = conv('v1');
    c.operatorReply(20, 'Bonjour, je regarde pour vous.', 'Sam', null);
    const s = score([c]);
    expect(s.score).toBe(100);
    expect(s.firstResponseMean).toBe(20);
    expect(s.chatsHandled).toBe(1);
    expect(s.answersInLanguage).toBe(1);
    expect(s.penalties).toEqual([]);
  });

  it('costs 5 points for a first answer after 60 s, 10 after 120 s, each explained', () => {
    const a = conv('a');
    a.operatorReply(61, 'Bonjour !', 'Sam', 'fr_FR');
    const b = conv('b');
    b.operatorReply(121, 'Bonjour !', 'Sam', 'fr_FR');
    const s = score([a, b]);
    expect(s.penalties.map((p) => [p.rule, p.points])).toEqual([
      ['slow-first-response', SCORING_RULES.points['slow-first-response']],
      ['very-slow-first-response', SCORING_RULES.points['very-slow-first-response']],
    ]);
    expect(s.score).toBe(85);
    expect(s.penalties[0].why).toMatch(/waited 1 min 01 s for a first answer/);
    expect(s.firstResponseMean).toBe(91);
  });

  it('costs 5 points for each answer not in the visitor language', () => {
    const c = conv('v1', 'de_DE');
    c.operatorReply(10, 'Hello, thank you, how can I help you with your order?', 'Sam', null);
    const s = score([c]);
    expect(s.answersOtherLanguage).toBe(1);
    expect(s.answersInLanguage).toBe(0);
    const p = s.penalties.find((x) => x.rule === 'wrong-language')!;
    expect(p.points).toBe(5);
    expect(p.why).toMatch(/in English, but they write in Deutsch/);
  });

  it('costs 20 points for a visitor who left unanswered, and counts it', () => {
    const c = ignored('v1');
    const s = score([c]);
    expect(s.leftUnanswered).toBe(1);
    expect(s.chatsHandled).toBe(0);
    expect(s.ratings.unhappy).toBe(1);
    // the unhappy rating of an unanswered visitor is not charged twice
    expect(s.penalties.map((p) => p.rule)).toEqual(['left-unanswered']);
    expect(s.score).toBe(80);
  });

  it('counts /leave with a question pending as leaving the visitor unanswered', () => {
    const c = conv('v1');
    c.leaveByOperator(30);
    const s = score([c]);
    expect(s.leftUnanswered).toBe(1);
    expect(s.penalties[0].why).toMatch(/You left the conversation/);
  });

  it('costs 2 points for a Neutral rating', () => {
    const v = visitor('v1');
    const c = v.c;
    v.reply(90, 'Bonjour, je regarde pour vous.');
    while (!c.ended) {
      if (c.askedAt !== null) v.reply(c.askedAt + 5, 'Oui, merci pour votre patience.');
      else v.runTo(v.next());
    }
    const s = score([c]);
    expect(c.rating).toBe('neutral');
    expect(s.ratings.neutral).toBe(1);
    expect(s.penalties.map((p) => p.rule)).toEqual(['slow-first-response', 'neutral-rating']);
  });

  it('measures the time disconnected by inactivity, until the trainee joins again', () => {
    const events: SimEvent[] = [
      { t: 0, type: 'operator.joined', operator: 'me', channel: 'w', reason: 'join' },
      { t: 1800, type: 'operator.status', operator: 'me', status: 'offline' },
      { t: 1800, type: 'operator.left', operator: 'me', channel: 'w', reason: 'inactivity' },
      { t: 1900, type: 'operator.status', operator: 'me', status: 'online' },
      { t: 2000, type: 'operator.joined', operator: 'me', channel: 'w', reason: 'join' },
      { t: 2100, type: 'operator.status', operator: 'other', status: 'offline' },
    ];
    const s = score([], events);
    expect(s.disconnections).toBe(1);
    expect(s.disconnectedSeconds).toBe(200);
    expect(s.penalties[0]).toMatchObject({ rule: 'disconnected', t: 1800, points: 10 });
    expect(s.penalties[0].why).toMatch(/removed from the channel/);
  });

  it('with the away effect, counts until the trainee is online again, and to the end if never', () => {
    const events: SimEvent[] = [
      { t: 100, type: 'operator.status', operator: 'me', status: 'away' },
      { t: 160, type: 'operator.status', operator: 'me', status: 'online' },
      { t: 500, type: 'operator.status', operator: 'me', status: 'away' },
    ];
    expect(disconnectedIntervals('me', events, 'away', 800)).toEqual([
      { from: 100, to: 160 },
      { from: 500, to: 800 },
    ]);
  });

  it('never goes below zero', () => {
    const many = Array.from({ length: 8 }, (_, i) => ignored(`v${i}`));
    expect(score(many).score).toBe(0);
  });
});

/** Plays a conversation to its end: the trainee answers each question `delay(n)` s after it. */
function playOut(
  v: PracticeVisitor,
  delay: (n: number) => number,
  text = 'Oui, merci, je regarde.',
) {
  let n = 0;
  // Bounded: a visitor answered in the wrong language asks again, for ever.
  for (let steps = 0; !v.c.ended; steps++) {
    if (steps > 200) throw new Error(`${v.c.visitor} never ends`);
    const askedAt = v.c.askedAt;
    if (askedAt !== null && askedAt + delay(n) < v.next()) v.reply(askedAt + delay(n++), text);
    else v.runTo(v.next());
  }
  return v.c;
}

describe('the reason for each rating (regression: "left satisfied, rated Neutral" said no why)', () => {
  it('Neutral: names the wait that cost it', () => {
    const v = visitor('v1');
    v.reply(130, 'Bonjour, je regarde pour vous.');
    const c = playOut(v, () => 5);
    expect(c.rating).toBe('neutral');
    expect(ratingReason(c)).toBe('waited 2 min 10 s for a first answer (over 1 min)');
    const s = score([c]);
    expect(s.penalties.find((p) => p.rule === 'neutral-rating')!.why).toContain(
      'rated the conversation Neutral: waited 2 min 10 s for a first answer (over 1 min).',
    );
  });

  it('Neutral: names the language of an answer not in the visitor’s', () => {
    const v = visitor('v1');
    v.reply(10, 'Hello, thank you for your message, I am looking into it.');
    const c = playOut(v, () => 5);
    expect(c.rating).toBe('neutral');
    expect(ratingReason(c)).toBe('answered in English to a visitor writing in Français');
  });

  it('Unhappy: a wait over the limit, every answer in another language, or no answer', () => {
    // A visitor still there 160 s after asking (patience is drawn per visitor).
    const slow = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
      .map((id) => {
        const v = visitor(id);
        v.runTo(160);
        return v;
      })
      .find((v) => !v.c.ended)!;
    slow.reply(160, 'Bonjour, je regarde pour vous.');
    playOut(slow, () => 5);
    expect(slow.c.rating).toBe('unhappy');
    expect(ratingReason(slow.c)).toBe('waited 2 min 40 s for a first answer (over 2 min 30 s)');

    // Answered only in English, then left by the operator (no question pending): every answer
    // was in the wrong language.
    const english = visitor('d', 'de_DE');
    english.reply(10, 'Hello, thank you, I am looking into it.');
    english.runTo(15);
    english.c.leaveByOperator(15);
    expect(english.c.rating).toBe('unhappy');
    expect(ratingReason(english.c)).toBe(
      'every answer was in English, to a visitor writing in Deutsch',
    );

    expect(ratingReason(ignored('c'))).toMatch(
      /^left after waiting \d+ min \d+ s without an answer$/,
    );
  });

  it('Happy: says what went right; no rating, no reason', () => {
    const c = playOut(visitor('v1'), () => 10);
    expect(c.rating).toBe('happy');
    expect(ratingReason(c)).toBe('every answer within 1 min, in Français');
    const open = visitor('v2');
    open.runTo(30);
    open.c.endBySimulation(30);
    expect(open.c.rating).toBeNull();
    expect(ratingReason(open.c)).toBeNull();
  });

  it('the debrief timeline gives the reason with every rating', () => {
    const va = visitor('a');
    va.reply(130, 'Bonjour, je regarde pour vous.');
    const a = playOut(va, () => 5);
    const b = playOut(visitor('b', 'fr_FR', 10), () => 10);
    const s = score([a, b]);
    const rated = debriefTimeline({
      trainee: 'me',
      events: [],
      conversations: [a, b],
      penalties: s.penalties,
      channelName: (id) => id,
    }).filter((e) => /rated/.test(e.text) && e.kind === 'chat');
    expect(rated.map((e) => e.text).sort()).toEqual(
      [
        expect.stringMatching(
          /left satisfied, rated Neutral: waited 2 min 10 s for a first answer/,
        ),
        expect.stringMatching(/rated Happy: every answer within 1 min, in Français\.$/),
      ].sort(),
    );
  });
});

describe('debrief transcripts', () => {
  it('holds every message of every conversation, in order, and how each ended', () => {
    const va = visitor('a');
    va.reply(20, 'Bonjour, je regarde pour vous.');
    va.c.note(25, 'Available commands: /help');
    const a = playOut(va, () => 5);
    const vb = visitor('b', 'de_DE', 40);
    vb.runTo(60);
    vb.c.endBySimulation(60);
    const [ta, tb] = debriefTranscripts([a, vb.c]);
    expect(ta.messages.map((m) => m.text)).toEqual(a.messages.map((m) => m.text));
    expect(ta.messages.map((m) => m.author)).toContain('command');
    expect(ta.outcome).toBe('Left satisfied, rated Happy: every answer within 1 min, in Français.');
    expect(tb).toMatchObject({
      visitor: 'b',
      lang: 'de_DE',
      assignedAt: 40,
      outcome: 'Still open when the attempt ended.',
    });
    expect(tb.messages.at(-1)!.text).toBe('Visitor left the conversation');
  });
});

import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/sim/training/conversation.ts';
import {
  scoreAttempt,
  disconnectedIntervals,
  SCORING_RULES,
} from '../../src/sim/training/scoring.ts';
import type { SimEvent } from '../../src/sim/events.ts';

import { practiceVisitor } from './helpers/practice-visitor.ts';

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

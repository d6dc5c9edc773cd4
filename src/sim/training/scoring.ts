/**
 * Scoring a practice attempt. An attempt starts at 100 points; each moment that would have cost a
 * real visitor something costs points, and each such moment is kept with its explanation so the
 * debrief can show it on the timeline. The figures mirror Odoo's session report (time to answer,
 * without answer, rating) plus what the guide teaches (languages, staying active).
 */
import type { SimEvent } from '../events.ts';
import type { Conversation, Rating } from './conversation.ts';
import { RATING_RULES, sameLanguage } from './conversation.ts';
import { languageLabel } from './message-packs.ts';
import { duration } from '../format/time.ts';

export type PenaltyRule =
  | 'slow-first-response'
  | 'very-slow-first-response'
  | 'slow-response'
  | 'left-unanswered'
  | 'wrong-language'
  | 'unhappy-rating'
  | 'neutral-rating'
  | 'disconnected';

/** Points each rule costs, and the thresholds (simulated seconds) it uses. */
export const SCORING_RULES = {
  firstResponseTarget: 60,
  firstResponseLimit: 120,
  responseTarget: 120,
  points: {
    'slow-first-response': 5,
    'very-slow-first-response': 10,
    'slow-response': 3,
    'left-unanswered': 20,
    'wrong-language': 5,
    'unhappy-rating': 5,
    'neutral-rating': 2,
    disconnected: 10,
  } satisfies Record<PenaltyRule, number>,
} as const;

export interface Penalty {
  t: number;
  rule: PenaltyRule;
  points: number;
  visitor?: string;
  /** For people: what happened and why it costs points. */
  why: string;
}

export interface AttemptScore {
  score: number;
  chatsAssigned: number;
  /** Conversations in which the trainee answered at least once. */
  chatsHandled: number;
  leftUnanswered: number;
  /** Mean over conversations of the first response time (s); null when nothing was answered. */
  firstResponseMean: number | null;
  /** Mean over every answer of the response time (s). */
  meanResponse: number | null;
  answersInLanguage: number;
  answersOtherLanguage: number;
  ratings: Record<Rating, number>;
  disconnections: number;
  disconnectedSeconds: number;
  penalties: Penalty[];
}

export interface ScoreInput {
  trainee: string;
  conversations: readonly Conversation[];
  /** The engine's event log of the attempt. */
  events: readonly SimEvent[];
  /** When the attempt ended (simulated seconds). */
  endedAt: number;
  inactivityEffect: 'remove' | 'away';
  inactivityMinutes: number;
}

/** The intervals during which the trainee was disconnected (or away) by inactivity. */
export function disconnectedIntervals(
  trainee: string,
  events: readonly SimEvent[],
  effect: 'remove' | 'away',
  endedAt: number,
): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from: number | null = null;
  for (const e of events) {
    if (!('operator' in e) || e.operator !== trainee) continue;
    const starts =
      (e.type === 'operator.left' && e.reason === 'inactivity') ||
      (e.type === 'operator.status' && e.status !== 'online');
    if (from === null && starts) from = e.t;
    // After a removal the trainee must Join again; after `away`, any activity brings them back.
    const ends =
      effect === 'remove'
        ? e.type === 'operator.joined'
        : e.type === 'operator.status' && e.status === 'online';
    if (from !== null && ends) {
      out.push({ from, to: e.t });
      from = null;
    }
  }
  if (from !== null) out.push({ from, to: Math.max(from, endedAt) });
  return out;
}

/** What `ratingReason` reads of a conversation. */
export type RatedConversation = Pick<
  Conversation,
  'lang' | 'messages' | 'responses' | 'rating' | 'endReason' | 'endedAt' | 'askedAt'
>;

/**
 * Why the visitor gave the rating they gave, in the terms of `rateSession`: the wait that decided
 * it ("waited 2 min 10 s for a first answer") or the language ("answered in English to a visitor
 * writing in Français"). Null when the visitor gave no rating.
 */
export function ratingReason(c: RatedConversation): string | null {
  if (!c.rating) return null;
  const visitorLang = languageLabel(c.lang);
  if (c.endReason === 'unanswered' || (c.endReason === 'operator-left' && c.askedAt !== null)) {
    const waited = c.askedAt !== null && c.endedAt !== null ? c.endedAt - c.askedAt : null;
    const wait = waited === null ? '' : ` after waiting ${duration(waited)}`;
    return c.endReason === 'unanswered'
      ? `left${wait} without an answer`
      : `you left the conversation while they were still waiting${wait}`;
  }
  if (c.responses.length === 0) return 'nobody answered';
  const other = [
    ...new Set(
      c.messages
        .filter((m) => m.author === 'operator' && m.lang != null && !sameLanguage(m.lang, c.lang))
        .map((m) => languageLabel(m.lang!)),
    ),
  ];
  const inLanguage = c.messages.some(
    (m) => m.author === 'operator' && m.lang != null && sameLanguage(m.lang, c.lang),
  );
  const wrong = `answered in ${other.join(' and ')} to a visitor writing in ${visitorLang}`;
  let slowest = c.responses[0];
  for (const r of c.responses)
    if (r.answeredAt - r.askedAt > slowest.answeredAt - slowest.askedAt) slowest = r;
  const worst = slowest.answeredAt - slowest.askedAt;
  const waited = `waited ${duration(worst)} for ${slowest.first ? 'a first answer' : 'an answer'}`;
  if (c.rating === 'unhappy') {
    if (other.length > 0 && !inLanguage)
      return `every answer was in ${other.join(' and ')}, to a visitor writing in ${visitorLang}`;
    return `${waited} (over ${duration(RATING_RULES.unhappyOverSeconds)})`;
  }
  if (c.rating === 'neutral') {
    const why: string[] = [];
    if (worst > RATING_RULES.happyWithinSeconds)
      why.push(`${waited} (over ${duration(RATING_RULES.happyWithinSeconds)})`);
    if (other.length > 0) why.push(wrong);
    return why.join(', and ');
  }
  return `every answer within ${duration(RATING_RULES.happyWithinSeconds)}, in ${visitorLang}`;
}

export function scoreAttempt(input: ScoreInput): AttemptScore {
  const penalties: Penalty[] = [];
  const P = SCORING_RULES.points;
  const ratings: Record<Rating, number> = { happy: 0, neutral: 0, unhappy: 0 };
  const firsts: number[] = [];
  const all: number[] = [];
  let inLang = 0;
  let otherLang = 0;
  let handled = 0;
  let unanswered = 0;

  for (const c of input.conversations) {
    const who = `${c.visitorName} (${languageLabel(c.lang)})`;
    if (c.responses.length > 0) handled++;
    for (const r of c.responses) {
      const wait = r.answeredAt - r.askedAt;
      all.push(wait);
      if (r.first) {
        firsts.push(wait);
        if (wait > SCORING_RULES.firstResponseLimit) {
          penalties.push({
            t: r.answeredAt,
            rule: 'very-slow-first-response',
            points: P['very-slow-first-response'],
            visitor: c.visitor,
            why: `${who} waited ${duration(wait)} for a first answer (over ${duration(SCORING_RULES.firstResponseLimit)}). Greet visitors at once, even just to say you are looking.`,
          });
        } else if (wait > SCORING_RULES.firstResponseTarget) {
          penalties.push({
            t: r.answeredAt,
            rule: 'slow-first-response',
            points: P['slow-first-response'],
            visitor: c.visitor,
            why: `${who} waited ${duration(wait)} for a first answer (target ${duration(SCORING_RULES.firstResponseTarget)}).`,
          });
        }
      } else if (wait > SCORING_RULES.responseTarget) {
        penalties.push({
          t: r.answeredAt,
          rule: 'slow-response',
          points: P['slow-response'],
          visitor: c.visitor,
          why: `${who} waited ${duration(wait)} for an answer (target ${duration(SCORING_RULES.responseTarget)}).`,
        });
      }
    }
    for (const m of c.messages) {
      if (m.author !== 'operator' || m.lang == null) continue;
      if (sameLanguage(m.lang, c.lang)) inLang++;
      else {
        otherLang++;
        penalties.push({
          t: m.t,
          rule: 'wrong-language',
          points: P['wrong-language'],
          visitor: c.visitor,
          why: `You answered ${c.visitorName} in ${languageLabel(m.lang)}, but they write in ${languageLabel(c.lang)}.`,
        });
      }
    }
    const left =
      c.endReason === 'unanswered' || (c.endReason === 'operator-left' && c.askedAt !== null);
    if (left) {
      unanswered++;
      penalties.push({
        t: c.endedAt ?? input.endedAt,
        rule: 'left-unanswered',
        points: P['left-unanswered'],
        visitor: c.visitor,
        why:
          c.endReason === 'unanswered'
            ? `${who} left the conversation without an answer to their question.`
            : `You left the conversation while ${who} was still waiting for an answer.`,
      });
    }
    if (c.rating) {
      ratings[c.rating]++;
      if (c.rating === 'unhappy' && !left)
        penalties.push({
          t: c.endedAt ?? input.endedAt,
          rule: 'unhappy-rating',
          points: P['unhappy-rating'],
          visitor: c.visitor,
          why: `${who} rated the conversation Unhappy: ${ratingReason(c)}.`,
        });
      if (c.rating === 'neutral')
        penalties.push({
          t: c.endedAt ?? input.endedAt,
          rule: 'neutral-rating',
          points: P['neutral-rating'],
          visitor: c.visitor,
          why: `${who} rated the conversation Neutral: ${ratingReason(c)}.`,
        });
    }
  }

  const intervals = disconnectedIntervals(
    input.trainee,
    input.events,
    input.inactivityEffect,
    input.endedAt,
  );
  for (const i of intervals) {
    penalties.push({
      t: i.from,
      rule: 'disconnected',
      points: P.disconnected,
      why:
        input.inactivityEffect === 'remove'
          ? `No mouse or keyboard activity for ${input.inactivityMinutes} minutes: you were disconnected and removed from the channel, so no chats reached you until you joined again.`
          : `No mouse or keyboard activity for ${input.inactivityMinutes} minutes: your status became Away and no chats were assigned to you.`,
    });
  }

  penalties.sort((a, b) => a.t - b.t);
  const lost = penalties.reduce((s, p) => s + p.points, 0);
  const mean = (xs: number[]) =>
    xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    score: Math.max(0, 100 - lost),
    chatsAssigned: input.conversations.length,
    chatsHandled: handled,
    leftUnanswered: unanswered,
    firstResponseMean: mean(firsts),
    meanResponse: mean(all),
    answersInLanguage: inLang,
    answersOtherLanguage: otherLang,
    ratings,
    disconnections: intervals.length,
    disconnectedSeconds: intervals.reduce((s, i) => s + (i.to - i.from), 0),
    penalties,
  };
}

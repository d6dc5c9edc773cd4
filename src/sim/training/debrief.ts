/**
 * The debrief: the attempt as a timeline, built from the engine's event log and the conversations,
 * with the moments that cost points marked and explained. Pure: the console renders it as text.
 */
import type { SimEvent } from '../events.ts';
import type { ChatMessage, Conversation } from './conversation.ts';
import { languageLabel } from './message-packs.ts';
import { ratingReason, type Penalty } from './scoring.ts';

export interface DebriefEntry {
  t: number;
  kind: 'membership' | 'status' | 'languages' | 'chat' | 'message' | 'penalty';
  text: string;
  /** Points lost at this moment (penalties only). */
  points?: number;
  visitor?: string;
}

const RATING_LABEL = { happy: 'Happy', neutral: 'Neutral', unhappy: 'Unhappy' } as const;

export function debriefTimeline(input: {
  trainee: string;
  events: readonly SimEvent[];
  conversations: readonly Conversation[];
  penalties: readonly Penalty[];
  channelName: (id: string) => string;
}): DebriefEntry[] {
  const out: DebriefEntry[] = [];
  const conv = new Map(input.conversations.map((c) => [c.visitor, c]));
  for (const e of input.events) {
    if (!('operator' in e) || e.operator !== input.trainee) continue;
    switch (e.type) {
      case 'operator.joined':
        out.push({
          t: e.t,
          kind: 'membership',
          text: `You joined ${input.channelName(e.channel)}.`,
        });
        break;
      case 'operator.left':
        out.push({
          t: e.t,
          kind: 'membership',
          text:
            e.reason === 'inactivity'
              ? `You were removed from ${input.channelName(e.channel)} for inactivity.`
              : `You left ${input.channelName(e.channel)}.`,
        });
        break;
      case 'operator.status':
        out.push({ t: e.t, kind: 'status', text: `Your status became ${e.status}.` });
        break;
      case 'operator.languages':
        out.push({
          t: e.t,
          kind: 'languages',
          text: `Online Chat Languages set to ${e.languages.map(languageLabel).join(', ') || 'none'}.`,
        });
        break;
      case 'visitor.assigned': {
        const c = conv.get(e.visitor);
        const who = c ? `${c.visitorName} (${languageLabel(c.lang)})` : e.visitor;
        out.push({
          t: e.t,
          kind: 'chat',
          visitor: e.visitor,
          text: `New conversation with ${who}${c?.routedBecause ? `: routed to you because ${c.routedBecause}` : ''}.`,
        });
        break;
      }
    }
  }
  for (const c of input.conversations) {
    for (const r of c.responses) {
      out.push({
        t: r.answeredAt,
        kind: 'message',
        visitor: c.visitor,
        text: `You answered ${c.visitorName} after ${Math.round(r.answeredAt - r.askedAt)} s.`,
      });
    }
    if (c.endedAt !== null) {
      const how =
        c.endReason === 'satisfied'
          ? 'left satisfied'
          : c.endReason === 'unanswered'
            ? 'left without an answer'
            : c.endReason === 'operator-left'
              ? 'was left by you (/leave)'
              : 'was still open when the attempt ended';
      const rated = c.rating ? `, rated ${RATING_LABEL[c.rating]}: ${ratingReason(c)}` : '';
      out.push({
        t: c.endedAt,
        kind: 'chat',
        visitor: c.visitor,
        text: `${c.visitorName} ${how}${rated}.`,
      });
    }
  }
  for (const p of input.penalties) {
    out.push({ t: p.t, kind: 'penalty', text: p.why, points: p.points, visitor: p.visitor });
  }
  // Stable: within one instant, what happened comes before what it cost.
  return out
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        a.e.t - b.e.t ||
        Number(a.e.kind === 'penalty') - Number(b.e.kind === 'penalty') ||
        a.i - b.i,
    )
    .map((x) => x.e);
}

/** One conversation of the attempt as the debrief shows it: its messages, and how it ended. */
export interface Transcript {
  visitor: string;
  visitorName: string;
  lang: string;
  assignedAt: number;
  routedBecause: string | undefined;
  /** "Left satisfied, rated Neutral: waited 2 min 10 s for a first answer." */
  outcome: string;
  messages: ChatMessage[];
}

const ENDED: Record<NonNullable<Conversation['endReason']>, string> = {
  satisfied: 'Left satisfied',
  unanswered: 'Left without an answer',
  'operator-left': 'You left the conversation (/leave)',
  ended: 'Still open when the attempt ended',
};

/**
 * Every conversation of the attempt, in the order they were assigned, with every message (the
 * operator-only command output too, marked as such): what the trainee reads back in the debrief.
 */
export function debriefTranscripts(conversations: readonly Conversation[]): Transcript[] {
  return conversations.map((c) => {
    const ended = c.endReason ? ENDED[c.endReason] : 'Still open';
    const rated = c.rating ? `, rated ${RATING_LABEL[c.rating]}: ${ratingReason(c)}` : '';
    return {
      visitor: c.visitor,
      visitorName: c.visitorName,
      lang: c.lang,
      assignedAt: c.assignedAt,
      routedBecause: c.routedBecause,
      outcome: `${ended}${rated}.`,
      messages: c.messages.map((m) => ({ ...m })),
    };
  });
}

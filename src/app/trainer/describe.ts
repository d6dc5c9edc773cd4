import type { AssignmentReason, ExclusionWhy, SimEvent } from '../../sim/events';
import type { Names } from '../shared/names';
import { duration } from '../../sim/format/time';

/**
 * One readable sentence per event for the live feed, e.g. "Marc was removed from Website after
 * 30 min without activity". The clock time is printed by the feed, not here.
 */
export function describeEvent(e: SimEvent, n: Names): string {
  switch (e.type) {
    case 'operator.joined':
      if (e.reason === 'start') return `${n.operator(e.operator)} is in ${n.channel(e.channel)}`;
      if (e.reason === 'return')
        return `${n.operator(e.operator)} is back and rejoined ${n.channel(e.channel)}`;
      if (e.reason === 'shift')
        return `${n.operator(e.operator)}'s shift started: joined ${n.channel(e.channel)}`;
      return `${n.operator(e.operator)} joined ${n.channel(e.channel)}`;
    case 'operator.left':
      if (e.reason === 'inactivity')
        return `${n.operator(e.operator)} was removed from ${n.channel(e.channel)} after ${duration(n.timeoutMinutes * 60)} without activity`;
      if (e.reason === 'shift')
        return `${n.operator(e.operator)}'s shift ended: left ${n.channel(e.channel)} (finishing the chats in progress)`;
      return `${n.operator(e.operator)} left ${n.channel(e.channel)}`;
    case 'operator.status':
      return `${n.operator(e.operator)} is now ${e.status}`;
    case 'operator.break.started':
      return `${n.operator(e.operator)} stepped away from the keyboard`;
    case 'operator.break.ended':
      return `${n.operator(e.operator)} is back at the keyboard`;
    case 'operator.languages':
      return `${n.operator(e.operator)} set Online Chat Languages to ${e.languages.map(n.language).join(', ') || 'none'}`;
    case 'visitor.arrived':
      return `${n.visitor(e.visitor)} asked for a chat on ${n.channel(e.channel)}, in ${n.language(e.lang)}${e.previousOperator ? `, returning to ${n.operator(e.previousOperator)}` : ''}`;
    case 'visitor.queued':
      return `${n.visitor(e.visitor)} waits in the ${n.channel(e.channel)} queue (position ${e.position})`;
    case 'visitor.assigned':
      return `${n.visitor(e.visitor)} was assigned to ${n.operator(e.operator)}: ${tierPhrase(e.reason.tier)}`;
    case 'visitor.unavailable':
      return `${n.visitor(e.visitor)} got "No available collaborator" on ${n.channel(e.channel)}`;
    case 'visitor.abandoned':
      return e.reason === 'run-ended'
        ? `${n.visitor(e.visitor)} was never served on ${n.channel(e.channel)} (run ended)`
        : `${n.visitor(e.visitor)} gave up waiting on ${n.channel(e.channel)}`;
    case 'visitor.unanswered':
      return `${n.visitor(e.visitor)} left unanswered: ${n.operator(e.operator)} was away from the keyboard`;
    case 'chat.started':
      return `${n.operator(e.operator)} started chatting with ${n.visitor(e.visitor)}`;
    case 'chat.ended':
      return `${n.operator(e.operator)}'s chat with ${n.visitor(e.visitor)} ended`;
  }
}

/** The kind of feed entry, for its colour. */
export function tone(e: SimEvent): 'good' | 'bad' | 'warn' | 'info' | 'plain' {
  switch (e.type) {
    case 'visitor.assigned':
    case 'chat.started':
      return 'good';
    case 'visitor.unavailable':
    case 'visitor.abandoned':
    case 'visitor.unanswered':
      return 'bad';
    case 'operator.left':
    case 'operator.break.started':
      return 'warn';
    case 'operator.status':
      return e.status === 'online' ? 'info' : 'warn';
    case 'visitor.arrived':
    case 'visitor.queued':
      return 'info';
    default:
      return 'plain';
  }
}

/** Tier names of src/sim/policies → why the operator was in the candidate group. */
const TIERS: Record<string, string> = {
  'previous-operator': 'the visitor’s previous operator (7-day cookie)',
  'main-language': 'speaks the visitor’s language as main language',
  'chat-language': 'speaks the visitor’s language as an Online Chat Language',
  language: 'speaks the visitor’s language (main or Online Chat Language)',
  country: 'is from the visitor’s country',
  anyone: 'anyone available',
  rotation: 'next in the rotation',
  'all-expertises': 'has all the expertises asked for',
  'one-expertise': 'has one of the expertises asked for',
};

/** Rule names of src/sim/policies → how one candidate was picked. */
const RULES: Record<string, string> = {
  idle: 'least active: an operator with no chat, random among them',
  'least-active': 'least active: fewest active chats, random among ties',
  'next-in-rotation': 'next in the fixed rotation after the last operator assigned',
  'fewest-chats': 'fewest open chats',
  'longest-ago': 'ties go to the one assigned longest ago',
  'oldest-assignment': 'the operator whose last assignment is oldest, whatever the load',
  'previous-operator': 'kept the previous operator, whatever the load',
  buffer: 'skipping operators assigned in the last 120 s (buffer time)',
};

const humanize = (s: string) => s.replace(/[-_.]+/g, ' ').trim();

/** Names compose with `+` (e.g. `main-language+all-expertises`): each part gets its phrase. */
const phrase = (table: Record<string, string>, name: string) =>
  name
    .split('+')
    .map((part) => table[part] ?? humanize(part))
    .join('; ');

export function tierPhrase(tier: string): string {
  return phrase(TIERS, tier);
}

export function rulePhrase(rule: string): string {
  return phrase(RULES, rule);
}

const WHY: Record<ExclusionWhy, string> = {
  away: 'away (not assignable)',
  offline: 'offline or removed from the channel',
  capacity: 'at capacity (max sessions in this channel)',
  'not-eligible': 'not in the chosen tier for this policy',
};

export interface Explanation {
  tier: string;
  rule: string;
  candidates: { name: string; load: number; chosen: boolean }[];
  ties: string;
  excluded: { name: string; why: string }[];
}

/** The "why" panel's content for one assignment, from the engine's machine-readable reason. */
export function explainAssignment(reason: AssignmentReason, chosen: string, n: Names): Explanation {
  const candidates = [...reason.candidates]
    .sort((a, b) => a.load - b.load)
    .map((c) => ({ name: n.operator(c.operator), load: c.load, chosen: c.operator === chosen }));
  return {
    tier: tierPhrase(reason.tier),
    rule: rulePhrase(reason.rule),
    candidates,
    ties:
      reason.ties > 1
        ? `${reason.ties} candidates were tied under this rule; the tie was broken by the policy`
        : 'no tie',
    excluded: (reason.excluded ?? []).map((x) => ({
      name: n.operator(x.operator),
      why: WHY[x.why] ?? x.why,
    })),
  };
}

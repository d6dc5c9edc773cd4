import { describe, expect, it } from 'vitest';
import { rateSession, DEFAULT_TEMPER } from '../../src/sim/training/conversation.ts';
import { MESSAGE_PACKS } from '../../src/sim/training/message-packs.ts';
import { practiceVisitor } from './helpers/practice-visitor.ts';

const make = (lang = 'fr_FR', visitor = 'v1', seed = 42) =>
  practiceVisitor({ visitor, lang, seed, assignedAt: 100 });

describe('simulated visitor', () => {
  it('opens with a greeting and a question in their language, and it is unread', () => {
    const { c } = make('fr_FR');
    expect(c.messages).toHaveLength(1);
    const first = c.messages[0];
    expect(first.author).toBe('visitor');
    expect(first.t).toBe(100);
    expect(MESSAGE_PACKS.fr_FR.greetings.some((g) => first.text.startsWith(g))).toBe(true);
    expect(c.unread).toBe(1);
    expect(MESSAGE_PACKS.fr_FR.names).toContain(c.visitorName);
  });

  it('follows up, shows impatience, then leaves unanswered when ignored', () => {
    const v = make('de_DE');
    const c = v.c;
    v.runTo(100_000);
    const texts = c.messages.map((m) => m.text);
    expect(MESSAGE_PACKS.de_DE.followUps).toContain(texts[1]);
    expect(MESSAGE_PACKS.de_DE.impatience).toContain(texts[2]);
    expect(texts[3]).toBe('Visitor left the conversation');
    expect(c.endReason).toBe('unanswered');
    expect(c.rating).toBe('unhappy');
    const waited = c.endedAt! - 100;
    const [f, i, l] = [
      DEFAULT_TEMPER.followUpAfter,
      DEFAULT_TEMPER.impatientAfter,
      DEFAULT_TEMPER.leaveAfter,
    ];
    expect(waited).toBeGreaterThanOrEqual(f[0] + i[0] + l[0]);
    expect(waited).toBeLessThanOrEqual(f[1] + i[1] + l[1]);
  });

  it('leaves satisfied and Happy when every answer is quick and in their language', () => {
    const v = make('fr_FR');
    const c = v.c;
    for (let guard = 0; guard < 20 && !c.ended; guard++) {
      if (c.askedAt !== null)
        v.reply(c.askedAt + 10, 'Bonjour, oui bien sûr, je regarde pour vous.');
      v.runTo(v.next());
    }
    expect(c.endReason).toBe('satisfied');
    expect(c.rating).toBe('happy');
    expect(c.inLanguage).toBeGreaterThan(0);
    expect(c.otherLanguage).toBe(0);
    expect(c.messages.at(-1)!.text).toBe('Visitor left the conversation');
    // the visitor thanked the operator by the Online Chat Name they saw
    expect(c.messages.some((m) => m.author === 'visitor' && m.text.includes('Sam'))).toBe(true);
  });

  it('asks for their language when answered in another one', () => {
    const v = make('es_ES');
    const c = v.c;
    v.reply(110, 'Hello, thank you for your message, how can I help you?');
    expect(c.otherLanguage).toBe(1);
    v.runTo(v.next());
    expect(MESSAGE_PACKS.es_ES.wrongLanguage).toContain(c.messages.at(-1)!.text);
    expect(c.askedAt).not.toBeNull();
  });

  it('measures the response from the oldest unanswered message, once', () => {
    const v = make();
    const c = v.c;
    v.reply(130, 'Bonjour !', 'fr_FR');
    v.reply(135, 'Je regarde.', 'fr_FR');
    expect(c.responses).toEqual([{ askedAt: 100, answeredAt: 130, first: true }]);
  });

  it('is identical for the same seed and visitor, and differs between visitors', () => {
    const a = make('en_US', 'v1');
    const b = make('en_US', 'v1');
    a.runTo(10_000);
    b.runTo(10_000);
    expect(a.c.messages).toEqual(b.c.messages);
    const others = ['v2', 'v3', 'v4', 'v5'].map((v) => make('en_US', v).c.messages[0].text);
    expect(others.some((t) => t !== a.c.messages[0].text)).toBe(true);
  });

  it('keeps command output for the operator only', () => {
    const { c } = make();
    const note = c.note(120, 'Available commands');
    expect(note.operatorOnly).toBe(true);
    expect(c.unread).toBe(1);
  });

  it('counts the visitor as left unanswered when the operator leaves with a question pending', () => {
    const { c } = make();
    c.leaveByOperator(150);
    expect(c.endReason).toBe('operator-left');
    expect(c.rating).toBe('unhappy');
    expect(c.messages.at(-1)!.text).toBe('Sam left the conversation');
  });

  it('gives no rating when the attempt ends under it', () => {
    const { c } = make();
    c.endBySimulation(150);
    expect(c.rating).toBeNull();
    expect(c.ended).toBe(true);
  });
});

describe('rateSession', () => {
  const base = { inLanguage: 1, otherLanguage: 0, leftUnanswered: false };
  it('is Happy for answers within a minute in the visitor language', () => {
    expect(rateSession({ ...base, responseSeconds: [20, 60] })).toBe('happy');
  });
  it('is Neutral when one answer took over a minute', () => {
    expect(rateSession({ ...base, responseSeconds: [20, 61] })).toBe('neutral');
  });
  it('is Neutral for quick answers partly in another language', () => {
    expect(rateSession({ ...base, otherLanguage: 1, responseSeconds: [10] })).toBe('neutral');
  });
  it('is Unhappy over 150 s, when only answered in another language, or unanswered', () => {
    expect(rateSession({ ...base, responseSeconds: [151] })).toBe('unhappy');
    expect(rateSession({ ...base, inLanguage: 0, otherLanguage: 2, responseSeconds: [5] })).toBe(
      'unhappy',
    );
    expect(rateSession({ ...base, leftUnanswered: true, responseSeconds: [5] })).toBe('unhappy');
    expect(rateSession({ ...base, responseSeconds: [] })).toBe('unhappy');
  });
});

import { describe, expect, it } from 'vitest';
import {
  completions,
  enterAction,
  expandCanned,
  helpText,
  parseComposer,
  DEFAULT_CANNED_RESPONSES,
} from '../../src/sim/training/commands.ts';
import { historyText, visitorJourney } from '../../src/sim/training/journey.ts';
import { stream } from '../../src/sim/random.ts';

const canned = [
  { shortcut: 'hello', substitution: 'Hello! How can I help?' },
  { shortcut: 'help-desk', substitution: 'Our help desk is open 9-17.' },
  { shortcut: 'bye', substitution: 'Goodbye!' },
];

describe('commands', () => {
  it('reads /help, /leave and /history as commands, and unknown ones as unknown', () => {
    expect(parseComposer('/help', canned)).toEqual({
      kind: 'command',
      name: 'help',
      known: true,
      args: '',
    });
    expect(parseComposer('  /leave ', canned)).toMatchObject({
      kind: 'command',
      name: 'leave',
      known: true,
    });
    expect(parseComposer('/history', canned)).toMatchObject({
      kind: 'command',
      name: 'history',
      known: true,
    });
    expect(parseComposer('/lead', canned)).toMatchObject({
      kind: 'command',
      name: 'lead',
      known: false,
    });
  });

  it('treats a slash inside a sentence as text', () => {
    expect(parseComposer('yes and/or no', canned)).toEqual({
      kind: 'message',
      text: 'yes and/or no',
    });
  });

  it('lists every command in /help', () => {
    const text = helpText();
    for (const c of ['/help', '/leave', '/history']) expect(text).toContain(c);
  });
});

describe('canned responses', () => {
  it('expands a :shortcut at the start or after a space', () => {
    expect(expandCanned(':hello', canned)).toBe('Hello! How can I help?');
    expect(expandCanned('Sure. :bye', canned)).toBe('Sure. Goodbye!');
  });

  it('leaves unknown shortcuts, times and URLs alone', () => {
    expect(expandCanned(':nope at 10:30 on https://x.y', canned)).toBe(
      ':nope at 10:30 on https://x.y',
    );
  });

  it('completes :he with the shortcuts starting with it, and the composer text they give', () => {
    const c = completions('Hi :he', canned);
    expect(c.map((x) => x.label)).toEqual([':hello', ':help-desk']);
    expect(c[0].apply).toBe('Hi Hello! How can I help?');
  });

  it('completes /h with the commands starting with it', () => {
    expect(completions('/h', canned).map((x) => x.label)).toEqual(['/help', '/history']);
    expect(completions('say /h', canned)).toEqual([]);
  });

  it('regression: /help + Enter runs the command instead of being swallowed by the suggestions', () => {
    // Typed in full, the only suggestion is the command itself: Enter sends it.
    expect(enterAction('/help', completions('/help', canned), 0)).toBe('send');
    expect(enterAction('/leave', completions('/leave', canned), 0)).toBe('send');
    // Typed in part, Enter takes the highlighted suggestion, as Odoo's menu does.
    expect(enterAction('/he', completions('/he', canned), 0)).toBe('choose');
    expect(enterAction('/h', completions('/h', canned), 1)).toBe('choose');
    expect(enterAction('Hi :he', completions('Hi :he', canned), 0)).toBe('choose');
    // After a chosen suggestion (trailing space) or with no menu, Enter sends.
    expect(enterAction('/help ', completions('/help ', canned), 0)).toBe('send');
    expect(enterAction('hello', [], 0)).toBe('send');
  });

  it('ships default canned responses with valid shortcuts', () => {
    for (const c of DEFAULT_CANNED_RESPONSES) expect(c.shortcut).toMatch(/^[a-z0-9_-]+$/);
  });
});

describe('visitor journey (/history)', () => {
  it('is the same for the same seed and visitor, and ends before the chat', () => {
    const a = visitorJourney(stream(7, 'visitor:v1'), 600);
    const b = visitorJourney(stream(7, 'visitor:v1'), 600);
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThanOrEqual(2);
    for (const v of a) expect(v.t).toBeLessThan(600);
    expect(historyText(a, 600)).toMatch(/^Last visited pages:\n/);
  });
});

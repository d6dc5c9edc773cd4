/**
 * The trainer page as a careful user meets it (issue 10 §2 "The trainer page"), in real Chromium.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount, type Component } from 'svelte';
import '../../src/app/shared/app.css';
import Editor from '../../src/app/trainer/editor/Editor.svelte';
import { fieldError, fieldWords } from '../../src/app/trainer/editor/field-labels';
import WithSession from './WithSession.svelte';
import { sessionWith } from './session-with';
import { exampleScenario } from '../sim/fixtures';

const mounted: Record<string, unknown>[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) unmount(m);
  document.body.innerHTML = '';
});

describe('the trainer page', () => {
  it('regression: selecting the scenario already open restarted its run', () => {
    const session = sessionWith(exampleScenario());
    session.playback.seek(20 * 60);
    const at = session.playback.now;
    expect(at).toBeGreaterThan(0);
    session.select('test');
    expect(session.playback.now).toBe(at);
  });

  it('every field the editor shows has a label for its errors, and the error uses it', () => {
    const s = exampleScenario();
    // Every kind of field on screen: fixed breaks, random breaks, patience.
    s.operators[0].activity = { kind: 'breaks', breaks: [{ atMinute: 30, minutes: 10 }] };
    s.operators[1].activity = {
      kind: 'random-breaks',
      everyMinutes: { dist: 'exponential', mean: 60 },
      minutes: { dist: 'uniform', min: 5, max: 10 },
    };
    s.visitors[0].patienceMinutes = { dist: 'lognormal', mean: 3, sd: 1 };
    // And the clock's fields (issue 8): shifts, an hourly profile with weekday factors.
    s.operators[2].activity = {
      kind: 'shifts',
      shifts: [{ days: ['monday'], from: '09:00', to: '17:00' }],
      breaks: [],
    };
    s.visitors[0].arrivalsPerHour = {
      byHour: Array.from({ length: 24 }, () => 10),
      byWeekday: {
        monday: 1,
        tuesday: 1,
        wednesday: 1,
        thursday: 1,
        friday: 1,
        saturday: 0.5,
        sunday: 0.2,
      },
    };
    const session = sessionWith(s);
    const target = document.body.appendChild(document.createElement('div'));
    mounted.push(
      mount(WithSession, { target, props: { session, component: Editor as Component } }),
    );
    flushSync();
    const fields = [...target.querySelectorAll<HTMLElement>('[data-field-path]')];
    expect(fields.length).toBeGreaterThan(40);
    const paths = new Set(fields.map((f) => f.dataset.fieldPath!));
    for (const p of [
      'inactivity.timeoutMinutes',
      'operators[0].activity.breaks[0].minutes',
      'operators[1].activity.everyMinutes.mean',
      'operators[1].activity.minutes.max',
      'visitors[0].patienceMinutes.sd',
      'operators[2].activity.shifts[0].from',
      'visitors[0].arrivalsPerHour.byHour',
    ])
      expect(paths, p).toContain(p);
    for (const field of fields) {
      const path = field.dataset.fieldPath!;
      const words = fieldWords(path);
      expect(words, path).not.toBeNull();
      // The label the user sees is part of the words the error uses ("Id" → "Operator id").
      const visible = field
        .querySelector('label')!
        .textContent!.replace(/\(.*\)/, '')
        .trim()
        .toLowerCase();
      expect(words!.label.toLowerCase(), path).toContain(visible);
      const shown = fieldError(path, 'must be greater than 0, got 0');
      expect(shown.startsWith(words!.label), path).toBe(true);
      expect(shown, path).not.toContain(path);
    }
  });

  it('shows the inline error in the field’s words while typing', () => {
    const session = sessionWith(exampleScenario());
    const target = document.body.appendChild(document.createElement('div'));
    mounted.push(
      mount(WithSession, { target, props: { session, component: Editor as Component } }),
    );
    session.draft.inactivity.timeoutMinutes = 0;
    flushSync();
    const err = target.querySelector('[data-error-path="inactivity.timeoutMinutes"]');
    expect(err?.textContent?.trim()).toBe('Inactivity timeout must be more than 0 minutes');
    expect(target.querySelector('.status')?.textContent).toContain(
      'Run settings · Inactivity timeout must be more than 0 minutes',
    );
  });
});

/**
 * Practice console components in real Chromium, on a fake real-time source so that simulated
 * time is exact: the attempt's clock reads `real`, which the test moves forward.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { flushSync, mount, unmount } from 'svelte';
import '../../src/app/shared/app.css';
import { Attempt } from '../../src/app/console/attempt.svelte';
import { PracticeConsole } from '../../src/app/console/console.svelte';
import Backend from '../../src/app/console/Backend.svelte';
import DiscussApp from '../../src/app/console/DiscussApp.svelte';
import ChatWindows from '../../src/app/console/ChatWindows.svelte';
import { practiceScenario, TRAINEE_SEAT } from '../../src/sim/training/practice-scenarios';
import { DEFAULT_CANNED_RESPONSES } from '../../src/sim/training/commands';

let real = 0;
const mounted: Record<string, unknown>[] = [];

/** `minutes` lengthens the shift: a trainee's run ends at the scenario's duration. */
function attempt(scenario: string, speed = 1, alwaysFast = false, minutes?: number) {
  real = 0;
  const practice = practiceScenario(scenario);
  return new Attempt({
    scenario: minutes ? { ...practice, durationMinutes: minutes } : practice,
    trainee: TRAINEE_SEAT,
    speed: { base: 1, quiet: speed },
    alwaysFast,
    customQuestions: [],
    canned: () => DEFAULT_CANNED_RESPONSES,
    now: () => real,
  });
}

/** Moves real time on by `ms` and lets the attempt catch up, as its timer would. */
function elapse(a: Attempt, ms: number) {
  real += ms;
  a.tick();
  flushSync();
}

function show<P extends Record<string, unknown>>(component: never, props: P) {
  const target = document.body.appendChild(document.createElement('div'));
  const app = mount(component, { target, props });
  mounted.push(app);
  flushSync();
  return app;
}

afterEach(() => {
  for (const m of mounted.splice(0)) unmount(m);
  document.body.innerHTML = '';
});

describe('practice console in the browser', () => {
  it('turns real mouse activity into inactivity-timer resets at the run speed', async () => {
    // 1 real second = 1 simulated minute; a 2-hour shift, so 75 active minutes and 31 idle ones fit in it
    const a = attempt('two-channels', 60, true, 120);
    show(Backend as never, {
      attempt: a,
      canned: [],
      pc: new PracticeConsole(),
      onfinish: () => {},
    });
    for (let i = 0; i < 3; i++) {
      elapse(a, 25_000); // 25 simulated minutes
      await userEvent.hover(
        page.getByRole('button', { name: 'Apps menu' }).element() as HTMLElement,
      );
      window.dispatchEvent(new MouseEvent('mousemove'));
      flushSync();
    }
    expect(a.simNow).toBeGreaterThanOrEqual(75 * 60);
    expect(document.querySelector('[data-testid=inactivity-notice]')).toBeNull();
    elapse(a, 31_000); // 31 simulated minutes without activity
    await expect.element(page.getByTestId('inactivity-notice')).toBeVisible();
    expect(a.seat!.channels).toEqual([]);
  });

  it('completes :shortcuts and /commands in a chat window and sends the expansion', async () => {
    const a = attempt('website-shift');
    a.join('website');
    while (a.conversations.length === 0) elapse(a, 30_000);
    show(ChatWindows as never, { attempt: a, canned: [...DEFAULT_CANNED_RESPONSES] });
    const box = page.getByRole('textbox');
    await userEvent.fill(box, ':he');
    await expect.element(page.getByRole('option', { name: /:hello/ })).toBeVisible();
    await userEvent.keyboard('{Enter}');
    await expect.element(box).toHaveValue(DEFAULT_CANNED_RESPONSES[0].substitution);
    await userEvent.keyboard('{Enter}');
    flushSync();
    const conv = a.conversations[0];
    expect(conv.messages.at(-1)).toMatchObject({
      author: 'operator',
      text: DEFAULT_CANNED_RESPONSES[0].substitution,
    });
    await userEvent.fill(box, '/hi');
    await expect.element(page.getByRole('option', { name: /\/history/ })).toBeVisible();
  });

  it('shows new conversations in bold under LIVECHAT until opened in Discuss', async () => {
    const a = attempt('website-shift');
    a.join('website');
    while (a.conversations.length === 0) elapse(a, 30_000);
    show(DiscussApp as never, { attempt: a, canned: [] });
    const item = page.getByTestId('livechat-item').first();
    const name = item.element().querySelector('.name') as HTMLElement;
    expect(getComputedStyle(name).fontWeight).toBe('700');
    await userEvent.click(item);
    flushSync();
    expect(getComputedStyle(item.element().querySelector('.name') as HTMLElement).fontWeight).toBe(
      '400',
    );
    expect(document.querySelector('.conv-head h2')?.textContent).toBe(
      a.conversations[0].visitorName,
    );
    expect(
      page
        .getByRole('list', { name: `Messages with ${a.conversations[0].visitorName}` })
        .elements(),
    ).toHaveLength(1);
  });

  it('regression: the clock stops when the shift is over and nothing is left to finish', () => {
    const a = attempt('website-shift', 60, true); // not joined: no conversation comes
    const end = a.durationSeconds;
    for (let i = 0; i < 6; i++) elapse(a, 10_000); // 60 simulated minutes of a 45-minute shift
    expect(a.simNow).toBe(end);
    expect(a.shiftOver).toBe(true);
    elapse(a, 30_000);
    expect(a.simNow).toBe(end);
  });

  it('goes on past the end of the shift while a conversation is still open, then stops', () => {
    // When does the first visitor reach the trainee? Then end the shift within a minute of it.
    const probe = attempt('website-shift');
    probe.join('website');
    while (probe.conversations.length === 0) elapse(probe, 10_000);
    const assignedAt = probe.session.conversations[0].assignedAt;
    const a = attempt('website-shift', 1, false, Math.ceil(assignedAt / 60));
    a.join('website');
    const end = a.durationSeconds;
    while (a.simNow < end) elapse(a, 10_000);
    expect(a.simNow).toBe(end); // the clock stops exactly at the end of the shift...
    expect(a.session.isQuiet()).toBe(false);
    elapse(a, 10_000);
    expect(a.simNow).toBe(end + 10); // ...and goes on while a visitor still waits for an answer.
    // Unanswered, the visitor leaves; then time stands still.
    for (let i = 0; i < 60 && !a.session.isQuiet(); i++) elapse(a, 10_000);
    expect(a.session.isQuiet()).toBe(true);
    const stopped = a.simNow;
    elapse(a, 30_000);
    expect(a.simNow).toBe(stopped);
  });

  it('regression: unread counts clear in the conversation open in Discuss and in ended ones', () => {
    const a = attempt('website-shift');
    a.join('website');
    while (a.conversations.length < 2) elapse(a, 30_000);
    const [first, second] = a.conversations;
    a.app = 'discuss';
    a.openInDiscuss(first.visitor);
    expect(a.conversation(first.visitor)!.unread).toBe(0);
    // The visitors follow up; only the conversation being read stays at 0.
    for (let i = 0; i < 8; i++) elapse(a, 30_000);
    expect(a.conversation(first.visitor)!.unread).toBe(0);
    const other = a.conversation(second.visitor)!;
    if (!other.ended) expect(other.unread).toBeGreaterThan(0);
    // Left unanswered long enough, the visitors leave: no badge on an ended conversation.
    for (let i = 0; i < 20; i++) elapse(a, 30_000);
    for (const c of a.conversations.filter((x) => x.ended)) expect(c.unread).toBe(0);
    expect(a.conversations.some((c) => c.ended)).toBe(true);
  });

  it('reads the messages of a focused chat window as they come', async () => {
    const a = attempt('website-shift');
    a.join('website');
    while (a.conversations.length === 0) elapse(a, 30_000);
    a.app = 'contacts';
    show(ChatWindows as never, { attempt: a, canned: [] });
    const visitor = a.conversations[0].visitor;
    await userEvent.click(page.getByRole('textbox').first());
    expect(a.focusedWindow).toBe(visitor);
    elapse(a, 150_000); // the visitor follows up
    expect(a.session.conversation(visitor)!.messages.length).toBeGreaterThan(1);
    expect(a.conversation(visitor)!.unread).toBe(0);
  });

  it('regression: shows no chat window while Discuss is open, so none covers its composer', () => {
    const a = attempt('website-shift');
    a.join('website');
    while (a.conversations.length === 0) elapse(a, 30_000);
    a.app = 'discuss';
    show(Backend as never, {
      attempt: a,
      canned: [],
      pc: new PracticeConsole(),
      onfinish: () => {},
    });
    a.openInDiscuss(a.conversations[0].visitor);
    flushSync();
    expect(document.querySelectorAll('[data-testid=chat-window]')).toHaveLength(0);
    a.app = 'contacts';
    flushSync();
    expect(document.querySelectorAll('[data-testid=chat-window]')).toHaveLength(1);
  });
});

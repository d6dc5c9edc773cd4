/**
 * Trainer components in real Chromium: each mounted under a session holding a known scenario.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount, type Component } from 'svelte';
import '../../src/app/shared/app.css';
import { eventLog } from '../../src/sim/engine';
import { TrainerSession } from '../../src/app/trainer/session.svelte';
import { handleShortcut } from '../../src/app/trainer/shortcuts';
import { computeResults } from '../../src/app/trainer/results';
import { tierPhrase } from '../../src/app/trainer/describe';
import type { VisitorAssigned } from '../../src/sim/events';
import Editor from '../../src/app/trainer/editor/Editor.svelte';
import RunView from '../../src/app/trainer/run/RunView.svelte';
import ResultsCharts from '../../src/app/trainer/results/ResultsCharts.svelte';
import Kpis from '../../src/app/trainer/results/Kpis.svelte';
import { summarize } from '../../src/sim/metrics';
import WithSession from './WithSession.svelte';
import { sessionWith } from './session-with';
import { exampleScenario } from '../sim/fixtures';

const mounted: Record<string, unknown>[] = [];

function show(session: TrainerSession, component: Component) {
  const target = document.body.appendChild(document.createElement('div'));
  mounted.push(mount(WithSession, { target, props: { session, component } }));
  flushSync();
  return target;
}

afterEach(() => {
  for (const m of mounted.splice(0)) unmount(m);
  document.body.innerHTML = '';
});

describe('scenario editor', () => {
  it('shows the problem in the form’s words next to the field as you type, and marks the control invalid', () => {
    const session = sessionWith(exampleScenario());
    const root = show(session, Editor as Component);
    expect(root.textContent).toContain('The scenario is valid');
    session.draft.operators[2].lang = 'de_DE';
    flushSync();
    const next = root.querySelector('[data-error-path="operators[2].lang"]');
    expect(next?.textContent?.trim()).toBe('Main language: "de_DE" is not an enabled language');
    const control = root.querySelector<HTMLSelectElement>('#f-operators_2__lang');
    expect(control?.getAttribute('aria-invalid')).toBe('true');
    expect(control?.getAttribute('aria-describedby')).toContain(next!.id);
    expect(session.scenario).toBeNull();
  });

  it('shows the Online Chat Name fallback, and offers only enabled languages', () => {
    const session = sessionWith(exampleScenario());
    const root = show(session, Editor as Component);
    const joel = root.querySelector('[aria-label="Operator Joel Willis"]')!;
    expect(joel.textContent).toContain('Empty: visitors see “Joel Willis”');
    const options = [
      ...joel.querySelectorAll<HTMLOptionElement>('#f-operators_2__lang option'),
    ].map((o) => o.value);
    expect(options).toEqual(['en_US', 'fr_FR']);
  });
});

describe('live board', () => {
  it('explains an assignment and highlights each machine’s current state', () => {
    const session = sessionWith(exampleScenario());
    const root = show(session, RunView as Component);
    const p = session.playback;
    while (!p.feed.some((x) => x.event.type === 'visitor.assigned')) p.step();
    flushSync();
    const why = root.querySelector<HTMLButtonElement>('button.why');
    expect(why).not.toBeNull();
    why!.click();
    flushSync();
    const panel = root.querySelector('[aria-labelledby="why-title"]');
    expect(panel?.textContent).toMatch(/Tier/);
    expect(panel?.textContent).toMatch(/chosen/);
    const current = root.querySelector('[data-state][aria-current="step"]');
    expect(current?.getAttribute('data-state')).toBe(p.view!.operators[0].state);
  });

  it('lists every assignment of the run, and explains the oldest by replay in the worker', async () => {
    const scenario = exampleScenario();
    scenario.durationMinutes = 900;
    const session = sessionWith(scenario);
    const root = show(session, RunView as Component);
    const p = session.playback;
    p.finish();
    flushSync();
    const assigned = eventLog(p.scenario!, { seed: p.seed }).filter(
      (e): e is VisitorAssigned => e.type === 'visitor.assigned',
    );
    // More than the board keeps whole, so the first one's reason is no longer at hand.
    expect(assigned.length).toBeGreaterThan(200);
    root.querySelector<HTMLElement>('details.assignments summary')!.click();
    flushSync();
    const list = root.querySelector('details.assignments')!;
    expect(list.querySelector('.count')?.textContent).toBe(String(assigned.length));
    // <details> reports the toggle in a task of its own.
    await expect.poll(() => list.querySelector('li button')).not.toBeNull();
    let more: HTMLButtonElement | null;
    while ((more = list.querySelector<HTMLButtonElement>('button.more'))) {
      more.click();
      flushSync();
    }
    const rows = list.querySelectorAll<HTMLButtonElement>('li button');
    expect(rows.length).toBe(assigned.length);
    const first = assigned[0];
    const oldest = rows[rows.length - 1];
    const op = scenario.operators.find((o) => o.id === first.operator)!.name;
    expect(oldest.textContent).toContain(`assigned to ${op}`);
    oldest.click();
    flushSync();
    expect(p.whyPending).toBe(true);
    expect(root.querySelector('[role="status"]')?.textContent).toMatch(/Replaying the run/);
    await expect.poll(() => p.why, { timeout: 10000 }).not.toBeNull();
    flushSync();
    expect(p.why).toEqual(first);
    const panel = root.querySelector('[aria-labelledby="why-title"]')!;
    expect(panel.querySelector('h2')?.textContent).toContain(op);
    expect(panel.textContent).toContain(tierPhrase(first.reason.tier));
  });

  it('the visitor picker reaches any visitor in flight by number', () => {
    const session = sessionWith(exampleScenario());
    const root = show(session, RunView as Component);
    const p = session.playback;
    p.seek(1800);
    flushSync();
    const last = p.view!.visitors.at(-1)!;
    const find = root.querySelector<HTMLInputElement>(
      'input[aria-label="Find a visitor in flight by number"]',
    )!;
    find.value = last.id.replace(/^v/, '#');
    find.dispatchEvent(new Event('input', { bubbles: true }));
    find.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    flushSync();
    const select = find.nextElementSibling as HTMLSelectElement;
    expect(select.value).toBe(last.id);
    expect(
      root.querySelector('figure[aria-label^="Visitor machine"]')?.getAttribute('aria-label'),
    ).toContain(`${last.id.replace(/^v/, 'Visitor #')} is in state ${last.state}`);
  });

  it('renders names from the scenario as text', () => {
    const scenario = exampleScenario();
    scenario.operators[0].name = '<img src=x onerror="window.__pwned=1">';
    const session = sessionWith(scenario);
    const root = show(session, RunView as Component);
    session.playback.seek(1800);
    flushSync();
    expect(root.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect(root.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('keyboard shortcuts drive the run, but not while typing in a field', () => {
    const session = sessionWith(exampleScenario());
    const p = session.playback;
    const key = (k: string, target: EventTarget = document.body) => {
      const e = new KeyboardEvent('keydown', { key: k });
      Object.defineProperty(e, 'target', { value: target });
      return handleShortcut(e, p);
    };
    expect(key('ArrowRight')).toBe(true);
    expect(p.eventCount).toBeGreaterThan(0);
    const speed = p.speedIndex;
    key('+');
    expect(p.speedIndex).toBe(speed + 1);
    key('End');
    expect(p.done).toBe(true);
    key('Home');
    expect(p.now).toBe(0);
    expect(key(' ', document.createElement('input'))).toBe(false);
    key(' ');
    expect(p.playing).toBe(true);
    p.pause();
  });
});

describe('results charts', () => {
  it('draws every chart with uPlot and the operator timeline', () => {
    const scenario = exampleScenario();
    const results = computeResults(scenario, eventLog(scenario, { seed: 5 }));
    const target = document.body.appendChild(document.createElement('div'));
    target.style.width = '1000px';
    mounted.push(mount(ResultsCharts, { target, props: { results } }));
    flushSync();
    expect(target.querySelectorAll('.uplot').length).toBe(7);
    expect(target.querySelectorAll('canvas').length).toBeGreaterThanOrEqual(7);
    expect(target.querySelector('figure[aria-label^="Timeline"]')?.textContent).toContain(
      'Mitchell Admin',
    );
  });
});

describe('results KPIs (issue 9 §1)', () => {
  it('lead with the headline figures as shares of all visitors, and agree with the Outcomes chart', () => {
    // Few operators for the traffic, turning visitors away: "Service level 100%" must not lead.
    const scenario = exampleScenario();
    scenario.visitors[1].arrivalsPerHour = 6 * (scenario.visitors[1].arrivalsPerHour as number);
    const log = eventLog(scenario, { seed: 5 });
    const summary = summarize(scenario, log);
    expect(summary.unavailable).toBeGreaterThan(0);
    const target = document.body.appendChild(document.createElement('div'));
    target.style.width = '1000px';
    mounted.push(mount(Kpis, { target, props: { summary, analytic: null } }));
    const charts = document.body.appendChild(document.createElement('div'));
    mounted.push(
      mount(ResultsCharts, { target: charts, props: { results: computeResults(scenario, log) } }),
    );
    flushSync();
    const cards = [...target.querySelectorAll('.kpi')].map((c) => ({
      label: c.querySelector('.label')!.textContent!.trim(),
      value: c.querySelector('.value')!.textContent!.trim(),
      of: c.querySelector('.of')!.textContent!.trim(),
    }));
    const pct = (n: number) => `${((100 * n) / summary.visitors).toFixed(1)}%`;
    const answered = summary.served - summary.unanswered;
    expect(cards.slice(0, 5).map((c) => c.label)).toEqual([
      'Answered',
      `Answered within ${scenario.serviceLevelSeconds} s`,
      'Unanswered',
      'Abandoned',
      'Turned away (no available collaborator)',
    ]);
    expect(cards[0].value).toBe(`${answered} · ${pct(answered)}`);
    expect(cards[4].value).toBe(`${summary.unavailable} · ${pct(summary.unavailable)}`);
    for (const c of cards.slice(0, 5)) expect(c.of).toBe('of all visitors');
    const served = cards.find((c) => c.label === 'Served')!;
    expect(`${served.label} ${served.value}, ${served.of}`).toBe(
      `Served ${summary.served}, of which ${summary.unanswered} unanswered`,
    );
    expect(cards.find((c) => c.label.startsWith('Service level'))!.of).toBe(
      'of visitors not turned away',
    );
    const outcomes = charts.querySelector('figure[aria-label^="Outcomes"]')!;
    expect(outcomes.querySelector('figcaption')!.textContent).toBe(
      `Outcomes of ${summary.visitors} visitors · Served ${summary.served}, of which ${summary.unanswered} unanswered`,
    );
    expect(outcomes.getAttribute('aria-label')).toContain(
      `${answered} answered), ${summary.abandoned} abandoned, ${summary.unavailable} turned away`,
    );
  });
});

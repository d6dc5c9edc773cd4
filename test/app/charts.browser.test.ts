/**
 * The Results charts as uPlot draws them in real Chromium (issue 10 §2 "Charts read like charts"):
 * the tick labels each axis rendered are read back from the chart (Chart.svelte records what uPlot
 * asked it to write) and checked as a reader would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import '../../src/app/shared/app.css';
import { eventLog } from '../../src/sim/engine';
import { computeResults } from '../../src/app/trainer/results';
import { weekOffset } from '../../src/sim/format/time';
import ResultsCharts from '../../src/app/trainer/results/ResultsCharts.svelte';
import type { Scenario } from '../../src/sim/scenario/types';
import { exampleScenario } from '../sim/fixtures';

const mounted: Record<string, unknown>[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) unmount(m);
  document.body.innerHTML = '';
});

async function charts(scenario: Scenario, start: number | null = null, width = 1100) {
  const results = computeResults(scenario, eventLog(scenario, { seed: 3 }));
  const target = document.body.appendChild(document.createElement('div'));
  target.style.width = `${width}px`;
  mounted.push(mount(ResultsCharts, { target, props: { results, start } }));
  flushSync();
  // uPlot draws its axes after layout.
  for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
  const byTitle = new Map<string, DOMStringMap>();
  for (const fig of target.querySelectorAll('figure')) {
    const plot = fig.querySelector<HTMLElement>('.plot');
    if (plot) byTitle.set(fig.querySelector('figcaption')!.textContent!, plot.dataset);
  }
  const find = (prefix: string) => {
    const hit = [...byTitle].find(([title]) => title.startsWith(prefix));
    if (!hit) throw new Error(`no chart "${prefix}" in ${[...byTitle.keys()].join(', ')}`);
    return hit[1];
  };
  return { target, results, find };
}

const ticks = (d: DOMStringMap, axis: 'xTicks' | 'yTicks') => (d[axis] ?? '').split('|');

/** A busy two-day scenario: thousands of visitors, several operators. */
function twoDays(): Scenario {
  const s = exampleScenario();
  s.durationMinutes = 2 * 24 * 60;
  for (const v of s.visitors) if (typeof v.arrivalsPerHour === 'number') v.arrivalsPerHour *= 4;
  return s;
}

describe('results charts read like charts', async () => {
  it('time axes tick at round times and name the day on a two-day run', async () => {
    const { find } = await charts(twoDays());
    const x = ticks(find('Visitors waiting'), 'xTicks');
    expect(x.length).toBeGreaterThan(3);
    // hh:mm at a round quarter, with the day where it changes (d2 …), or whole days.
    for (const label of x) expect(label).toMatch(/^(d\d+ )?\d\d:(00|15|30|45)$|^d\d+$/);
    expect(x.some((l) => l.startsWith('d2'))).toBe(true);
    const hourly = ticks(find('Service level by hour'), 'xTicks');
    for (const label of hourly) expect(label).toMatch(/^(d\d+ )?\d\d:00$|^d\d+$/);
  });

  it('a week-long run with a start at Monday 08:00 ticks on midnights, labelled by weekday', async () => {
    const s = exampleScenario();
    s.durationMinutes = 7 * 24 * 60;
    const { find } = await charts(s, weekOffset({ weekday: 'monday', time: '08:00' }));
    const x = ticks(find('Visitors waiting'), 'xTicks');
    expect(x.length).toBeGreaterThan(2);
    for (const label of x)
      expect(label).toMatch(/^(w2 )?(Mon|Tue|Wed|Thu|Fri|Sat|Sun)( \d\d:00)?$/);
  });

  it('big counts have thousands separators and the y axis is wide enough for its labels', async () => {
    const { find, results } = await charts(twoDays());
    expect(results.served).toBeGreaterThan(1000);
    const outcomes = find('Outcomes');
    const y = ticks(outcomes, 'yTicks');
    expect(y.some((l) => /^\d{1,3}(,\d{3})+$/.test(l))).toBe(true);
    for (const l of y) expect(l).not.toMatch(/\d{4}/);
    const ctx = document.createElement('canvas').getContext('2d')!;
    for (const chart of [outcomes, find('Wait before assignment'), find('Visitors waiting')]) {
      ctx.font = chart.yFont!;
      const widest = Math.max(
        ...ticks(chart, 'yTicks').map((l) => ctx.measureText(l).width / devicePixelRatio),
      );
      expect(widest).toBeGreaterThan(0);
      expect(Number(chart.yAxisPx)).toBeGreaterThan(widest + 10);
    }
  });

  it('waits tick at round lengths written with units; counts never tick at fractions', async () => {
    const { find } = await charts(twoDays());
    const wait = find('Wait before assignment');
    for (const label of ticks(wait, 'xTicks'))
      expect(label).toMatch(/^(0 s|\d+ (s|min|h)|\d+ min 30 s)$/);
    for (const label of ticks(find('Visitors waiting'), 'yTicks'))
      expect(label).toMatch(/^\d{1,3}(,\d{3})*$/);
  });

  it('per-operator figures are bars on their own axis each: shares in %, open chats in chats', async () => {
    const { target, find } = await charts(twoDays());
    const busy = find('Share of the run each operator was busy');
    for (const label of ticks(busy, 'yTicks')) expect(label).toMatch(/%$/);
    const load = find('Mean open chats');
    for (const label of ticks(load, 'yTicks')) expect(label).not.toMatch(/%$/);
    expect(new Set(ticks(load, 'yTicks')).size).toBe(ticks(load, 'yTicks').length);
    // No chart has the old line series joining operator categories.
    expect(target.textContent).not.toContain('utilisation and load');
  });

  it('operator names are thinned, not overlapped, when many share a narrow axis', async () => {
    const s = twoDays();
    s.durationMinutes = 120;
    const base = s.operators[0];
    s.operators = Array.from({ length: 30 }, (_, i) => ({
      ...structuredClone(base),
      id: `op${i + 1}`,
      name: `Operator number ${i + 1}`,
    }));
    const { find } = await charts(s, null, 700);
    const x = ticks(find('Mean open chats'), 'xTicks');
    expect(x.length).toBeLessThan(30);
    expect(x.length).toBeGreaterThan(1);
  });
});

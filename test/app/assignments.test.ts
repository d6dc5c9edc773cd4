/**
 * Every assignment of a run can be listed, searched and explained: the compact assignment log,
 * the visitor picker's filter, and the worker job that recomputes an old assignment's reason.
 */
import { describe, expect, it } from 'vitest';
import { eventLog } from '../../src/sim/engine.ts';
import type { VisitorAssigned } from '../../src/sim/events.ts';
import { namesFor, visitorLabel } from '../../src/app/shared/names.ts';
import { AssignmentLog, pickVisitors } from '../../src/app/trainer/assignments.ts';
import { whyJob } from '../../src/workers/jobs.ts';
import type { WorkerResponse } from '../../src/workers/protocol.ts';
import { exampleScenario } from '../sim/fixtures.ts';

const scenario = exampleScenario();
const names = namesFor(scenario);
const assigned = eventLog(scenario, { seed: 3 }).filter(
  (e): e is VisitorAssigned => e.type === 'visitor.assigned',
);

describe('assignment log', () => {
  it('puts a visitor named in full before the others whose number starts the same', () => {
    const log = new AssignmentLog();
    for (let i = 1; i <= 120; i++)
      log.push({ t: i, visitor: `v${i}`, operator: 'marc', channel: 'website' });
    const found = log.search('#1', names, 3);
    expect(found.rows.map((r) => r.visitor)).toEqual(['v1', 'v120', 'v119']);
    expect(found.total).toBe(1 + 10 + 21);
  });

  it('keeps every assignment in order, past its first typed-array size', () => {
    const log = new AssignmentLog();
    for (let i = 0; i < 3000; i++)
      log.push({ t: i / 8, visitor: `v${i}`, operator: 'marc', channel: 'website' });
    expect(log.length).toBe(3000);
    expect(log.at(2999)).toEqual({
      index: 2999,
      t: 2999 / 8,
      visitor: 'v2999',
      operator: 'marc',
      channel: 'website',
    });
    expect(log.at(3000)).toBeUndefined();
    log.clear();
    expect(log.length).toBe(0);
  });

  it('lists the newest first, and a search finds old ones by visitor or operator name', () => {
    expect(assigned.length).toBeGreaterThan(5);
    const log = new AssignmentLog();
    for (const e of assigned) log.push(e);
    const newest = log.search('', names, 5);
    expect(newest.total).toBe(assigned.length);
    expect(newest.rows.map((r) => r.visitor)).toEqual(
      assigned
        .slice(-5)
        .reverse()
        .map((e) => e.visitor),
    );
    const first = assigned[0];
    const byVisitor = log.search(visitorLabel(first.visitor).toUpperCase(), names, 5);
    expect(byVisitor.rows[0].index).toBe(0);
    const op = names.operator(first.operator);
    const byOperator = log.search(op.toLowerCase(), names, 1000);
    expect(byOperator.total).toBe(assigned.filter((e) => e.operator === first.operator).length);
    expect(byOperator.rows.every((r) => r.operator === first.operator)).toBe(true);
    // Only the first `count` rows count: the list shows what the board has published.
    expect(log.search('', names, 5, 2).rows.map((r) => r.index)).toEqual([1, 0]);
  });
});

describe('visitor picker', () => {
  const ids = Array.from({ length: 200 }, (_, i) => `v${i + 1}`);

  it('offers every visitor in flight: typing a number narrows to it', () => {
    const all = pickVisitors(ids, '', visitorLabel, 30, null);
    expect(all.ids).toHaveLength(30);
    expect(all.total).toBe(200);
    expect(pickVisitors(ids, '#187', visitorLabel, 30, null).ids).toEqual(['v187']);
    expect(pickVisitors(ids, '150', visitorLabel, 30, null).ids).toEqual(['v150']);
  });

  it('keeps the selected visitor among the options, unless it left', () => {
    const kept = pickVisitors(ids, '#187', visitorLabel, 30, 'v3');
    expect(kept.ids).toEqual(['v3', 'v187']);
    expect(kept.first).toBe('v187');
    expect(pickVisitors(ids, '#187', visitorLabel, 30, 'v999').ids).toEqual(['v187']);
  });
});

describe('why of an old assignment', () => {
  it('is recomputed by replay with the same reason the run gave', () => {
    for (const e of [assigned[0], assigned[assigned.length - 1]]) {
      const posts: WorkerResponse[] = [];
      whyJob({ kind: 'why', scenario, seed: 3, visitor: e.visitor, t: e.t }, (m) => posts.push(m));
      expect(posts).toEqual([{ kind: 'why-done', event: e }]);
    }
  });

  it('answers null for an assignment that never happened', () => {
    const posts: WorkerResponse[] = [];
    whyJob({ kind: 'why', scenario, seed: 3, visitor: 'v-none', t: 60 }, (m) => posts.push(m));
    expect(posts).toEqual([{ kind: 'why-done', event: null }]);
  });
});

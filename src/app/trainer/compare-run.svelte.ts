import { POLICY_NAMES, type Scenario } from '../../sim/scenario/types';
import { getSetting, setSetting } from '../../store/settings';
import { CancelledError, startJob, type Job } from '../../workers/client';
import type { CompareArm, FigureKey, ReplicationFigures } from '../../workers/protocol';
import { meanCI, pairedDifference, type Better, type Interval } from './compare-stats';

export type VariantKind = 'timeout' | 'effect' | 'whenNoOperator' | 'maxSessions';
export const VARIANTS: { id: VariantKind; label: string }[] = [
  { id: 'timeout', label: 'Inactivity timeout (minutes)' },
  { id: 'effect', label: 'Inactivity effect' },
  { id: 'whenNoOperator', label: 'When no operator is available' },
  { id: 'maxSessions', label: 'Max sessions (every channel)' },
];

export const FIGURES: {
  key: FigureKey;
  label: string;
  format: 'pct' | 'seconds' | 'count';
  better: Better;
}[] = [
  // The figure to decide from first: it counts every visitor, turned away ones included.
  {
    key: 'answeredWithinTarget',
    label: 'Answered within target (of all visitors)',
    format: 'pct',
    better: 'higher',
  },
  {
    key: 'serviceLevel',
    label: 'Service level (of visitors not turned away)',
    format: 'pct',
    better: 'higher',
  },
  { key: 'meanWaitSeconds', label: 'Mean wait', format: 'seconds', better: 'lower' },
  { key: 'served', label: 'Served', format: 'count', better: 'higher' },
  { key: 'abandoned', label: 'Abandoned', format: 'count', better: 'lower' },
  { key: 'unavailable', label: 'No available collaborator', format: 'count', better: 'lower' },
  { key: 'unanswered', label: 'Unanswered', format: 'count', better: 'lower' },
  { key: 'languageMatch', label: 'Language match', format: 'pct', better: 'higher' },
  // Busier operators are not better for the visitor in themselves: shown, never coloured green.
  { key: 'utilisation', label: 'Operator utilisation', format: 'pct', better: 'neither' },
];

export interface CompareRow {
  key: FigureKey;
  label: string;
  format: 'pct' | 'seconds' | 'count';
  better: Better;
  arms: Interval[];
  /** Arm i minus arm 0, paired by seed; null for arm 0. */
  diffs: (Interval | null)[];
}

export interface CompareOutcome {
  labels: string[];
  replications: number;
  seed: number;
  rows: CompareRow[];
}

/** Builds the arms of a comparison from the base scenario. */
export function buildArms(
  base: Scenario,
  mode: 'policies' | 'variant',
  policies: readonly string[],
  variant: VariantKind,
  values: readonly [string, string],
): CompareArm[] {
  if (mode === 'policies')
    return policies.map((policy) => ({ label: policy, scenario: { ...base, policy } }));
  return values.map((raw) => {
    const s: Scenario = structuredClone(base);
    switch (variant) {
      case 'timeout':
        s.inactivity = { ...s.inactivity, timeoutMinutes: Number(raw) };
        return { label: `timeout ${raw} min`, scenario: s };
      case 'effect':
        s.inactivity = { ...s.inactivity, effect: raw as Scenario['inactivity']['effect'] };
        return { label: `effect ${raw}`, scenario: s };
      case 'whenNoOperator':
        s.whenNoOperator = raw as Scenario['whenNoOperator'];
        return { label: raw, scenario: s };
      case 'maxSessions':
        s.channels = s.channels.map((c) => ({
          ...c,
          maxSessions: raw === '' ? null : Number(raw),
        }));
        return { label: `max ${raw === '' ? 'unlimited' : raw} sessions`, scenario: s };
    }
  });
}

export function outcomeOf(
  labels: string[],
  reps: ReplicationFigures[][],
  seed: number,
): CompareOutcome {
  const rows = FIGURES.map((f) => {
    const series = reps.map((r) => r.map((x) => x[f.key]));
    return {
      ...f,
      arms: series.map((s) => meanCI(s)),
      diffs: series.map((s, i) => (i === 0 ? null : pairedDifference(series[0], s))),
    };
  });
  return { labels, replications: reps[0]?.length ?? 0, seed, rows };
}

/** The Compare tab: 2–4 policies, or two variants, on the same visitor streams. */
export class CompareRun {
  mode = $state<'policies' | 'variant'>('policies');
  policies = $state<string[]>(['odoo', 'balanced']);
  variant = $state<VariantKind>('timeout');
  values = $state<[string, string]>(['30', '10']);
  replications = $state(10);
  status = $state<'idle' | 'running' | 'done' | 'error'>('idle');
  progress = $state(0);
  progressLabel = $state('');
  error = $state('');
  outcome = $state.raw<CompareOutcome | null>(null);

  #job: Job<{
    kind: 'compare-done';
    arms: { label: string; replications: ReplicationFigures[] }[];
  }> | null = null;

  readonly allPolicies = POLICY_NAMES;

  /** The last comparison of each scenario survives a reload (settings key per scenario). */
  static key = (scenarioId: string) => `trainer.compare.${scenarioId}`;

  async restore(scenarioId: string | null): Promise<void> {
    this.cancel();
    const saved = scenarioId
      ? await getSetting<{
          outcome: CompareOutcome;
          mode: 'policies' | 'variant';
          policies: string[];
        } | null>(CompareRun.key(scenarioId), null).catch(() => null)
      : null;
    this.outcome = saved?.outcome ?? null;
    this.status = saved ? 'done' : 'idle';
    if (saved) {
      this.mode = saved.mode;
      this.policies = saved.policies;
    }
  }

  togglePolicy(name: string): void {
    this.policies = this.policies.includes(name)
      ? this.policies.filter((p) => p !== name)
      : [...this.policies, name].slice(0, 4);
  }

  get canRun(): boolean {
    return this.mode === 'variant' || (this.policies.length >= 2 && this.policies.length <= 4);
  }

  async start(base: Scenario, scenarioId: string | null = null): Promise<void> {
    this.cancel();
    const arms = buildArms(base, this.mode, this.policies, this.variant, this.values);
    this.status = 'running';
    this.progress = 0;
    this.error = '';
    const job = startJob<{
      kind: 'compare-done';
      arms: { label: string; replications: ReplicationFigures[] }[];
    }>({ kind: 'compare', arms, replications: this.replications, seed: base.seed }, (f, label) => {
      this.progress = f;
      this.progressLabel = label ?? '';
    });
    this.#job = job;
    try {
      const done = await job.result;
      this.outcome = outcomeOf(
        done.arms.map((a) => a.label),
        done.arms.map((a) => a.replications),
        base.seed,
      );
      this.status = 'done';
      if (scenarioId) {
        const saved = { outcome: this.outcome, mode: this.mode, policies: [...this.policies] };
        await setSetting(CompareRun.key(scenarioId), saved).catch(() => undefined);
      }
    } catch (err) {
      if (err instanceof CancelledError) {
        this.status = this.outcome ? 'done' : 'idle';
        return;
      }
      this.status = 'error';
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.#job = null;
    }
  }

  cancel(): void {
    this.#job?.cancel();
    this.#job = null;
  }
}

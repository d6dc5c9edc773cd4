/**
 * The practice console's page state: set up an attempt (trainee, practice scenario, speed), run it,
 * then show the debrief and save the attempt for the trainee. Storage goes through src/store only.
 */
import {
  appendRunEvents,
  createRun,
  finishRun,
  createTrainee,
  deleteCannedResponse,
  exportAttemptsCsv,
  listAttempts,
  listCannedResponses,
  listScenarios,
  listTrainees,
  recordAttempt,
  saveCannedResponse,
  seedCannedResponses,
  deleteUnfinishedAttempt,
  listUnfinishedAttempts,
  saveUnfinishedAttempt,
  askPersistentStorage,
  beforeUpgradeElsewhere,
  type AttemptRecord,
  type TraineeRecord,
  type UnfinishedAttemptRecord,
} from '../../store';
import { newId } from '../../store/ids';
import { DEFAULT_CANNED_RESPONSES, type CannedResponse } from '../../sim/training/commands';
import {
  debriefTimeline,
  debriefTranscripts,
  type DebriefEntry,
  type Transcript,
} from '../../sim/training/debrief';
import {
  PRACTICE_SCENARIOS,
  practiceScenario,
  traineeSeats,
  TRAINEE_SEAT,
} from '../../sim/training/practice-scenarios';
import type { Scenario } from '../../sim/scenario/types';
import type { AttemptScore } from '../../sim/training/scoring';
import { Attempt } from './attempt.svelte';
import type { HumanInput } from '../../sim/engine';
import { summarize } from '../../sim/metrics';
import type { TrainingSession } from '../../sim/training/session';

export type Phase = 'setup' | 'running' | 'debrief';

export interface Debrief {
  score: AttemptScore;
  timeline: DebriefEntry[];
  /** Each conversation's messages and how it ended (with the reason for its rating). */
  transcripts: Transcript[];
  scenarioName: string;
  saved: boolean;
  error: string | null;
}

/** The figures stored with an attempt (and exported as CSV columns). */
export function attemptMetrics(s: AttemptScore): Record<string, number | null> {
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    firstResponseSeconds: round(s.firstResponseMean),
    meanResponseSeconds: round(s.meanResponse),
    chatsAssigned: s.chatsAssigned,
    chatsHandled: s.chatsHandled,
    leftUnanswered: s.leftUnanswered,
    answersInLanguage: s.answersInLanguage,
    answersOtherLanguage: s.answersOtherLanguage,
    ratingHappy: s.ratings.happy,
    ratingNeutral: s.ratings.neutral,
    ratingUnhappy: s.ratings.unhappy,
    disconnections: s.disconnections,
    disconnectedSeconds: Math.round(s.disconnectedSeconds),
  };
}

/** A scenario from the trainer's library with an operator whose activity is `trainee`. */
export interface StoredPractice {
  id: string;
  title: string;
  brief: string;
  scenario: Scenario;
  seat: string;
}

const lockName = (attemptId: string) => `livechat-sandbox:${attemptId}`;

export class PracticeConsole {
  phase = $state<Phase>('setup');
  trainees = $state<TraineeRecord[]>([]);
  traineeId = $state<string>('');
  scenarioId = $state<string>(PRACTICE_SCENARIOS[0].id);
  /** Speed allowed during quiet periods (1 = no speed-up: real time throughout). */
  quietSpeed = $state(1);
  alwaysFast = $state(false);
  customQuestions = $state('');
  canned = $state<CannedResponse[]>([]);
  attempts = $state<AttemptRecord[]>([]);
  stored = $state<StoredPractice[]>([]);
  attempt = $state<Attempt | null>(null);
  debrief = $state<Debrief | null>(null);
  error = $state<string | null>(null);
  /** Attempts a reload, a closed tab or a crash interrupted: offered to resume or to score. */
  unfinished = $state<UnfinishedAttemptRecord[]>([]);

  /** The stored form of the attempt being played (its inputs are written as they happen). */
  #record: UnfinishedAttemptRecord | null = null;
  #keepTimer: ReturnType<typeof setInterval> | null = null;
  #keptKey = '';
  #releaseLock: (() => void) | null = null;

  /** Stops the console's own timers and hooks (the component is gone). */
  dispose(): void {
    this.attempt?.stop();
    this.#stopKeeping();
    this.#stopFlushing();
  }

  #stopFlushing: () => void = () => undefined;

  async load(): Promise<void> {
    this.#stopFlushing = beforeUpgradeElsewhere(() => this.keep());
    try {
      await seedCannedResponses(
        DEFAULT_CANNED_RESPONSES.map((c) => ({ shortcut: c.shortcut, text: c.substitution })),
      );
      await Promise.all([
        this.refreshTrainees(),
        this.refreshCanned(),
        this.refreshAttempts(),
        this.refreshStored(),
        this.refreshUnfinished(),
      ]);
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  async refreshTrainees() {
    this.trainees = await listTrainees();
    if (!this.trainees.some((t) => t.id === this.traineeId))
      this.traineeId = this.trainees[0]?.id ?? '';
  }

  async refreshCanned() {
    this.canned = (await listCannedResponses()).map((r) => ({
      shortcut: r.shortcut,
      substitution: r.text,
    }));
  }

  /** Scenarios from the trainer's library (built-in or their own) that have a trainee seat. */
  async refreshStored() {
    const records = await listScenarios();
    this.stored = records.flatMap((r) => {
      const seat = traineeSeats(r.scenario)[0];
      if (!seat) return [];
      const op = r.scenario.operators.find((o) => o.id === seat)!;
      return [
        {
          id: `stored:${r.id}`,
          title: r.name,
          brief: `From the scenario library: you take ${op.name}'s seat.`,
          scenario: r.scenario,
          seat,
        },
      ];
    });
  }

  /** Interrupted attempts, except those still playing in another tab (it holds their lock). */
  async refreshUnfinished() {
    // A local lookup, not state.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const held = new Set(((await navigator.locks?.query?.())?.held ?? []).map((l) => l.name ?? ''));
    this.unfinished = (await listUnfinishedAttempts()).filter((a) => !held.has(lockName(a.id)));
  }

  async refreshAttempts() {
    this.attempts = await listAttempts();
  }

  async addTrainee(name: string): Promise<void> {
    try {
      this.traineeId = await createTrainee(name);
      void askPersistentStorage();
      await this.refreshTrainees();
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  async saveCanned(shortcut: string, text: string): Promise<string | null> {
    try {
      await saveCannedResponse(shortcut, text);
      await this.refreshCanned();
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  async deleteCanned(shortcut: string): Promise<void> {
    await deleteCannedResponse(shortcut);
    await this.refreshCanned();
  }

  start(): void {
    const stored = this.stored.find((s) => s.id === this.scenarioId);
    const scenario = stored ? stored.scenario : practiceScenario(this.scenarioId);
    const now = Date.now();
    this.#play({
      id: newId('attempt'),
      traineeId: this.traineeId,
      choice: this.scenarioId,
      scenario,
      seat: stored ? stored.seat : TRAINEE_SEAT,
      seed: scenario.seed,
      speed: { base: 1, quiet: this.quietSpeed },
      alwaysFast: this.alwaysFast && this.quietSpeed > 1,
      customQuestions: this.customQuestions
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
      inputs: [],
      engineInputs: [],
      simT: 0,
      view: {
        app: 'discuss',
        windows: [],
        discussSelected: null,
        answerLang: {},
        dismissedNotices: 0,
      },
      createdAt: now,
      updatedAt: now,
    });
  }

  /** Picks up an interrupted attempt where it stopped (replayed to the same simulated moment). */
  resume(record: UnfinishedAttemptRecord): void {
    this.traineeId = record.traineeId;
    this.#play(record, true);
  }

  /** Ends an interrupted attempt where it stopped and scores it, as Leave would have. */
  async endAndScore(record: UnfinishedAttemptRecord): Promise<void> {
    this.traineeId = record.traineeId;
    this.#play(record, true);
    await this.finish();
  }

  #attemptFor(record: UnfinishedAttemptRecord, resume: boolean): Attempt {
    return new Attempt({
      scenario: record.scenario,
      trainee: record.seat,
      speed: record.speed,
      alwaysFast: record.alwaysFast,
      customQuestions: record.customQuestions,
      canned: () => this.canned,
      resume: resume ? { inputs: record.inputs, simT: record.simT, view: record.view } : undefined,
    });
  }

  #play(record: UnfinishedAttemptRecord, resume = false): void {
    const attempt = this.#attemptFor(record, resume);
    this.attempt = attempt;
    this.#record = record;
    this.#keptKey = '';
    this.unfinished = this.unfinished.filter((a) => a.id !== record.id);
    this.debrief = null;
    this.phase = 'running';
    attempt.start();
    this.#holdLock(record.id);
    // Throttled: at most one write a second, and only when something changed.
    this.#keepTimer = setInterval(() => void this.keep(), 1000);
    void this.keep();
  }

  /**
   * Writes the attempt's inputs so far (and where the console is), so a reload, a closed tab or
   * a crash loses at most the last second. Called every second while playing and when the page
   * is hidden or closed.
   */
  async keep(): Promise<void> {
    const attempt = this.attempt;
    const record = this.#record;
    if (!attempt || !record || attempt.finished) return;
    const s = attempt.session;
    const view = attempt.view;
    const key = JSON.stringify([s.inputs.length, Math.floor(s.now), view]);
    if (key === this.#keptKey) return;
    this.#keptKey = key;
    Object.assign(record, {
      inputs: s.inputs.slice(),
      engineInputs: s.engineInputs() as HumanInput[],
      simT: s.now,
      view,
      updatedAt: Date.now(),
    });
    try {
      await saveUnfinishedAttempt(record);
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** While this tab plays an attempt, other tabs do not offer to resume it (Web Locks). */
  #holdLock(id: string): void {
    this.#releaseLock?.();
    this.#releaseLock = null;
    if (!navigator.locks?.request) return;
    void navigator.locks
      .request(lockName(id), () => new Promise<void>((done) => (this.#releaseLock = done)))
      .catch(() => undefined);
  }

  /** Stops writing the attempt in progress (it is over). */
  #stopKeeping(): void {
    if (this.#keepTimer !== null) clearInterval(this.#keepTimer);
    this.#keepTimer = null;
    this.#releaseLock?.();
    this.#releaseLock = null;
  }

  /** Whether leaving the page now would interrupt an attempt (the page then asks first). */
  get playing(): boolean {
    return this.phase === 'running' && !!this.attempt && !this.attempt.finished;
  }

  async finish(): Promise<void> {
    const attempt = this.attempt;
    if (!attempt) return;
    const score = attempt.finish();
    this.#stopKeeping();
    const record = this.#record;
    this.#record = null;
    const s = attempt.session;
    const timeline = debriefTimeline({
      trainee: s.trainee,
      events: s.events,
      conversations: s.conversations,
      penalties: score.penalties,
      channelName: (id) => s.scenario.channels.find((c) => c.id === id)?.name ?? id,
    });
    this.debrief = {
      score,
      timeline,
      transcripts: debriefTranscripts(s.conversations),
      scenarioName: s.scenario.name,
      saved: false,
      error: null,
    };
    this.phase = 'debrief';
    if (!this.traineeId) {
      if (record) await deleteUnfinishedAttempt(record.id).catch(() => undefined);
      return;
    }
    try {
      const runId = await this.saveRun(s, score);
      await recordAttempt({
        traineeId: this.traineeId,
        runId,
        scenarioName: s.scenario.name,
        score: score.score,
        metrics: attemptMetrics(score),
      });
      // Scored and saved: no longer an attempt to resume.
      if (record) await deleteUnfinishedAttempt(record.id);
      void askPersistentStorage();
      this.debrief = { ...this.debrief, saved: true };
      await this.refreshAttempts();
    } catch (e) {
      this.debrief = { ...this.debrief, error: (e as Error).message };
    }
  }

  /**
   * Stores the attempt as a run: scenario, seed and the engine's inputs replay its event log in the
   * engine alone (the trainer page can open it); the summary keeps the trainee's own inputs (typed
   * messages included), from which `replayAttempt` rebuilds the conversations. A storage failure
   * here does not lose the score: the attempt is then saved without its run.
   */
  private async saveRun(s: TrainingSession, score: AttemptScore): Promise<string | null> {
    try {
      const trainee = this.trainees.find((t) => t.id === this.traineeId)?.name ?? 'trainee';
      const runId = await createRun({
        scenario: s.scenario,
        seed: s.seed,
        inputs: s.engineInputs() as HumanInput[],
        label: `Practice · ${trainee}`,
      });
      await appendRunEvents(runId, s.events);
      await finishRun(runId, {
        ...summarize(s.scenario, s.events),
        kind: 'practice',
        trainee: s.trainee,
        endedAt: s.endedAt,
        inputs: s.inputs,
        score: { ...score, penalties: score.penalties.length },
      });
      return runId;
    } catch {
      return null;
    }
  }

  backToSetup(): void {
    this.attempt?.stop();
    this.#stopKeeping();
    this.attempt = null;
    this.phase = 'setup';
  }

  /** Downloads every attempt (or one trainee's) as CSV. */
  async exportCsv(traineeId?: string): Promise<void> {
    const csv = await exportAttemptsCsv(traineeId);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'practice-attempts.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

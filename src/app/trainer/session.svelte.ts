import { untrack } from 'svelte';
import { OdooImport } from './traffic/odoo-import.svelte';
import { formatErrors, parseScenario, parseScenarioText } from '../../sim/scenario/validate';
import type { Scenario } from '../../sim/scenario/types';
import type { ScenarioRecord } from '../../store/db';
import {
  deleteScenario,
  duplicateScenario,
  getScenario,
  listScenarios,
  liveScenarios,
  renameScenario,
  restoreScenario,
  saveScenario,
  seedLibrary,
  type LibraryEntry,
  type SavedScenario,
} from '../../store/scenarios';
import { askPersistentStorage } from '../../store/quota';
import { beforeUpgradeElsewhere } from '../../store/db';
import { getSetting, setSetting } from '../../store/settings';
import { blankScenario, cleanDraft, fileNameFor, indexErrors } from './draft';
import { DEFAULT_LIBRARY_FILE, fetchLibrary } from './library';
import { Playback } from './playback.svelte';
import { ResultsRun } from './results-run.svelte';
import { CompareRun } from './compare-run.svelte';
import { SweepSession } from './sweep-run.svelte';

export type Tab = 'design' | 'run' | 'results' | 'compare' | 'sweep';
export const TABS: { id: Tab; label: string }[] = [
  { id: 'design', label: 'Design' },
  { id: 'run', label: 'Run' },
  { id: 'results', label: 'Results' },
  { id: 'compare', label: 'Compare' },
  { id: 'sweep', label: 'Sweep' },
];

/** What a reload brings back, beyond the scenarios and runs themselves. */
interface SavedState {
  currentId: string | null;
  tab: Tab;
  seed: number;
  t: number;
  speedIndex: number;
}
const STATE_KEY = 'trainer.state';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
  details?: string[];
  /** A button beside the text, e.g. Undo after a delete. */
  action?: { label: string; run: () => void };
}

/** A shipped scenario as the store will hold it (`seedLibrary` uses the same id). */
const libraryRecord = ({ file, scenario }: LibraryEntry): ScenarioRecord => ({
  id: `library:${file}`,
  name: scenario.name,
  source: 'library',
  scenario,
  libraryFile: file,
  createdAt: 0,
  updatedAt: 0,
});

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The trainer page's state: the scenario library, the scenario being edited (validated as you
 * type), the live run, the results and the comparison. Components read it and call its methods.
 */
export class TrainerSession {
  /** Importing Odoo's Sessions report (issue 8): mapping step, preview, and the report's figures. */
  readonly odooImport = new OdooImport((scenario, from, extra) =>
    this.addImported(scenario, from, extra),
  );
  records = $state.raw<ScenarioRecord[]>([]);
  currentId = $state<string | null>(null);
  draft = $state<Scenario>(blankScenario());
  tab = $state<Tab>('run');
  notice = $state.raw<Notice | null>(null);
  ready = $state(false);

  readonly playback = new Playback();
  readonly results = new ResultsRun();
  readonly compare = new CompareRun();
  readonly sweep = new SweepSession();

  validation = $derived(parseScenario(cleanDraft($state.snapshot(this.draft) as Scenario)));
  // A fresh, never-mutated map per validation: plain Map is right here.
  errors = $derived(
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.validation.ok ? new Map<string, string[]>() : indexErrors(this.validation.errors),
  );
  errorLines = $derived(this.validation.ok ? [] : formatErrors(this.validation.errors));
  /** The scenario as the engine sees it, or null while the draft has problems. */
  scenario = $derived(this.validation.ok ? this.validation.scenario : null);
  current = $derived(this.records.find((r) => r.id === this.currentId) ?? null);

  #lastValid: Scenario | null = null;
  /** The stored revision the draft started from: a save based on an older one is kept as a copy. */
  #revision = 0;
  #loadedKey = '';
  #savedKey = '';
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #stateTimer: ReturnType<typeof setTimeout> | undefined;
  #unsubscribe: (() => void) | null = null;

  /** Seeds the library, subscribes to the scenario list and restores the last session. */
  async init(): Promise<void> {
    const library = fetchLibrary().catch(() => []);
    try {
      const [saved, stored] = await Promise.all([
        getSetting<SavedState | null>(STATE_KEY, null),
        listScenarios(),
      ]);
      // First visit: show the shipped library at once; storing it finishes behind (same ids).
      const list =
        stored.length > 0
          ? stored
          : (await library).map(libraryRecord).sort((a, b) => a.name.localeCompare(b.name));
      this.records = list;
      const pick =
        list.find((r) => r.id === saved?.currentId) ??
        list.find((r) => r.libraryFile === DEFAULT_LIBRARY_FILE) ??
        list[0];
      if (pick) this.select(pick.id, saved ?? undefined);
      else this.#loadDraft(blankScenario(), null);
      if (saved) {
        this.tab = saved.tab;
        this.playback.speedIndex = saved.speedIndex;
      }
      this.ready = true;
      const entries = await library;
      if (entries.length) await seedLibrary(entries);
      const sub = liveScenarios().subscribe({
        next: (records) => this.#received(records),
        error: (err) => this.fail(err),
      });
      const stopFlushing = beforeUpgradeElsewhere(() => this.flush());
      this.#unsubscribe = () => {
        sub.unsubscribe();
        stopFlushing();
      };
    } catch (err) {
      // Storage refused (blocked, full, newer version): say so, and still open the shipped library.
      this.fail(err);
      if (!this.ready) {
        this.records = (await library).map(libraryRecord);
        const guide =
          this.records.find((r) => r.libraryFile === DEFAULT_LIBRARY_FILE) ?? this.records[0];
        if (guide) this.select(guide.id);
        else this.#loadDraft(blankScenario(), null);
      }
      this.ready = true;
    }
  }

  /**
   * The stored list changed (here or in another tab). When another tab saved the scenario open
   * here and this tab has no unsaved change of it, the newer version shows at once; with unsaved
   * changes, this tab's next save finds the newer revision and keeps its version as a copy.
   */
  #received(records: ScenarioRecord[]): void {
    this.records = records;
    const record = records.find((r) => r.id === this.currentId);
    if (!record || (record.revision ?? 0) <= this.#revision) return;
    const unsaved =
      this.#saveTimer !== undefined ||
      JSON.stringify($state.snapshot(this.draft)) !== this.#savedKey;
    if (unsaved) return;
    this.#open(record);
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.playback.dispose();
    this.sweep.dispose();
    clearTimeout(this.#saveTimer);
  }

  /** The notice's button (e.g. Undo): the notice goes, its action runs. */
  runNoticeAction(): void {
    const action = this.notice?.action;
    this.notice = null;
    action?.run();
  }

  fail(err: unknown, details?: string[]): void {
    this.notice = { kind: 'error', text: message(err), details };
  }

  /** Opens a stored scenario; `resume` replays a run in progress to where it was. */
  select(id: string, resume?: SavedState): void {
    // Choosing the scenario already open keeps its run where it is (it used to restart it).
    if (id === this.currentId && !resume) return;
    const record = this.records.find((r) => r.id === id);
    if (!record) return;
    this.#open(record);
    if (resume && resume.currentId === id && this.scenario) {
      this.playback.load(this.scenario, resume.seed);
      if (resume.t > 0) this.playback.seek(resume.t);
    }
    this.persistState();
  }

  /** Loads a stored scenario into the editor (its draft text when it has one). */
  #open(record: ScenarioRecord): void {
    let draft = record.scenario;
    if (record.draft !== undefined) {
      try {
        draft = JSON.parse(record.draft) as Scenario;
      } catch {
        // An unreadable draft falls back on the last valid scenario.
      }
    }
    this.#loadDraft(draft, record.id, record.scenario);
    this.#revision = record.revision ?? 0;
  }

  #loadDraft(draft: Scenario, id: string | null, lastValid?: Scenario): void {
    this.currentId = id;
    this.draft = structuredClone(draft);
    this.#savedKey = JSON.stringify(draft);
    this.#lastValid = lastValid ?? null;
    const parsed = parseScenario(cleanDraft(draft));
    if (parsed.ok) this.#loadRun(parsed.scenario);
  }

  #loadRun(scenario: Scenario): void {
    this.#lastValid = scenario;
    this.#loadedKey = JSON.stringify(scenario);
    this.playback.load(scenario, scenario.seed);
  }

  /** Called whenever the draft changes: reloads the board and schedules an autosave. */
  draftChanged(): void {
    const scenario = this.scenario;
    const snapshot = $state.snapshot(this.draft) as Scenario;
    const key = JSON.stringify(snapshot);
    // Nothing to save before the stored scenario is open (the blank draft is a placeholder).
    if (!this.ready) return;
    untrack(() => {
      if (scenario) {
        const runKey = JSON.stringify(scenario);
        if (runKey !== this.#loadedKey) this.#loadRun(scenario);
      }
      // Typing back to what is saved cancels a pending save of the intermediate text.
      clearTimeout(this.#saveTimer);
      this.#saveTimer = undefined;
      if (key === this.#savedKey) return;
      const id = this.currentId;
      this.#saveTimer = setTimeout(() => void this.#save(snapshot, key, id), 400);
    });
  }

  /**
   * Saves `snapshot` as scenario `id` (null: a new one), unless another scenario was opened since.
   * An edit of a library scenario, or of a scenario another tab changed since this tab loaded it,
   * is saved as the user's own copy, which the editor then continues on.
   */
  async #save(snapshot: Scenario, key: string, id: string | null): Promise<void> {
    this.#saveTimer = undefined;
    if (id !== this.currentId) return;
    const parsed = parseScenario(cleanDraft(snapshot));
    const valid = parsed.ok ? parsed.scenario : this.#lastValid;
    if (!valid) return;
    const before = this.current;
    try {
      const saved = await saveScenario({
        id: id ?? undefined,
        scenario: valid,
        draft: parsed.ok ? undefined : JSON.stringify(snapshot),
        revision: this.#revision,
      });
      if (id !== this.currentId) return;
      this.#revision = saved.revision;
      if (saved.id !== id) await this.#moveTo(saved, before?.name ?? snapshot.name);
      // A copy may be named otherwise than the draft: what is saved is the draft so renamed.
      this.#savedKey =
        saved.name === snapshot.name ? key : JSON.stringify({ ...snapshot, name: saved.name });
      void askPersistentStorage();
    } catch (err) {
      this.fail(err);
    }
  }

  /** The editor continues on the copy a save made (see {@link #save}) and says why. */
  async #moveTo(saved: SavedScenario, from: string): Promise<void> {
    const record = await getScenario(saved.id);
    if (record) this.records = [...this.records.filter((r) => r.id !== saved.id), record];
    this.currentId = saved.id;
    if (this.draft.name !== saved.name) this.draft.name = saved.name;
    this.persistState(true);
    if (saved.copied === 'library') {
      this.notice = {
        kind: 'info',
        text: `Your changes are saved as “${saved.name}” in My scenarios: the library’s “${from}” stays as shipped.`,
      };
    } else if (saved.copied === 'stale') {
      this.notice = {
        kind: 'info',
        text: `“${from}” was changed in another tab since this tab opened it. Your version is saved as “${saved.name}”, so neither is lost.`,
      };
    }
  }

  /** Saves where the trainer is (scenario, tab, run position), throttled. */
  persistState(immediate = false): void {
    const write = () => {
      const state: SavedState = {
        currentId: this.currentId,
        tab: this.tab,
        seed: this.playback.seed,
        t: this.playback.now,
        speedIndex: this.playback.speedIndex,
      };
      setSetting(STATE_KEY, state).catch((err) => this.fail(err));
    };
    // A choice (tab, scenario, speed) is written at once: a reload may follow right away.
    if (immediate) return write();
    // The run position is throttled, not debounced: while playing this is called every frame.
    if (this.#stateTimer !== undefined) return;
    this.#stateTimer = setTimeout(() => {
      this.#stateTimer = undefined;
      write();
    }, 300);
  }

  async create(): Promise<void> {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
    const names = new Set(this.records.map((r) => r.name));
    let name = 'New scenario';
    for (let i = 2; names.has(name); i++) name = `New scenario ${i}`;
    const scenario = blankScenario(name);
    try {
      const { id, revision } = await saveScenario({ scenario });
      this.records = [
        ...this.records.filter((r) => r.id !== id),
        { id, name, source: 'user', scenario, revision, createdAt: 0, updatedAt: 0 },
      ];
      this.select(id);
      this.tab = 'design';
    } catch (err) {
      this.fail(err);
    }
  }

  async duplicate(): Promise<void> {
    if (!this.currentId) return;
    try {
      await this.flush();
      const id = await duplicateScenario(this.currentId);
      const record = await getScenario(id);
      if (record) this.records = [...this.records.filter((r) => r.id !== id), record];
      this.select(id);
    } catch (err) {
      this.fail(err);
    }
  }

  async rename(name: string): Promise<void> {
    if (!this.currentId) return;
    try {
      this.#revision = await renameScenario(this.currentId, name);
      this.draft.name = name.trim();
      this.#savedKey = JSON.stringify($state.snapshot(this.draft));
    } catch (err) {
      this.fail(err);
    }
  }

  /** Deletes the user's scenario open now; the notice offers Undo. */
  async remove(): Promise<void> {
    if (!this.currentId) return;
    const id = this.currentId;
    try {
      await this.flush();
      const deleted = await deleteScenario(id);
      this.records = this.records.filter((r) => r.id !== id);
      const next =
        this.records.find((r) => r.libraryFile === DEFAULT_LIBRARY_FILE) ?? this.records[0];
      if (next) this.select(next.id);
      else this.#loadDraft(blankScenario(), null);
      if (deleted) {
        this.notice = {
          kind: 'info',
          text: `Deleted “${deleted.name}”. Its runs stay.`,
          action: { label: 'Undo', run: () => void this.#undoDelete(deleted) },
        };
      }
    } catch (err) {
      this.fail(err);
    }
  }

  async #undoDelete(record: ScenarioRecord): Promise<void> {
    try {
      const id = await restoreScenario(record);
      const restored = await getScenario(id);
      if (restored) this.records = [...this.records.filter((r) => r.id !== id), restored];
      this.select(id);
      this.notice = { kind: 'info', text: `Restored “${record.name}”.` };
    } catch (err) {
      this.fail(err);
    }
  }

  /** Writes a pending autosave now. */
  async flush(): Promise<void> {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    const snapshot = $state.snapshot(this.draft) as Scenario;
    const key = JSON.stringify(snapshot);
    if (key !== this.#savedKey) await this.#save(snapshot, key, this.currentId);
  }

  /**
   * Imports a scenario file as a new user scenario. A bad file changes nothing: the notice lists
   * every problem with the CLI's words.
   */
  async importFile(file: File): Promise<boolean> {
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      this.fail(`Could not read ${file.name}: ${message(err)}`);
      return false;
    }
    const parsed = parseScenarioText(text);
    if (!parsed.ok) {
      const lines = formatErrors(parsed.errors);
      this.notice = {
        kind: 'error',
        text: `${file.name} was not imported: ${lines.length === 1 ? 'it has 1 problem' : `it has ${lines.length} problems`}. Nothing was changed.`,
        details: lines,
      };
      return false;
    }
    return (await this.addImported(parsed.scenario, file.name)) !== null;
  }

  /**
   * Stores an imported scenario (a file, or Odoo's Sessions report translated) as a new user
   * scenario and opens it; returns its id, or null if storing failed (nothing else changed).
   */
  async addImported(scenario: Scenario, from: string, extra = ''): Promise<string | null> {
    try {
      await this.flush();
      const { id, name } = await saveScenario({ scenario });
      const record = await getScenario(id);
      if (record) this.records = [...this.records.filter((r) => r.id !== id), record];
      this.select(id);
      const renamed =
        name === scenario.name
          ? ''
          : ` A scenario named “${scenario.name}” already exists, so this one is “${name}”.`;
      this.notice = {
        kind: 'info',
        text: `Imported “${name}” from ${from}.${renamed}${extra}`,
      };
      void askPersistentStorage();
      return id;
    } catch (err) {
      this.fail(err);
      return null;
    }
  }

  /** The current scenario as a downloadable file (the draft as typed, valid or not). */
  exportFile(): { name: string; text: string } {
    const snapshot = cleanDraft($state.snapshot(this.draft) as Scenario);
    return {
      name: fileNameFor(this.draft.name ?? 'scenario'),
      text: `${JSON.stringify(snapshot, null, 2)}\n`,
    };
  }
}

/**
 * Importing Odoo's Sessions report on the trainer page: read the file (CSV, or XLSX with a lazily
 * loaded reader), show the columns found for a person to confirm or fix, preview what would be
 * imported (sessions, skipped rows and why), then store it as a new scenario. Nothing is stored
 * until Import is pressed; a file that cannot be used changes nothing.
 */
import { sessionsTable, type Table } from '../../../io/sessions-table';
import {
  COLUMN_ROLES,
  detectColumns,
  importOdooSessions,
  type ColumnRole,
  type ImportMode,
  type ImportResult,
  type ReportFigures,
} from '../../../sim/import/odoo-sessions';

/** The sample export shipped in public/samples (synthetic, not real data). */
export const SAMPLE_URL = 'samples/odoo-sessions-week.csv';

export interface ImportedReport {
  scenarioId: string;
  fileName: string;
  report: ReportFigures;
}

export class OdooImport {
  open = $state(false);
  busy = $state(false);
  fileName = $state('');
  error = $state('');
  table = $state.raw<Table | null>(null);
  header = $state.raw<string[]>([]);
  /** The column title chosen for each role; '' = none. */
  columns = $state<Record<ColumnRole, string>>(emptyColumns());
  mode = $state<ImportMode>('replay');
  /** The report's own figures of each scenario imported in this page, to set beside its runs. */
  reports = $state.raw<ImportedReport[]>([]);

  preview = $derived.by((): ImportResult | null =>
    this.table ? importOdooSessions(this.table, { mode: this.mode, columns: this.columns }) : null,
  );

  constructor(
    private readonly add: (
      scenario: NonNullable<Extract<ImportResult, { ok: true }>['scenario']>,
      from: string,
      extra: string,
    ) => Promise<string | null>,
  ) {}

  async loadFile(file: File): Promise<void> {
    await this.#load(file.name, async () => new Uint8Array(await file.arrayBuffer()));
  }

  /** "Try the sample": the shipped synthetic week. */
  async loadSample(): Promise<void> {
    await this.#load('odoo-sessions-week.csv', async () => {
      const response = await fetch(SAMPLE_URL);
      if (!response.ok) throw new Error(`the sample could not be loaded (${response.status})`);
      return new Uint8Array(await response.arrayBuffer());
    });
  }

  async #load(name: string, read: () => Promise<Uint8Array>): Promise<void> {
    this.open = true;
    this.busy = true;
    this.error = '';
    this.fileName = name;
    this.table = null;
    try {
      const table = await sessionsTable(name, await read());
      const header = (table[0] ?? []).map((h) => (h === null || h === undefined ? '' : String(h)));
      const { mapping } = detectColumns(header);
      const columns = emptyColumns();
      for (const role of COLUMN_ROLES)
        if (mapping[role] !== undefined) columns[role] = header[mapping[role]!];
      this.header = header;
      this.columns = columns;
      this.table = table;
    } catch (err) {
      this.error = `${name} is not a readable CSV or XLSX file (${err instanceof Error ? err.message : String(err)}). Nothing was imported.`;
    } finally {
      this.busy = false;
    }
  }

  /** Stores the previewed scenario and opens it. */
  async confirm(): Promise<boolean> {
    const result = this.preview;
    if (!result || !result.ok) return false;
    const skipped = result.rejected.length;
    const id = await this.add(
      result.scenario,
      this.fileName,
      ` ${result.sessions} sessions${skipped ? `, ${skipped} rows skipped` : ''}.`,
    );
    if (id === null) return false;
    this.reports = [
      ...this.reports.filter((r) => r.scenarioId !== id),
      { scenarioId: id, fileName: this.fileName, report: result.report },
    ];
    this.close();
    return true;
  }

  close(): void {
    this.open = false;
    this.table = null;
    this.error = '';
  }

  reportFor(scenarioId: string | null): ImportedReport | undefined {
    return this.reports.find((r) => r.scenarioId === scenarioId);
  }
}

function emptyColumns(): Record<ColumnRole, string> {
  return Object.fromEntries(COLUMN_ROLES.map((r) => [r, ''])) as Record<ColumnRole, string>;
}

/**
 * Reading an exported report into a table of cells, at the edge (page and CLI): CSV with
 * papaparse, XLSX with read-excel-file (loaded only when an XLSX file is read, so the page does
 * not carry it until then). The pure import (src/sim/import/) takes the table from here.
 *
 * XLSX dates are day numbers with no time zone; read-excel-file hands them over as Dates whose UTC
 * fields are the cell's reading. They are turned back into "YYYY-MM-DD HH:MM:SS" text here, from
 * the UTC fields, so the machine's own time zone never shifts a session.
 */
import Papa from 'papaparse';
import type { Cell } from '../sim/import/odoo-sessions.ts';

export type Table = Cell[][];

export function csvTable(text: string): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy' });
  return parsed.data;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date from an XLSX cell as the wall-clock text it stands for (to the nearest second). */
export function wallClockText(d: Date): string {
  const t = new Date(Math.round(d.getTime() / 1000) * 1000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

export async function xlsxTable(data: ArrayBuffer): Promise<Table> {
  const { readSheet } = await import('read-excel-file/universal');
  const rows = await readSheet(data);
  return rows.map((row) => row.map((c) => (c instanceof Date ? wallClockText(c) : (c as Cell))));
}

/** XLSX files are ZIP archives: they start with "PK". */
export function looksLikeXlsx(name: string, bytes: Uint8Array): boolean {
  return /\.xlsx$/i.test(name) || (bytes[0] === 0x50 && bytes[1] === 0x4b);
}

/** The table of a CSV or XLSX file, chosen by its name and first bytes. */
export async function sessionsTable(name: string, bytes: Uint8Array): Promise<Table> {
  if (looksLikeXlsx(name, bytes)) {
    const copy = bytes.slice().buffer as ArrayBuffer;
    return xlsxTable(copy);
  }
  return csvTable(new TextDecoder('utf-8').decode(bytes));
}

/**
 * `npm run --silent sim -- import-odoo FILE [--mode replay|fit] [--out scenario.json]
 *    [--column ROLE=TITLE]… [--languages en_US=3,fr_FR=1] [--name NAME]`
 *
 * Turns an Odoo Sessions report export (CSV or XLSX) into a scenario: printed on stdout, or written
 * to --out. What was read and every skipped row (with why) go to stderr. A file that cannot be used
 * exits with status 2 and one line, and --out is left as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  COLUMN_ROLES,
  importOdooSessions,
  type ColumnRole,
  type ImportMode,
} from '../sim/import/odoo-sessions.ts';
import { formatErrors, parseScenario } from '../sim/scenario/validate.ts';
import { sessionsTable } from '../io/sessions-table.ts';
import { flagValue } from './flag-value.ts';

export const IMPORT_USAGE =
  'usage: npm run --silent sim -- import-odoo FILE [--mode replay|fit] [--out scenario.json] [--column ROLE=TITLE]... [--languages CODE=WEIGHT,...] [--name NAME]';

interface ImportArgs {
  file: string;
  mode: ImportMode;
  out?: string;
  columns: Partial<Record<ColumnRole, string>>;
  languages?: Record<string, number>;
  name?: string;
}

export function parseImportArgs(argv: string[]): { args?: ImportArgs; errors: string[] } {
  const errors: string[] = [];
  const args: Partial<ImportArgs> = { mode: 'replay', columns: {} };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => flagValue(argv, ++i, a, errors);
    if (a === '--mode') {
      const v = value();
      if (v === 'replay' || v === 'fit') args.mode = v;
      else if (v !== undefined) errors.push(`--mode: "${v}" is not a mode (valid: replay, fit)`);
    } else if (a === '--out') args.out = value();
    else if (a === '--name') args.name = value();
    else if (a === '--column') {
      const v = value();
      if (v === undefined) continue;
      const eq = v.indexOf('=');
      const role = v.slice(0, eq) as ColumnRole;
      if (eq < 0 || !COLUMN_ROLES.includes(role)) {
        errors.push(
          `--column: expected ROLE=TITLE with ROLE one of ${COLUMN_ROLES.join(', ')}, got "${v}"`,
        );
      } else args.columns![role] = v.slice(eq + 1);
    } else if (a === '--languages') {
      const v = value();
      if (v === undefined) continue;
      const mix: Record<string, number> = {};
      for (const part of v.split(',')) {
        const [code, weight = '1'] = part.split('=');
        const w = Number(weight);
        if (code.trim() === '' || !Number.isFinite(w) || w < 0)
          errors.push(`--languages: "${part}" is not CODE=WEIGHT (e.g. en_US=3)`);
        else mix[code.trim()] = w;
      }
      if (!Object.values(mix).some((w) => w > 0))
        errors.push('--languages: weights must not all be 0');
      args.languages = mix;
    } else if (a === '--help' || a === '-h') errors.push(IMPORT_USAGE);
    else if (a.startsWith('-')) errors.push(`${a}: unknown option`);
    else files.push(a);
  }
  if (files.length === 0) errors.push('missing report FILE (a CSV or XLSX export)');
  if (files.length > 1) errors.push(`one FILE at a time (got ${files.join(', ')})`);
  if (errors.length > 0) return { errors };
  return { args: { ...args, file: files[0] } as ImportArgs, errors };
}

export async function importOdooMain(argv: string[]): Promise<number> {
  // Asked for: the usage on stdout and success, whatever else is on the line (as `sim --help`).
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${IMPORT_USAGE}\n`);
    return 0;
  }
  const { args, errors } = parseImportArgs(argv);
  const fail = (lines: string[]) => {
    for (const line of lines) process.stderr.write(`${line}\n`);
    return 2;
  };
  if (!args) return fail(errors.includes(IMPORT_USAGE) ? errors : [...errors, IMPORT_USAGE]);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(args.file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail([
      `${args.file}: cannot read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? err)})`,
    ]);
  }
  let table;
  try {
    table = await sessionsTable(args.file, bytes);
  } catch (err) {
    return fail([`${args.file}: not a readable CSV or XLSX file (${(err as Error).message})`]);
  }
  const result = importOdooSessions(table, {
    mode: args.mode,
    columns: args.columns,
    languages: args.languages,
    name: args.name,
  });
  if (!result.ok) return fail([`${args.file}: ${result.error}`]);
  // The import builds what the format accepts; a value from the file it cannot hold (a language
  // code given twice with different case…) is still bad input, said the scenario's way.
  const checked = parseScenario(result.scenario);
  if (!checked.ok) return fail(formatErrors(checked.errors).map((l) => `${args.file}: ${l}`));

  const json = JSON.stringify(result.scenario, null, 2) + '\n';
  if (args.out) {
    try {
      writeFileSync(args.out, json);
    } catch (err) {
      return fail([`--out: cannot write ${args.out} (${(err as Error).message})`]);
    }
  } else process.stdout.write(json);

  const r = result.rejected;
  const lines = [
    `${result.sessions} sessions read (${args.mode}), ${r.length} row${r.length === 1 ? '' : 's'} skipped`,
  ];
  for (const x of r.slice(0, 20)) lines.push(`  row ${x.row}: ${x.reason}`);
  if (r.length > 20) lines.push(`  … and ${r.length - 20} more`);
  const columns = Object.entries(result.mapping)
    .map(([role, i]) => `${role}="${result.header[i]}"`)
    .join(', ');
  lines.push(`columns: ${columns}`);
  process.stderr.write(lines.join('\n') + '\n');
  return 0;
}

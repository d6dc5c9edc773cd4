/**
 * The value of a flag such as `--seed 7`: `argv[at]`, or a "missing value" line when there is none
 * or it is the next flag. Shared by the CLI's subcommands so they word it alike.
 */
export function flagValue(
  argv: readonly string[],
  at: number,
  flag: string,
  errors: string[],
): string | undefined {
  const v = argv[at];
  if (v === undefined || v.startsWith('--')) {
    errors.push(`${flag}: missing value`);
    return undefined;
  }
  return v;
}

/**
 * A threshold set through the environment (`SWEEP_THREADS_MIN_SECONDS`,
 * `SIM_FOLD_THREAD_MIN_VISITORS`): its number when it is one ≥ 0, else undefined (the rule's own).
 */
export function envThreshold(name: string): number | undefined {
  const raw = process.env[name]?.trim();
  const v = raw ? Number(raw) : NaN;
  return v >= 0 ? v : undefined;
}

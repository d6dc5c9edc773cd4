/**
 * Commands and canned responses, as Odoo's "Commands and canned responses" page describes them:
 * `/command` runs a command whose output only the operator sees; `:shortcut` expands into a stored
 * text. Pure string work, shared by the chat window, Discuss and the replay of an attempt.
 */

export interface CannedResponse {
  /** Typed after the colon, e.g. `hello` for `:hello`. */
  shortcut: string;
  /** The text it expands into. */
  substitution: string;
}

export interface CommandInfo {
  name: string;
  help: string;
}

/** The commands available in a live chat conversation (the /lead and /ticket of other apps are not installed). */
export const COMMANDS: readonly CommandInfo[] = [
  { name: 'help', help: 'Show the list of commands.' },
  { name: 'leave', help: 'Leave this conversation.' },
  { name: 'history', help: "See the visitor's last visited pages." },
];

/** A starter set of canned responses; the trainer edits the list, stored in IndexedDB. */
export const DEFAULT_CANNED_RESPONSES: readonly CannedResponse[] = [
  {
    shortcut: 'hello',
    substitution: 'Hello! Thank you for contacting us. How can I help you today?',
  },
  { shortcut: 'wait', substitution: 'Let me check that for you, it will take a minute.' },
  { shortcut: 'thanks', substitution: 'Thank you for your patience!' },
  {
    shortcut: 'bye',
    substitution: 'Have a great day, and do not hesitate to come back if you need anything.',
  },
  {
    shortcut: 'bonjour',
    substitution: 'Bonjour ! Merci de nous contacter. Comment puis-je vous aider ?',
  },
];

export type ParsedInput =
  | { kind: 'empty' }
  | { kind: 'command'; name: string; known: boolean; args: string }
  | { kind: 'message'; text: string };

/**
 * What the operator's composer text means. A command is a `/word` at the very start, as in Odoo;
 * anything else is a message, with its `:shortcut`s expanded.
 */
export function parseComposer(text: string, canned: readonly CannedResponse[]): ParsedInput {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const m = /^\/([a-z_]+)\b\s*(.*)$/is.exec(trimmed);
  if (m) {
    const name = m[1].toLowerCase();
    return { kind: 'command', name, known: COMMANDS.some((c) => c.name === name), args: m[2] };
  }
  return { kind: 'message', text: expandCanned(trimmed, canned) };
}

/** Valid shortcut characters: letters, digits, `_` and `-` (no spaces, as in Odoo's `source` field). */
export const SHORTCUT_PATTERN = /^[\p{L}\p{N}_-]+$/u;

/**
 * Replaces every `:shortcut` that names a canned response with its text. A colon inside a word
 * ("10:30", "https://") is left alone: a shortcut starts the text or follows whitespace.
 */
export function expandCanned(text: string, canned: readonly CannedResponse[]): string {
  if (canned.length === 0) return text;
  const byShortcut = new Map(canned.map((c) => [c.shortcut.toLowerCase(), c.substitution]));
  return text.replace(/(^|\s):([\p{L}\p{N}_-]+)/gu, (whole, lead: string, key: string) => {
    const sub = byShortcut.get(key.toLowerCase());
    return sub === undefined ? whole : lead + sub;
  });
}

export interface Completion {
  /** What the menu shows, e.g. `:hello` or `/help`. */
  label: string;
  detail: string;
  /** The composer text after choosing it. */
  apply: string;
}

/**
 * Autocompletion for the word being typed at the end of the composer: `:he` offers canned responses
 * whose shortcut starts with `he` (then those containing it); `/h` at the start offers commands.
 */
export function completions(text: string, canned: readonly CannedResponse[]): Completion[] {
  const cmd = /^\/([a-z_]*)$/i.exec(text);
  if (cmd) {
    const prefix = cmd[1].toLowerCase();
    return COMMANDS.filter((c) => c.name.startsWith(prefix)).map((c) => ({
      label: `/${c.name}`,
      detail: c.help,
      apply: `/${c.name} `,
    }));
  }
  const sc = /(^|\s):([\p{L}\p{N}_-]*)$/u.exec(text);
  if (!sc) return [];
  const typed = sc[2].toLowerCase();
  const head = text.slice(0, text.length - typed.length - 1);
  const starts = canned.filter((c) => c.shortcut.toLowerCase().startsWith(typed));
  const contains = canned.filter(
    (c) => !c.shortcut.toLowerCase().startsWith(typed) && c.shortcut.toLowerCase().includes(typed),
  );
  return [...starts, ...contains].slice(0, 8).map((c) => ({
    label: `:${c.shortcut}`,
    detail: c.substitution,
    apply: head + c.substitution,
  }));
}

/**
 * What Enter does while the autocompletion is open: it takes the highlighted suggestion, unless
 * that would change nothing but a trailing space (`/help` typed in full): then it sends, so
 * `/help` + Enter runs the command instead of being swallowed by the menu.
 */
export function enterAction(
  text: string,
  options: readonly Completion[],
  active: number,
): 'choose' | 'send' {
  const chosen = options[active];
  if (!chosen || text.endsWith(' ')) return 'send';
  return chosen.apply.trim() === text.trim() ? 'send' : 'choose';
}

/** The operator-only text `/help` prints. */
export function helpText(): string {
  const lines = COMMANDS.map((c) => `/${c.name} — ${c.help}`);
  return ['Available commands:', ...lines, 'Type :shortcut to insert a canned response.'].join(
    '\n',
  );
}

/**
 * Where a JSON text goes wrong, said the same way on every platform.
 *
 * `JSON.parse` reports syntax errors differently in Node, Chromium and Firefox (some give an offset,
 * some a line and column, some neither), and in terms meant for programmers. People write scenario
 * files by hand, so this scanner re-reads a text that `JSON.parse` rejected and names the first
 * problem with its line and column, in words: a trailing comma, a comment, single quotes, a missing
 * comma. It is iterative, so deeply nested input cannot overflow the stack.
 */

export interface JsonSyntaxError {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (what editors show for ordinary text). */
  column: number;
  offset: number;
  message: string;
}

/** Line and column (both 1-based) of a 0-based offset into `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f
    ? `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    : c === '"'
      ? `'"'`
      : JSON.stringify(c);
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let pos = 0;
  const stack: ('{' | '[')[] = [];
  let state: 'value' | 'key' | 'after' = 'value';
  // Where the last comma was, while nothing has followed it yet: JSON forbids trailing commas.
  let commaAt = -1;

  const fail = (message: string, at = pos): JsonSyntaxError => ({
    ...lineColumn(text, at),
    offset: at,
    message,
  });
  const skipWhitespace = () => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') pos++;
      else break;
    }
  };
  /** Something that is not JSON where a value or a name was due: name the usual suspects. */
  const unexpected = (expectedWhat: string): JsonSyntaxError => {
    if (pos >= text.length) return fail(`unexpected end of file, expected ${expectedWhat}`);
    const c = text[pos];
    if (c === '/') return fail('comments are not allowed in JSON');
    if (c === "'") return fail('strings must use double quotes (") in JSON');
    return fail(`unexpected ${describeChar(c)}, expected ${expectedWhat}`);
  };
  /** Reads a string starting at the opening quote; returns an error or null. */
  const scanString = (): JsonSyntaxError | null => {
    const start = pos;
    pos++;
    while (pos < text.length) {
      const c = text[pos];
      if (c === '"') {
        pos++;
        return null;
      }
      if (c === '\n' || c === '\r') {
        return fail('unterminated string (a string cannot span lines)', start);
      }
      if (c.charCodeAt(0) < 0x20) return fail(`${describeChar(c)} is not allowed in a string`);
      if (c === '\\') {
        const e = text[pos + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
            return fail('invalid \\u escape (expected 4 hexadecimal digits)');
          }
          pos += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          return fail(`invalid escape "\\${e ?? ''}" in a string`);
        }
        pos += 2;
        continue;
      }
      pos++;
    }
    return fail('unterminated string', start);
  };

  for (;;) {
    skipWhitespace();
    if (state === 'value') {
      const c = text[pos];
      if ((c === ']' || c === '}') && commaAt >= 0) {
        return fail(`trailing comma before "${c}" is not allowed in JSON`, commaAt);
      }
      commaAt = -1;
      if (c === '{' || c === '[') {
        pos++;
        skipWhitespace();
        if (text[pos] === (c === '{' ? '}' : ']')) {
          pos++;
          state = 'after';
        } else {
          stack.push(c);
          state = c === '{' ? 'key' : 'value';
        }
      } else if (c === '"') {
        const error = scanString();
        if (error) return error;
        state = 'after';
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER.lastIndex = pos;
        const m = NUMBER.exec(text);
        if (!m || m[0] === '-') return fail('invalid number');
        if (/^-?0$/.test(m[0]) && /\d/.test(text[pos + m[0].length] ?? '')) {
          const digits = /^-?0+(\d+)/.exec(text.slice(pos))?.[1] ?? '';
          return fail(
            `numbers cannot start with a 0 (write ${m[0].startsWith('-') ? '-' : ''}${digits})`,
          );
        }
        pos += m[0].length;
        state = 'after';
      } else {
        const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(pos, pos + 32))?.[0];
        if (word === 'true' || word === 'false' || word === 'null') {
          pos += word.length;
          state = 'after';
        } else if (word !== undefined) {
          return fail(`unexpected word "${word}", expected a value (strings need double quotes)`);
        } else {
          return unexpected('a value');
        }
      }
    } else if (state === 'key') {
      const c = text[pos];
      if (c === '}' && commaAt >= 0) {
        return fail('trailing comma before "}" is not allowed in JSON', commaAt);
      }
      commaAt = -1;
      if (c === '"') {
        const error = scanString();
        if (error) return error;
        skipWhitespace();
        if (text[pos] !== ':') return unexpected('":" after the property name');
        pos++;
        state = 'value';
      } else if (c !== undefined && /[A-Za-z_$]/.test(c)) {
        return fail('property names must be in double quotes in JSON');
      } else {
        return unexpected('a property name in double quotes');
      }
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (pos >= text.length) return null;
        return fail(`unexpected ${describeChar(text[pos])} after the end of the JSON value`);
      }
      const close = top === '{' ? '}' : ']';
      const c = text[pos];
      if (c === ',') {
        commaAt = pos;
        pos++;
        state = top === '{' ? 'key' : 'value';
      } else if (c === close) {
        stack.pop();
        pos++;
      } else if (c === '"' || (top === '[' && c !== undefined && /[[{\d-]/.test(c))) {
        return fail(
          top === '{' ? 'missing "," before this property' : 'missing "," before this item',
        );
      } else {
        return unexpected(
          top === '{' ? '"," or "}" after a property value' : '"," or "]" after an array item',
        );
      }
    }
  }
}

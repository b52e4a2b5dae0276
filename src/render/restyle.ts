import { tokenize, type Token } from './js-tokens.js';
import type { PrintOptions } from './print-options.js';
import type { LayoutLine } from './layout-lines.js';
import { relayout } from './relayout.js';

/**
 * Prints text that is as Prettier prints it with its defaults (the built-in
 * templates) as Prettier prints it with `options`, without Prettier: quotes,
 * semicolons, trailing commas, bracket spacing, arrow parentheses and
 * indentation token by token, and the line breaks a different width (or a
 * narrower line) changes by relayout.ts. Returns undefined for anything it
 * cannot be sure of; the caller then runs Prettier.
 */
export function restyle(text: string, options: PrintOptions): string | undefined {
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  const lines = toLines(tokens, options);
  if (!lines) return undefined;
  if (!options.semi && !guardStatementStarts(lines)) return undefined;
  // A union member that breaks is aligned by two spaces, not indented: at another indentation it is not a level.
  if ((options.useTabs || options.tabWidth !== 2) && lines.some((l) => /^\| .*[{([]$/.test(l.text))) return undefined;
  const widthChanged =
    options.printWidth !== 80 || options.tabWidth !== 2 || lines.some((l) => l.text.length !== l.defaultLength);
  const laidOut = relayout(lines, options, widthChanged);
  if (!laidOut) return undefined;
  const eol = options.endOfLine === 'crlf' ? '\r\n' : options.endOfLine === 'cr' ? '\r' : '\n';
  const out: string[] = [];
  for (const line of laidOut) {
    if (line.blank) {
      out.push('');
      continue;
    }
    const indent = (options.useTabs ? '\t'.repeat(line.level) : ' '.repeat(line.level * options.tabWidth)) + line.extra;
    const first = line.text.split('\n', 1)[0]!;
    if (line.level * options.tabWidth + line.extra.length + first.length > options.printWidth) return undefined;
    out.push(indent + line.text);
  }
  return (out.join('\n') + (text.endsWith('\n') ? '\n' : '')).replace(/\n/g, eol);
}

/**
 * The logical lines of the text, each its tokens restyled. A line holds a
 * template literal's later lines as they are (Prettier never reindents
 * them); a JSDoc comment becomes a line per line, reindented as Prettier does.
 */
function toLines(tokens: Token[], options: PrintOptions): LayoutLine[] | undefined {
  const lines: LayoutLine[] = [];
  let current: Token[] = [];
  let indent = 0;
  let atStart = true;
  const finish = () => {
    const line = restyleLine(current, indent, options);
    if (!line) return false;
    lines.push(line);
    current = [];
    atStart = true;
    indent = 0;
    return true;
  };
  for (const token of tokens) {
    if (token.kind === 'newline') {
      if (!finish()) return undefined;
    } else if (atStart && token.kind === 'space') {
      if (/[^ ]/.test(token.text)) return undefined;
      indent = token.text.length;
    } else if (token.kind === 'comment' && token.text.includes('\n')) {
      // A multi-line block comment on its own line: JSDoc-shaped (every later line starts with `*`) is reindented line by line.
      const parts = token.text.split('\n');
      if (current.length > 0 || !parts.slice(1).every((p) => /^ *\*/.test(p))) return undefined;
      current = [{ kind: 'comment', text: parts[0]! }];
      for (const part of parts.slice(1)) {
        if (!finish()) return undefined;
        current = [{ kind: 'comment', text: part.trimStart() }];
        indent = (lines[lines.length - 1]!.level * 2) + 1;
      }
      atStart = false;
    } else {
      current.push(token);
      atStart = false;
    }
  }
  if (current.length > 0 || !atStart) {
    if (!finish()) return undefined;
  }
  return lines;
}

function restyleLine(tokens: Token[], indent: number, options: PrintOptions): LayoutLine | undefined {
  const defaultText = tokens.map((t) => t.text).join('');
  if (tokens.length === 0 || defaultText.trim() === '') {
    return { level: 0, extra: '', text: '', blank: true, comment: false, lineComment: false, multiline: false, endsStatement: false, defaultLength: 0 };
  }
  if (/\s$/.test(defaultText)) return undefined;
  const significant = tokens.filter((t) => t.kind !== 'space');
  const last = significant[significant.length - 1]!;
  const lineComment = last.kind === 'comment' && last.text.startsWith('//');
  const comment = significant.every((t) => t.kind === 'comment');
  const code = significant.filter((t) => t.kind !== 'comment');
  const endsStatement = code.length > 0 && code[code.length - 1]!.text === ';';
  const out = tokens.map((t) => ({ ...t }));
  for (let k = 0; k < out.length; k++) {
    const token = out[k]!;
    if (token.kind === 'string' && options.singleQuote) token.text = requote(token.text, "'");
    if (token.kind === 'string' && options.quoteProps === 'consistent' && nextSignificant(out, k)?.text === ':') return undefined;
    if (options.arrowParens === 'avoid' && token.text === '(' && out[k + 1]?.kind === 'word' && out[k + 2]?.text === ')' && out[k + 3]?.kind === 'space' && out[k + 4]?.text === '=>') {
      const before = previousSignificant(out, k);
      if (before?.text === '>' || before?.text === ':' || isKeyword(out[k + 1]!.text)) continue;
      token.text = '';
      out[k + 2]!.text = '';
    }
    if (!options.bracketSpacing && token.kind === 'punct') {
      if (token.text === '{' && out[k + 1]?.kind === 'space' && out[k + 2] && out[k + 2]!.text !== '}') out[k + 1]!.text = '';
      if (token.text === '}' && out[k - 1]?.kind === 'space' && k - 1 > 0) out[k - 1]!.text = '';
    }
  }
  if (endsStatement && !options.semi) {
    let index = out.length - 1;
    while (index >= 0 && (out[index]!.kind === 'space' || out[index]!.kind === 'comment')) index--;
    out[index]!.text = '';
  }
  const text = out.map((t) => t.text).join('');
  if (indent % 2 !== 0 && !comment) return undefined;
  return {
    level: Math.floor(indent / 2),
    extra: indent % 2 === 1 ? ' ' : '',
    text,
    blank: false,
    comment,
    lineComment,
    multiline: text.includes('\n'),
    endsStatement,
    defaultLength: defaultText.split('\n', 1)[0]!.length,
  };
}

/**
 * Without semicolons a statement that starts with `(`, `[`, a template
 * literal, `+`, `-`, `/` or `<` would continue the one before: Prettier puts a
 * `;` in front of it. A statement starts after a line that ended one.
 */
function guardStatementStarts(lines: LayoutLine[]): boolean {
  let previous: LayoutLine | undefined;
  for (const line of lines) {
    if (line.blank || line.comment) continue;
    if (/^[([`+\-/<]/.test(line.text)) {
      if (previous && /\{$/.test(previous.text)) return false;
      if (!previous || previous.endsStatement || /\}$/.test(previous.text)) line.text = `;${line.text}`;
    }
    previous = line;
  }
  return true;
}

/** A string literal in `quote` unless it holds more of those than of the other, with Prettier's escapes (its makeString). */
function requote(literal: string, preferred: '"' | "'"): string {
  const raw = literal.slice(1, -1);
  const alternate = preferred === '"' ? "'" : '"';
  const count = (q: string) => raw.split(q).length - 1;
  const enclosing = count(preferred) > count(alternate) ? alternate : preferred;
  const other = enclosing === '"' ? "'" : '"';
  const body = raw.replace(/\\(.)|(["'])/gsu, (match, escaped: string | undefined, quote: string | undefined) => {
    if (escaped === other) return escaped;
    if (quote === enclosing) return `\\${quote}`;
    if (quote) return quote;
    return /^[^\n\r"'0-7\\bfnrt-vx\u2028\u2029]$/.test(escaped!) ? escaped! : `\\${escaped}`;
  });
  return enclosing + body + enclosing;
}

function nextSignificant(tokens: Token[], k: number): Token | undefined {
  return tokens.slice(k + 1).find((t) => t.kind !== 'space' && t.text !== '');
}

function previousSignificant(tokens: Token[], k: number): Token | undefined {
  for (let j = k - 1; j >= 0; j--) if (tokens[j]!.kind !== 'space' && tokens[j]!.text !== '') return tokens[j];
  return undefined;
}

function isKeyword(word: string): boolean {
  return /^(this|super|null|true|false|undefined|void|typeof|new|await|yield)$/.test(word);
}

import { tokenize, type Token } from './js-tokens.js';
import { isPrettierDefaults, type PrintOptions } from './print-options.js';
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
  // Prettier's defaults: the text as it is (the templates are written so, and every line fits).
  if (isPrettierDefaults(options)) return text;
  const tokenWise = options.quoteProps === 'consistent' || options.arrowParens === 'avoid' || !options.bracketSpacing;
  const tokens = tokenize(text, !tokenWise);
  if (!tokens) return undefined;
  const lines = toLines(tokens, options);
  if (!lines) return undefined;
  if (!options.semi && !guardStatementStarts(lines)) return undefined;
  // A union member that breaks is aligned by two spaces, not indented: at another indentation it is not a level.
  if ((options.useTabs || options.tabWidth !== 2) && lines.some((l, k) => l.text.startsWith('| ') && (lines[k + 1]?.level ?? 0) > l.level)) return undefined;
  const widthChanged =
    // A trailing comma Prettier leaves out is a column less on its line, where a group may then fit.
    options.printWidth !== 80 || options.tabWidth !== 2 || options.trailingComma !== 'all' || lines.some((l) => (l.multiline ? l.text.indexOf('\n') : l.text.length) !== l.defaultLength);
  const laidOut = relayout(lines, options, widthChanged);
  if (!laidOut) return undefined;
  const eol = options.endOfLine === 'crlf' ? '\r\n' : options.endOfLine === 'cr' ? '\r' : '\n';
  const out: string[] = [];
  const indents: string[] = [];
  for (const line of laidOut) {
    if (line.blank) {
      out.push('');
      continue;
    }
    const indent = (indents[line.level] ??= options.useTabs ? '\t'.repeat(line.level) : ' '.repeat(line.level * options.tabWidth));
    const firstLength = line.multiline ? line.text.indexOf('\n') : line.text.length;
    if (line.level * options.tabWidth + line.extra.length + firstLength > options.printWidth) return undefined;
    out.push(indent + line.extra + line.text);
  }
  const printed = out.join('\n') + (text.endsWith('\n') ? '\n' : '');
  return eol === '\n' ? printed : printed.replace(/\n/g, eol);
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
  let defaultText = '';
  let last: Token | undefined;
  let lastCode = -1;
  let comment = true;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    defaultText += token.text;
    if (token.kind === 'space' || (token.kind === 'code' && token.text.trim() === '')) continue;
    last = token;
    if (token.kind === 'comment') continue;
    comment = false;
    lastCode = k;
  }
  if (!last) return { level: 0, extra: '', text: '', blank: true, comment: false, lineComment: false, multiline: false, endsStatement: false, defaultLength: 0 };
  const final = tokens[tokens.length - 1]!;
  if (final.kind === 'space' || (final.kind === 'code' && /\s$/.test(final.text))) return undefined;
  if (indent % 2 !== 0 && !comment) return undefined;
  const lineComment = last.kind === 'comment' && last.text.startsWith('//');
  const endsStatement = lastCode >= 0 && (tokens[lastCode]!.kind === 'code' ? tokens[lastCode]!.text.trimEnd().endsWith(';') : tokens[lastCode]!.text === ';');
  const tokenWise = options.quoteProps === 'consistent' || options.arrowParens === 'avoid' || !options.bracketSpacing;
  for (let k = 0; (tokenWise || options.singleQuote) && k < tokens.length; k++) {
    const token = tokens[k]!;
    if (token.kind === 'string') {
      if (options.singleQuote) token.text = requote(token.text, "'");
      if (options.quoteProps === 'consistent' && nextSignificant(tokens, k)?.text === ':') return undefined;
    } else if (token.kind === 'punct' && tokenWise) {
      if (options.arrowParens === 'avoid' && token.text === '(' && tokens[k + 1]?.kind === 'word' && tokens[k + 2]?.text === ')' && tokens[k + 3]?.kind === 'space' && tokens[k + 4]?.text === '=>') {
        const before = previousSignificant(tokens, k);
        if (!(before?.text === '>' || before?.text === ':' || isKeyword(tokens[k + 1]!.text))) {
          token.text = '';
          tokens[k + 2]!.text = '';
        }
      }
      if (!options.bracketSpacing) {
        if (token.text === '{' && tokens[k + 1]?.kind === 'space' && tokens[k + 2] && tokens[k + 2]!.text !== '}') tokens[k + 1]!.text = '';
        if (token.text === '}' && tokens[k - 1]?.kind === 'space' && k - 1 > 0) tokens[k - 1]!.text = '';
      }
    }
  }
  if (endsStatement && !options.semi) {
    const semicolon = tokens[lastCode]!;
    semicolon.text = semicolon.kind === 'code' ? semicolon.text.replace(/;(\s*)$/, '$1') : '';
  }
  let text = defaultText;
  if (tokenWise || options.singleQuote || (endsStatement && !options.semi)) {
    text = '';
    for (const token of tokens) text += token.text;
  }
  const multiline = text.includes('\n');
  return {
    level: indent >> 1,
    extra: indent % 2 === 1 ? ' ' : '',
    text,
    blank: false,
    comment,
    lineComment,
    multiline,
    endsStatement,
    defaultLength: multiline ? defaultText.indexOf('\n') : defaultText.length,
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

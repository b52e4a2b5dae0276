/**
 * A small tokenizer for the TypeScript and JavaScript the built-in templates
 * render, enough to restyle it (restyle.ts): strings, template literals (their
 * `${…}` expressions are tokens again), comments, regular expressions, words,
 * numbers and punctuators. It is not a parser and need not be one: its input
 * is Prettier-shaped code, and anything it cannot read gives `undefined`, which
 * sends the file to Prettier. Loading the TypeScript scanner instead would cost
 * more than the whole fast path saves.
 */
export type TokenKind = 'space' | 'newline' | 'comment' | 'string' | 'template' | 'regex' | 'word' | 'punct' | 'code';

export interface Token {
  kind: TokenKind;
  text: string;
}

/** Punctuators of more than one character, longest first, by their first character. */
const longPunctuators = new Map<string, string[]>();
for (const p of ['>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=', '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<']) {
  longPunctuators.set(p[0]!, [...(longPunctuators.get(p[0]!) ?? []), p]);
}

/** Words after which a `/` starts a regular expression rather than dividing. */
const beforeRegex = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/** Letters, digits, `_`, `$` and anything beyond ASCII: what words are made of. */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code > 127;
}

/** A run of code with no string, template, comment, regular expression, brace or line break in it. */
const codeRun = /[^\n"'`/{}]+/y;

/**
 * The tokens of `text`. `coarse`: between the tokens that matter for quotes,
 * templates and lines (strings, templates, comments, regular expressions,
 * braces, indentation), the rest of a line comes as runs of kind `code`: far
 * fewer tokens, for a restyle that changes nothing else.
 */
export function tokenize(text: string, coarse = false): Token[] | undefined {
  const tokens: Token[] = [];
  // One entry per open `${`: the depth of braces inside it, to find the `}` that resumes the template.
  const templates: number[] = [];
  let significant: Token | undefined;
  let i = 0;
  const templateRest = (start: number): number | undefined => {
    // From just after the opening backtick or `}`: to just after the closing backtick or `${`.
    let k = start;
    while (k < text.length) {
      const c = text.charCodeAt(k);
      if (c === 92) k += 2;
      else if (c === 96) return k + 1;
      else if (c === 36 && text.charCodeAt(k + 1) === 123) {
        templates.push(0);
        return k + 2;
      } else k++;
    }
    return undefined;
  };
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const c = text[i]!;
    let end: number | undefined;
    let kind: TokenKind;
    if (code === 10) {
      kind = 'newline';
      end = i + 1;
    } else if ((code === 32 || code === 9 || code === 13) && (!coarse || i === 0 || text.charCodeAt(i - 1) === 10)) {
      kind = 'space';
      end = i + 1;
      while (end < text.length && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9 || text.charCodeAt(end) === 13)) end++;
    } else if (code === 47 && text.charCodeAt(i + 1) === 47) {
      kind = 'comment';
      end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
    } else if (code === 47 && text.charCodeAt(i + 1) === 42) {
      kind = 'comment';
      const close = text.indexOf('*/', i + 2);
      end = close < 0 ? undefined : close + 2;
    } else if (code === 34 || code === 39) {
      kind = 'string';
      let k = i + 1;
      while (k < text.length && text.charCodeAt(k) !== code && text.charCodeAt(k) !== 10) k += text.charCodeAt(k) === 92 ? 2 : 1;
      end = text.charCodeAt(k) === code ? k + 1 : undefined;
    } else if (code === 96) {
      kind = 'template';
      end = templateRest(i + 1);
    } else if (code === 125 && templates.length > 0 && templates[templates.length - 1] === 0) {
      templates.pop();
      kind = 'template';
      end = templateRest(i + 1);
    } else if (coarse && code !== 47 && code !== 123 && code !== 125) {
      kind = 'code';
      codeRun.lastIndex = i;
      codeRun.test(text);
      end = codeRun.lastIndex;
    } else if (isWordChar(code)) {
      kind = 'word';
      end = i + 1;
      const numeric = code >= 48 && code <= 57;
      while (end < text.length) {
        const next = text.charCodeAt(end);
        if (isWordChar(next)) end++;
        else if (numeric && next === 46 && text.charCodeAt(end + 1) >= 48 && text.charCodeAt(end + 1) <= 57) end++;
        else break;
      }
    } else if (code === 47 && isRegexStart(significant)) {
      kind = 'regex';
      let k = i + 1;
      let inClass = false;
      while (k < text.length && text.charCodeAt(k) !== 10 && (inClass || text.charCodeAt(k) !== 47)) {
        const r = text.charCodeAt(k);
        if (r === 92) k++;
        else if (r === 91) inClass = true;
        else if (r === 93) inClass = false;
        k++;
      }
      if (text.charCodeAt(k) !== 47) return undefined;
      k++;
      while (k < text.length && text.charCodeAt(k) >= 97 && text.charCodeAt(k) <= 122) k++;
      end = k;
    } else {
      kind = 'punct';
      const long = longPunctuators.get(c)?.find((p) => text.startsWith(p, i));
      end = i + (long?.length ?? 1);
      if (templates.length > 0) {
        if (code === 123) templates[templates.length - 1]!++;
        else if (code === 125) templates[templates.length - 1]!--;
      }
    }
    if (end === undefined) return undefined;
    const token: Token = { kind, text: text.slice(i, end) };
    tokens.push(token);
    if (kind !== 'space' && kind !== 'newline' && kind !== 'comment' && (kind !== 'code' || token.text.trim() !== '')) significant = token;
    i = end;
  }
  return templates.length === 0 ? tokens : undefined;
}

function isRegexStart(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.kind === 'word') return beforeRegex.has(previous.text);
  if (previous.kind === 'code') {
    const code = previous.text.trimEnd();
    const word = /[\w$]+$/.exec(code)?.[0];
    if (word) return beforeRegex.has(word);
    return !/[)\]}]$/.test(code) && !code.endsWith('++') && !code.endsWith('--');
  }
  if (previous.kind === 'punct') return !/^[)\]}]$/.test(previous.text) && previous.text !== '++' && previous.text !== '--';
  return previous.kind === 'template' && previous.text.endsWith('${');
}

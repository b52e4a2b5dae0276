/**
 * A small tokenizer for the TypeScript and JavaScript the built-in templates
 * render, enough to restyle it (restyle.ts): strings, template literals (their
 * `${…}` expressions are tokens again), comments, regular expressions, words,
 * numbers and punctuators. It is not a parser and need not be one: its input
 * is Prettier-shaped code, and anything it cannot read gives `undefined`, which
 * sends the file to Prettier. Loading the TypeScript scanner instead would cost
 * more than the whole fast path saves.
 */
export type TokenKind = 'space' | 'newline' | 'comment' | 'string' | 'template' | 'regex' | 'word' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
}

const punctuators = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<',
];

/** Words after which a `/` starts a regular expression rather than dividing. */
const beforeRegex = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

export function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  // One entry per open `${`: the depth of braces inside it, to find the `}` that resumes the template.
  const templates: number[] = [];
  let i = 0;
  const significant = () => {
    for (let k = tokens.length - 1; k >= 0; k--) if (tokens[k]!.kind !== 'space' && tokens[k]!.kind !== 'newline' && tokens[k]!.kind !== 'comment') return tokens[k];
    return undefined;
  };
  const templateRest = (start: number): number | undefined => {
    // From just after the opening backtick or `}`: to just after the closing backtick or `${`.
    let k = start;
    while (k < text.length) {
      const c = text[k]!;
      if (c === '\\') k += 2;
      else if (c === '`') return k + 1;
      else if (c === '$' && text[k + 1] === '{') {
        templates.push(0);
        return k + 2;
      } else k++;
    }
    return undefined;
  };
  while (i < text.length) {
    const c = text[i]!;
    let end: number | undefined;
    let kind: TokenKind;
    if (c === '\n') {
      kind = 'newline';
      end = i + 1;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      kind = 'space';
      end = i;
      while (end < text.length && (text[end] === ' ' || text[end] === '\t' || text[end] === '\r')) end++;
    } else if (c === '/' && text[i + 1] === '/') {
      kind = 'comment';
      end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
    } else if (c === '/' && text[i + 1] === '*') {
      kind = 'comment';
      const close = text.indexOf('*/', i + 2);
      end = close < 0 ? undefined : close + 2;
    } else if (c === '"' || c === "'") {
      kind = 'string';
      let k = i + 1;
      while (k < text.length && text[k] !== c && text[k] !== '\n') k += text[k] === '\\' ? 2 : 1;
      end = text[k] === c ? k + 1 : undefined;
    } else if (c === '`') {
      kind = 'template';
      end = templateRest(i + 1);
    } else if (c === '}' && templates.length > 0 && templates[templates.length - 1] === 0) {
      templates.pop();
      kind = 'template';
      end = templateRest(i + 1);
    } else if (/[A-Za-z_$0-9]/.test(c) || c > '\x7f') {
      kind = 'word';
      end = i;
      while (end < text.length && (/[A-Za-z_$0-9]/.test(text[end]!) || text[end]! > '\x7f' || (text[end] === '.' && /^\d/.test(text.slice(i, end)) && /\d/.test(text[end + 1] ?? '')))) end++;
    } else if (c === '/' && isRegexStart(significant())) {
      kind = 'regex';
      let k = i + 1;
      let inClass = false;
      while (k < text.length && text[k] !== '\n' && (inClass || text[k] !== '/')) {
        if (text[k] === '\\') k++;
        else if (text[k] === '[') inClass = true;
        else if (text[k] === ']') inClass = false;
        k++;
      }
      if (text[k] !== '/') return undefined;
      k++;
      while (k < text.length && /[a-z]/.test(text[k]!)) k++;
      end = k;
    } else {
      kind = 'punct';
      const long = punctuators.find((p) => text.startsWith(p, i));
      end = i + (long?.length ?? 1);
      if (templates.length > 0) {
        if (c === '{') templates[templates.length - 1]!++;
        else if (c === '}') templates[templates.length - 1]!--;
      }
    }
    if (end === undefined) return undefined;
    tokens.push({ kind, text: text.slice(i, end) });
    i = end;
  }
  return templates.length === 0 ? tokens : undefined;
}

function isRegexStart(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.kind === 'word') return beforeRegex.has(previous.text);
  if (previous.kind === 'punct') return !/^[)\]}]$/.test(previous.text) && previous.text !== '++' && previous.text !== '--';
  return previous.kind === 'template' && previous.text.endsWith('${');
}

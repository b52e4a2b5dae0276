/**
 * Reads a JavaScript literal (an object of strings, numbers, booleans, arrays
 * and objects, with comments and trailing commas) as JSON, without running
 * it. Anything else in it (an identifier as a value, a call, a spread, a
 * template literal) gives undefined. Used for Prettier configs written as
 * JavaScript: reading one by evaluating it would run the user's code.
 */
const identifier = /[A-Za-z_$][\w$]*/y;
const scalar = /(?:true|false|null|-?\d+(?:\.\d+)?)(?![\w$])/y;

export function readJsLiteral(text: string): { value: unknown; end: number } | undefined {
  let i = 0;
  const skip = () => {
    for (;;) {
      while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\t' || text[i] === '\r')) i++;
      if (text.startsWith('//', i)) i = text.includes('\n', i) ? text.indexOf('\n', i) : text.length;
      else if (text.startsWith('/*', i)) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) throw new SyntaxError('unterminated comment');
        i = close + 2;
      } else return;
    }
  };
  const string = (): string => {
    const quote = text[i]!;
    let out = '';
    i++;
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\n') throw new SyntaxError('newline in string');
      if (text[i] === '\\') {
        const escaped = text[i + 1]!;
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '/': '/' };
        if (!(escaped in simple)) throw new SyntaxError('escape');
        out += simple[escaped];
        i += 2;
      } else out += text[i++];
    }
    if (text[i] !== quote) throw new SyntaxError('unterminated string');
    i++;
    return out;
  };
  const value = (): unknown => {
    skip();
    const c = text[i];
    if (c === '"' || c === "'") return string();
    if (c === '{') {
      i++;
      const object: Record<string, unknown> = {};
      for (;;) {
        skip();
        if (text[i] === '}') break;
        let key: string;
        if (text[i] === '"' || text[i] === "'") key = string();
        else {
          identifier.lastIndex = i;
          const word = identifier.exec(text)?.[0];
          if (!word) throw new SyntaxError('key');
          key = word;
          i += word.length;
        }
        skip();
        if (text[i] !== ':') throw new SyntaxError('shorthand or method');
        i++;
        object[key] = value();
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') throw new SyntaxError('object');
      }
      i++;
      return object;
    }
    if (c === '[') {
      i++;
      const array: unknown[] = [];
      for (;;) {
        skip();
        if (text[i] === ']') break;
        array.push(value());
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') throw new SyntaxError('array');
      }
      i++;
      return array;
    }
    scalar.lastIndex = i;
    const word = scalar.exec(text)?.[0];
    if (!word) throw new SyntaxError('value');
    i += word.length;
    return JSON.parse(word);
  };
  try {
    const result = value();
    return { value: result, end: i };
  } catch {
    return undefined;
  }
}

/**
 * The object a config module exports, when the module is only that:
 * `export default { … }`, `module.exports = { … }`, or a `const` holding the
 * literal that is then exported (what `sv create` writes). Comments may
 * surround it. Any other module (imports, computed values) gives undefined.
 */
export function readConfigModule(text: string): unknown {
  const code = text.replace(/^\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n\s*)*/, '');
  const direct = /^(?:export\s+default|module\.exports\s*=)\s*/.exec(code);
  if (direct) {
    const literal = readJsLiteral(code.slice(direct[0].length));
    return literal && isEnd(code.slice(direct[0].length + literal.end)) ? literal.value : undefined;
  }
  const named = /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*/.exec(code);
  if (!named) return undefined;
  const literal = readJsLiteral(code.slice(named[0].length));
  if (!literal) return undefined;
  const rest = code.slice(named[0].length + literal.end);
  const name = named[1]!.replace(/\$/g, '\\$');
  const exported = new RegExp(`^\\s*;?\\s*(?:export\\s+default|module\\.exports\\s*=)\\s*${name}\\s*;?`).exec(rest);
  return exported && isEnd(rest.slice(exported[0].length)) ? literal.value : undefined;
}

/** Only whitespace, comments and a semicolon left. */
function isEnd(rest: string): boolean {
  return /^\s*;?\s*(?:(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/)\s*)*$/.test(rest);
}

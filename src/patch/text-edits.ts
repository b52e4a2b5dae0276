import type { TextInsertion } from './types.js';

export function applyInsertions(text: string, insertions: readonly TextInsertion[]): string {
  const sorted = insertions.map((ins, i) => ({ ins, i })).sort((a, b) => a.ins.pos - b.ins.pos || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { ins } of sorted) {
    out += text.slice(at, ins.pos) + ins.text;
    at = ins.pos;
  }
  return out + text.slice(at);
}

export interface LineEnd {
  pos: number;
  /** False when code follows on the same line, so the insertion must end its own line. */
  atLineEnd: boolean;
}

/**
 * Where to insert after a node that ends at `pos`: past trailing spaces and
 * same-line comments (they belong to the node's line), at the line break.
 */
export function lineEndAfter(text: string, pos: number): LineEnd {
  let i = pos;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '\n' || c === '\r') {
      return { pos: i, atLineEnd: true };
    } else if (text.startsWith('//', i)) {
      const nl = text.slice(i).search(/[\r\n]/);
      return { pos: nl === -1 ? text.length : i + nl, atLineEnd: true };
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close === -1 || /[\r\n]/.test(text.slice(i, close))) return { pos, atLineEnd: false };
      i = close + 2;
    } else {
      return { pos, atLineEnd: false };
    }
  }
  return { pos: text.length, atLineEnd: true };
}

/** True when the line after the line break at `pos` is empty or missing, so no blank line needs adding after an insertion. */
export function blankLineFollows(text: string, pos: number): boolean {
  const rest = text.slice(pos).replace(/^\r?\n/, '');
  const nextLine = /^[^\r\n]*/.exec(rest)?.[0] ?? '';
  return nextLine.trim() === '';
}

/** Skips whitespace and comments from `pos`; returns the offset of the next code character. */
export function skipTrivia(text: string, pos: number): number {
  let i = pos;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (text.startsWith('//', i)) {
      const nl = text.slice(i).search(/[\r\n]/);
      i = nl === -1 ? text.length : i + nl;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 2;
    } else break;
  }
  return i;
}

/** Offset just past the last character that is not a space, tab or line break. */
export function contentEnd(text: string): number {
  let i = text.length;
  while (i > 0 && ' \t\r\n'.includes(text[i - 1] ?? '')) i--;
  return i;
}

export function lineStart(text: string, pos: number): number {
  return Math.max(text.lastIndexOf('\n', pos - 1), text.lastIndexOf('\r', pos - 1)) + 1;
}

/** Snippet code arrives with '\n' endings and maybe stray blank lines around it. */
export function normalizeSnippet(code: string, eol: string): string {
  return code
    .replace(/\r\n?/g, '\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd()
    .split('\n')
    .join(eol);
}

/** True when `inner` reads out of `outer` by deleting characters: an edit that only inserted. */
export function isSubsequence(inner: string, outer: string): boolean {
  let i = 0;
  for (let j = 0; j < outer.length && i < inner.length; j++) {
    if (outer[j] === inner[i]) i++;
  }
  return i === inner.length;
}

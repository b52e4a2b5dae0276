import type { PrintOptions } from './print-options.js';

/** A logical line of Prettier-shaped code: its indentation level (two columns each at Prettier's defaults) and its text. */
export interface LayoutLine {
  level: number;
  /** The half step of a JSDoc comment's later lines (` * …`). */
  extra: string;
  text: string;
  blank: boolean;
  /** A line of comment only. */
  comment: boolean;
  /** Ends with a `//` comment: nothing can join it. */
  lineComment: boolean;
  /** Holds a template literal's later lines. */
  multiline: boolean;
  /** Ended with `;` in the default text (a statement or a type member). */
  endsStatement: boolean;
  /** Its width as rendered with Prettier's defaults. */
  defaultLength: number;
}

type Options = Pick<PrintOptions, 'printWidth' | 'tabWidth' | 'bracketSpacing' | 'trailingComma'>;

/** What Prettier does with a group whose lines follow a line. */
type Kind = 'forced' | 'soft' | 'unknown';

/** Union members, when broken, start with `| `; flat, the first one has none. */
const binaryAtEnd = /(?:&&|\|\||\?\?|[+\-*/%|&]|===?|!==?|<=|>=| in| instanceof)$/;

/**
 * The line breaks Prettier makes at `options.printWidth`, from text broken as
 * it breaks it at 80 columns (where the built-in templates come from), after
 * restyling changed the width of lines. A line followed by more deeply
 * indented lines (and a closing bracket at its own level) is a group: Prettier
 * prints it on one line when that fits, outermost first, and else keeps it
 * broken and decides for the groups inside. Groups it always breaks (blocks,
 * object literals written broken, comments inside) stay broken.
 *
 * Where the rules Prettier follows are more than the width (member chains, the
 * parentheses it adds around a broken arrow body, hugging a last argument, a
 * binary expression that could fit on a line of its own), a group that might
 * print differently returns undefined, and the file goes to Prettier.
 */
export function relayout(lines: LayoutLine[], options: Options, widthChanged: boolean): LayoutLine[] | undefined {
  const out: LayoutLine[] = [];
  return layoutRange(lines, 0, lines.length, { ...options, widthChanged }, out, false) ? out : undefined;
}

function layoutRange(lines: LayoutLine[], start: number, end: number, options: Options & { widthChanged: boolean }, out: LayoutLine[], dependent: boolean): boolean {
  let carry: LayoutLine | undefined;
  for (let i = start; i < end; ) {
    const line = carry ?? lines[i]!;
    carry = undefined;
    if (line.blank) {
      out.push(line);
      i++;
      continue;
    }
    const unit = unitAt(lines, i, end, line.level);
    if (unit.childrenEnd === i + 1) {
      if (options.widthChanged && !dependent && runFits(lines, start, i, end, line, options)) return bail(line);
      out.push(line);
      i++;
      continue;
    }
    const kind = kindOf(lines, line, i, unit);
    if (kind !== 'forced' && options.widthChanged) {
      const flat = flatten(lines, line, i, unit, options);
      const width = indentWidth(line, options) + (flat?.length ?? Infinity);
      if (flat !== undefined && width <= options.printWidth) {
        // A member chain inside follows rules of its own: `.then()` lines may stay broken where they would fit.
        const chain = lines.slice(i + 1, unit.closer ?? unit.childrenEnd).some((l) => /^\??\.[A-Za-z_$#]/.test(l.text));
        if (kind === 'unknown' || chain) return bail(line);
        const last = unit.closer ?? unit.childrenEnd - 1;
        carry = { ...line, text: flat, endsStatement: lines[last]!.endsStatement, multiline: false, defaultLength: 0 };
        i = last;
        continue;
      }
      if (flat !== undefined && unit.closer !== undefined && !tailIsCertain(lines[unit.closer]!.text)) {
        const closerTail = lines[unit.closer]!.text.replace(/^[)\]}>]+/, '').length;
        if (width - closerTail <= options.printWidth) return bail(line);
      }
      if (flat === undefined && huggedFits(lines, line, i, unit, options)) return bail(line);
      if (flat !== undefined && lastArgumentHugFits(lines, line, i, unit, options)) return bail(line);
      if (binaryAtEnd.test(line.text) && chainFits(lines, line, i, unit.childrenEnd, options)) return bail(line);
    }
    out.push(line);
    const inner = unit.closer ?? unit.childrenEnd;
    // The operators of a condition in `if (…)`, or of a chain this line starts, break with the line's group, not on their own.
    const dependentRun = /^(if|else if|while|switch) \($/.test(line.text) || binaryAtEnd.test(line.text);
    if (!layoutRange(lines, i + 1, inner, options, out, dependentRun)) return false;
    if (unit.closer === undefined) {
      i = unit.childrenEnd;
      continue;
    }
    dropTrailingComma(out, lines[unit.closer]!.text, options);
    i = unit.closer;
  }
  return true;
}

/** The lines after `i` indented more deeply, and the closing bracket at its own level that ends them. */
function unitAt(lines: LayoutLine[], i: number, end: number, level: number): { childrenEnd: number; closer?: number } {
  let j = i + 1;
  while (j < end && deeper(lines, j, end, level)) j++;
  let childrenEnd = j;
  while (childrenEnd > i + 1 && lines[childrenEnd - 1]!.blank) childrenEnd--;
  const next = lines[childrenEnd];
  if (childrenEnd > i + 1 && childrenEnd < end && next && !next.blank && next.level === level && !next.extra && /^[)\]}>]/.test(next.text)) {
    return { childrenEnd, closer: childrenEnd };
  }
  return { childrenEnd };
}

function deeper(lines: LayoutLine[], j: number, end: number, level: number): boolean {
  let k = j;
  while (k < end && lines[k]!.blank) k++;
  return k < end && lines[k]!.level > level;
}

function kindOf(lines: LayoutLine[], line: LayoutLine, i: number, unit: { childrenEnd: number; closer?: number }): Kind {
  const text = line.text;
  const first = lines[i + 1]!.text;
  if (line.lineComment || line.comment || line.multiline) return 'forced';
  if (text.endsWith('{')) {
    if (/^(import|export)( type)? \{$/.test(text) || /^(const|let|var) \{$/.test(text)) return 'soft';
    const closer = unit.closer === undefined ? '' : lines[unit.closer]!.text;
    if (text.endsWith('({') && /^\}(:[^=]*\) =>|:[^=]*\) \{|\) =>|\) \{|\):)/.test(closer)) return 'soft';
    return 'forced';
  }
  if (/(=>|=) \($/.test(text)) return 'unknown';
  // The closing parenthesis of an `if` whose condition is broken: its statement is on the next line too.
  if (text === ')') return 'forced';
  if (text.endsWith('[')) {
    const items = childStarts(lines, i, unit);
    return items.length > 1 && items.every((t) => /^[{[]/.test(t)) ? 'unknown' : 'soft';
  }
  if (/[(<]$/.test(text)) return 'soft';
  if (/^\??\.[A-Za-z_$#]/.test(first)) return 'unknown';
  if (/^(case .*|default):$/.test(text)) return 'forced';
  if (/^(if|else if|for|while) \(.*\)$/.test(text) || text === 'else' || text === '} else') return 'soft';
  if (/(=>|=|:|\?)$/.test(text) || binaryAtEnd.test(text)) return 'soft';
  if (/^[?:] |^\| /.test(first)) return 'soft';
  return 'unknown';
}

/** The first lines of a group's items (the lines one level in). */
function childStarts(lines: LayoutLine[], i: number, unit: { childrenEnd: number }): string[] {
  const level = lines[i + 1]!.level;
  return lines.slice(i + 1, unit.childrenEnd).filter((l) => !l.blank && l.level === level && !/^[)\]}]/.test(l.text)).map((l) => l.text);
}

/** The group on one line, as Prettier prints it flat; undefined when something in it always breaks. */
function flatten(lines: LayoutLine[], line: LayoutLine, i: number, unit: { childrenEnd: number; closer?: number }, options: Options): string | undefined {
  const last = unit.closer ?? unit.childrenEnd - 1;
  const space = options.bracketSpacing ? ' ' : '';
  let text = line.text;
  const dropParens = /(^|\s)(return|throw) \($/.test(text) && /^\);?$/.test(lines[last]!.text);
  if (dropParens) text = text.slice(0, -1);
  for (let k = i + 1; k <= last; k++) {
    const next = lines[k]!;
    if (next.blank || next.comment || next.lineComment || next.multiline || (k < last && next.endsStatement)) return undefined;
    if (k < last && lines[k + 1]!.level > next.level && !lines[k + 1]!.blank) {
      const nested = unitAt(lines, k, last + 1, next.level);
      if (kindOf(lines, next, k, nested) === 'forced') return undefined;
    }
    let piece = next.text;
    if (k === i + 1 && piece.startsWith('| ')) piece = piece.slice(2);
    if (dropParens && k === last) piece = piece.slice(1);
    if (/^[)\]>]/.test(piece) || (k === last && dropParens)) text = text.replace(/,$/, '') + piece;
    else if (piece.startsWith('}')) text = text.replace(/,$/, '') + space + piece;
    else if (/[([<]$/.test(text) || (dropParens && k === i + 1)) text += piece;
    else if (/\{$/.test(text)) text += space + piece;
    else if (/^\??\.[A-Za-z_$#]/.test(piece)) text += piece;
    else text += ` ${piece}`;
  }
  return text;
}

/**
 * A group that cannot be flat (a block or an object literal inside) may still
 * be printed hugging that part when its first line fits (`foo(a, () => {`):
 * whether Prettier does is its call, so a hug that would fit is left to it.
 */
function huggedFits(lines: LayoutLine[], line: LayoutLine, i: number, unit: { childrenEnd: number; closer?: number }, options: Options): boolean {
  let width = indentWidth(line, options) + line.text.length;
  const level = lines[i + 1]!.level;
  for (let k = i + 1; k < unit.childrenEnd; k++) {
    const next = lines[k]!;
    if (next.blank || next.comment || next.lineComment || next.multiline || next.level !== level) return false;
    // A union breaks all its members, and never hugs one.
    if (next.text.startsWith('| ')) return false;
    width += next.text.length + 1;
    if (width > options.printWidth) return false;
    if (next.text.endsWith('{') || next.text.endsWith('`')) return true;
  }
  return false;
}

/**
 * Arguments too wide for one line may still be printed with the last one
 * (an object, array or function) broken and the rest on the first line:
 * when that first line fits, it is Prettier's call.
 */
function lastArgumentHugFits(lines: LayoutLine[], line: LayoutLine, i: number, unit: { childrenEnd: number; closer?: number }, options: Options): boolean {
  if (!line.text.endsWith('(') || unit.closer === undefined) return false;
  // Parameters (the closer followed by a body or a return type) hug only a sole destructured one, which is not this.
  if (/^\)(: .*)? (=>|\{)/.test(lines[unit.closer]!.text)) return false;
  const items = childStarts(lines, i, unit);
  const last = items[items.length - 1];
  if (!last || !/^(\{|\[|\(|async |function)/.test(last)) return false;
  const others = items.slice(0, -1).reduce((width, item) => width + item.length + 1, 0);
  return indentWidth(line, options) + line.text.length + others + 1 <= options.printWidth;
}

/**
 * A line ending in a binary operator whose chain stops before the group does
 * (`a &&` then `b` then `? x` and `: y`): the chain is a group of its own, and
 * Prettier prints it on one line when that fits.
 */
function chainFits(lines: LayoutLine[], line: LayoutLine, i: number, childrenEnd: number, options: Options): boolean {
  let width = indentWidth(line, options) + line.text.length;
  let k = i + 1;
  for (; k < childrenEnd && binaryAtEnd.test(lines[k - 1]!.text); k++) {
    if (lines[k]!.blank || lines[k]!.comment || lines[k]!.lineComment) return false;
    width += 1 + lines[k]!.text.length;
  }
  return k < childrenEnd && width <= options.printWidth;
}

/** After a group's closing bracket, text whose width Prettier counts as this does: nothing there can break. */
function tailIsCertain(closer: string): boolean {
  const tail = closer.replace(/^[)\]}>]+/, '');
  // A return type is in the group of the parameters: Prettier counts all of it.
  return /^[;,]?$/.test(tail) || /^(: [^()]*)?( =>)? \{$/.test(tail) || /^ from ['"][^'"]*['"];?$/.test(tail);
}

/**
 * A run of lines joined by binary operators at the same level (`a &&` then
 * `b`) is a group of its own, except inside `if (…)`: Prettier prints it on
 * one line when it fits there. Whether it would is left to Prettier.
 */
function runFits(lines: LayoutLine[], start: number, i: number, end: number, line: LayoutLine, options: Options): boolean {
  if (!binaryAtEnd.test(line.text) || line.lineComment || line.comment) return false;
  // Only from the run's first line.
  const before = lines[i - 1];
  if (i > start && before && !before.blank && before.level === line.level && binaryAtEnd.test(before.text)) return false;
  let width = indentWidth(line, options) + line.text.length;
  for (let k = i + 1; k < end && binaryAtEnd.test(lines[k - 1]!.text); k++) {
    const next = lines[k]!;
    if (next.blank || next.level !== line.level || next.comment) return false;
    width += 1 + next.text.length;
  }
  return width <= options.printWidth;
}

function dropTrailingComma(out: LayoutLine[], closer: string, options: Options): void {
  let k = out.length - 1;
  while (k >= 0 && out[k]!.blank) k--;
  const line = out[k];
  if (!line || !line.text.endsWith(',') || line.lineComment) return;
  const callOrTypeParameters = /^[)>]/.test(closer);
  if (options.trailingComma === 'none' || (options.trailingComma === 'es5' && callOrTypeParameters)) {
    out[k] = { ...line, text: line.text.slice(0, -1) };
  }
}

function indentWidth(line: LayoutLine, options: Options): number {
  return line.level * options.tabWidth + line.extra.length;
}

function bail(line: LayoutLine): false {
  if (process.env.DEBUG_RESTYLE) console.error('bail at', JSON.stringify(line.text), new Error().stack?.split('\n')[2]);
  return false;
}

import { binaryAtEnd, childStarts, indentWidth, type LayoutLine, type Options, type Unit } from './layout-lines.js';
import { chainFits, huggedFits, lastArgumentHugFits, runFits, tailIsCertain } from './relayout-doubts.js';

/** What Prettier does with a group whose lines follow a line. */
type Kind = 'forced' | 'soft' | 'unknown';

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
  return layoutRange(lines, 0, lines.length, { ...options, widthChanged }, out, false, undefined) ? out : undefined;
}

/** `closer`: the line that closes the range's group, whose trailing comma (on the range's last line) Prettier may leave out. */
function layoutRange(lines: LayoutLine[], start: number, end: number, options: Options & { widthChanged: boolean }, out: LayoutLine[], dependent: boolean, closer: string | undefined): boolean {
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
      if (options.widthChanged && !dependent && runFits(lines, start, i, end, line, options)) return false;
      out.push(line);
      i++;
      continue;
    }
    const kind = kindOf(lines, line, i, unit);
    if (kind !== 'forced' && options.widthChanged) {
      const flat = flatten(lines, line, i, unit, options);
      const lastLine = unit.closer ?? unit.childrenEnd - 1;
      const commaLeftOut = closer !== undefined && lastLine === end - 1 && flat?.endsWith(',') && commaDropped(closer, options) ? 1 : 0;
      const width = indentWidth(line, options) + (flat?.length ?? Infinity) - commaLeftOut;
      if (flat !== undefined && width <= options.printWidth) {
        // A member chain inside follows rules of its own: `.then()` lines may stay broken where they would fit.
        let chain = false;
        for (let k = i + 1; k < (unit.closer ?? unit.childrenEnd) && !chain; k++) chain = /^\??\.[A-Za-z_$#]/.test(lines[k]!.text);
        if (kind === 'unknown' || chain) return false;
        const last = unit.closer ?? unit.childrenEnd - 1;
        carry = { ...line, text: flat, endsStatement: lines[last]!.endsStatement, multiline: false, defaultLength: 0 };
        i = last;
        continue;
      }
      if (flat !== undefined && unit.closer !== undefined && !tailIsCertain(lines[unit.closer]!.text)) {
        const closerTail = lines[unit.closer]!.text.replace(/^[)\]}>]+/, '').length;
        if (width - closerTail <= options.printWidth) return false;
      }
      if (flat === undefined && huggedFits(lines, line, i, unit, options)) return false;
      if (flat !== undefined && lastArgumentHugFits(lines, line, i, unit, options)) return false;
      if (binaryAtEnd.test(line.text) && chainFits(lines, line, i, unit.childrenEnd, options)) return false;
    }
    out.push(line);
    const inner = unit.closer ?? unit.childrenEnd;
    // The operators of a condition in `if (…)`, or of a chain this line starts, break with the line's group, not on their own.
    const dependentRun = /^(if|else if|while|switch) \($/.test(line.text) || binaryAtEnd.test(line.text);
    if (!layoutRange(lines, i + 1, inner, options, out, dependentRun, unit.closer === undefined ? undefined : lines[unit.closer]!.text)) return false;
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
function unitAt(lines: LayoutLine[], i: number, end: number, level: number): Unit {
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

function kindOf(lines: LayoutLine[], line: LayoutLine, i: number, unit: Unit): Kind {
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

/** The group on one line, as Prettier prints it flat; undefined when something in it always breaks. */
function flatten(lines: LayoutLine[], line: LayoutLine, i: number, unit: Unit, options: Options): string | undefined {
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

function dropTrailingComma(out: LayoutLine[], closer: string, options: Options): void {
  let k = out.length - 1;
  while (k >= 0 && out[k]!.blank) k--;
  const line = out[k];
  if (!line || !line.text.endsWith(',') || line.lineComment) return;
  if (commaDropped(closer, options)) out[k] = { ...line, text: line.text.slice(0, -1) };
}

/** Whether Prettier leaves out the trailing comma before this closing line: `es5` keeps it in objects and arrays only. */
function commaDropped(closer: string, options: Options): boolean {
  return options.trailingComma === 'none' || (options.trailingComma === 'es5' && /^[)>]/.test(closer));
}


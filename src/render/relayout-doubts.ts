import { binaryAtEnd, childStarts, indentWidth, type LayoutLine, type Options, type Unit } from './layout-lines.js';

// Where Prettier's choice between layouts is more than whether a group fits
// (hugging an argument, a chain of operators that is a group of its own, text
// after a closing bracket that may itself break), relayout.ts does not guess:
// each check here answers whether Prettier might print a group differently,
// and then the file goes to Prettier.

/**
 * A group that cannot be flat (a block or an object literal inside) may still
 * be printed hugging that part when its first line fits (`foo(a, () => {`):
 * whether Prettier does is its call, so a hug that would fit is left to it.
 */
export function huggedFits(lines: LayoutLine[], line: LayoutLine, i: number, unit: Unit, options: Options): boolean {
  let width = indentWidth(line, options) + line.text.length;
  const level = lines[i + 1]!.level;
  for (let k = i + 1; k < unit.childrenEnd; k++) {
    const next = lines[k]!;
    if (next.blank || next.comment || next.lineComment || next.multiline || next.level !== level) return false;
    // A union breaks all its members, and never hugs one.
    if (next.text.startsWith('| ')) return false;
    width += next.text.length + 1;
    if (width > options.printWidth) return false;
    if (next.text.endsWith('{') || next.text.endsWith('`')) return !line.text.endsWith('(') || mayHug(lines, i, unit, k - i - 1, next.text);
  }
  return false;
}

/**
 * Whether Prettier may hug the argument `index` that always breaks: only the
 * last one (the others then flat), or a function first (the others flat).
 * An object first, with arguments after it, is printed with all expanded.
 */
function mayHug(lines: LayoutLine[], i: number, unit: Unit, index: number, first: string): boolean {
  const count = childStarts(lines, i, unit).length;
  if (index === count - 1) return true;
  return index === 0 && /^(async |function\b|\(|[A-Za-z_$][\w$]* =>)/.test(first);
}

/**
 * Arguments too wide for one line may still be printed with the last one
 * (an object, array or function) broken and the rest on the first line:
 * when that first line fits, it is Prettier's call.
 */
export function lastArgumentHugFits(lines: LayoutLine[], line: LayoutLine, i: number, unit: Unit, options: Options): boolean {
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
export function chainFits(lines: LayoutLine[], line: LayoutLine, i: number, childrenEnd: number, options: Options): boolean {
  let width = indentWidth(line, options) + line.text.length;
  let k = i + 1;
  for (; k < childrenEnd && binaryAtEnd.test(lines[k - 1]!.text); k++) {
    if (lines[k]!.blank || lines[k]!.comment || lines[k]!.lineComment) return false;
    width += 1 + lines[k]!.text.length;
  }
  return k < childrenEnd && width <= options.printWidth;
}

/** After a group's closing bracket, text whose width Prettier counts as this does: nothing there can break. */
export function tailIsCertain(closer: string): boolean {
  const tail = closer.replace(/^[)\]}>]+/, '');
  // A return type is in the group of the parameters: Prettier counts all of it.
  return /^[;,]?$/.test(tail) || /^(: [^()]*)?( =>)? \{$/.test(tail) || /^ from ['"][^'"]*['"];?$/.test(tail);
}

/**
 * A run of lines joined by binary operators at the same level (`a &&` then
 * `b`) is a group of its own, except inside `if (…)`: Prettier prints it on
 * one line when it fits there. Whether it would is left to Prettier.
 */
export function runFits(lines: LayoutLine[], start: number, i: number, end: number, line: LayoutLine, options: Options): boolean {
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


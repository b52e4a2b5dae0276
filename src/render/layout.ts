/**
 * The line breaking Prettier does, with its default options, for the few
 * constructs whose width depends on the user's names: parameter lists, the
 * braces of an import, object and array literals of simple items. Each stays
 * on one line when that line fits in 80 columns, else puts one item per line
 * with a trailing comma. Templates (every one gets this module as
 * `ctx.layout`) call these where a name is in the line;
 * test/unit/prettier-stable.test.ts compares the result with Prettier's.
 */
export const printWidth = 80;

/** `head(a, b)tail`, or with a line per item when that is too wide; `indent` is the column `head` starts at. */
export function list(head: string, items: string[], tail: string, indent = 0): string {
  return bracketed(head, '(', items, ')', tail, indent);
}

/**
 * `head{ a: 1, b: 2 }tail`, or with a line per entry when that is too wide;
 * `head{}tail` when there are none.
 */
export function object(head: string, entries: string[], tail: string, indent = 0): string {
  return entries.length === 0 ? `${head}{}${tail}` : bracketed(head, '{ ', entries, ' }', tail, indent);
}

/** `head[a, b]tail`, or with a line per element when that is too wide. */
export function array(head: string, elements: string[], tail: string, indent = 0): string {
  return bracketed(head, '[', elements, ']', tail, indent);
}

/** `import { a, b } from "module";`, broken as Prettier breaks it. */
export function importDeclaration(names: string[], module: string, typeOnly = false): string {
  const head = `import ${typeOnly ? 'type ' : ''}`;
  const tail = ` from "${module}";`;
  // Prettier keeps an import of one name on one line, however wide.
  if (names.length === 1) return `${head}{ ${names[0]} }${tail}`;
  return bracketed(head, '{ ', names, ' }', tail, 0);
}

/**
 * `if (condition) statement` on one line, or with the statement on the next
 * line when that is too wide, as Prettier breaks an `if` without braces.
 */
export function guard(indent: string, condition: string, statement: string): string {
  const oneLine = `${indent}if (${condition}) ${statement}`;
  return oneLine.length <= printWidth ? oneLine : `${indent}if (${condition})\n${indent}  ${statement}`;
}

/**
 * `head = callee("text");` as Prettier lays out a declaration whose value is
 * a call of one string: on one line when it fits; else, when the string is
 * short (at most a quarter of the width with its quotes), the call goes to the
 * next line; else the string does. A head too wide by itself is left to
 * Prettier.
 */
export function assignment(head: string, callee: string, text: string): string {
  const literal = `"${text}"`;
  const oneLine = `${head} = ${callee}(${literal});`;
  if (oneLine.length <= printWidth) return oneLine;
  if (literal.length <= printWidth / 4) return `${head} =\n  ${callee}(${literal});`;
  return `${head} = ${callee}(\n  ${literal},\n);`;
}

function bracketed(head: string, open: string, items: string[], close: string, tail: string, indent: number): string {
  const oneLine = `${head}${open}${items.join(', ')}${close}${tail}`;
  if (items.length === 0 || indent + oneLine.length <= printWidth) return oneLine;
  const pad = ' '.repeat(indent);
  return `${head}${open.trim()}\n${items.map((item) => `${pad}  ${item},`).join('\n')}\n${pad}${close.trim()}${tail}`;
}

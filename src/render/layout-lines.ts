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

export type Options = Pick<PrintOptions, 'printWidth' | 'tabWidth' | 'bracketSpacing' | 'trailingComma'>;

/** A line and the lines after it that are indented more deeply, up to (not with) its closing bracket's line. */
export interface Unit {
  childrenEnd: number;
  closer?: number;
}

/** A line that ends in a binary operator: its expression continues on the next line. */
export const binaryAtEnd = /(?:&&|\|\||\?\?|[+\-*/%|&]|===?|!==?|<=|>=| in| instanceof)$/;

/** The first lines of a group's items (the lines one level in). */
export function childStarts(lines: LayoutLine[], i: number, unit: Pick<Unit, 'childrenEnd'>): string[] {
  const level = lines[i + 1]!.level;
  return lines.slice(i + 1, unit.childrenEnd).filter((l) => !l.blank && l.level === level && !/^[)\]}]/.test(l.text)).map((l) => l.text);
}

export function indentWidth(line: LayoutLine, options: Options): number {
  return line.level * options.tabWidth + line.extra.length;
}

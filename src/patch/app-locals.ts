import { ts } from './typescript.cjs';
import { parseRouteSource } from './parse.js';

/** The declaration a `locals` guard needs: who the project's hook signed in. */
export const localsUserMember = 'user?: { id: string; role?: string };';

/** sv's `src/app.d.ts`, for a project that has none. */
const newAppDts = (indent: string) =>
  [
    '// See https://svelte.dev/docs/kit/types#app.d.ts',
    '// for information about these interfaces',
    'declare global {',
    `${indent}namespace App {`,
    `${indent}${indent}interface Locals {`,
    `${indent}${indent}${indent}${localsUserMember}`,
    `${indent}${indent}}`,
    `${indent}}`,
    '}',
    '',
    'export {};',
    '',
  ].join('\n');

/**
 * `src/app.d.ts` with `user` declared on `App.Locals`: a member added to the
 * interface, else the interface added to `namespace App`; every other byte
 * kept. Null when the file has no `namespace App` to add to (then the user
 * declares it: this does not guess where a hand-made file wants it). A file
 * that does not exist gets sv's own, with the member.
 */
export function declareLocalsUser(text: string | null, indentUnit = '  '): string | null {
  if (text === null) return newAppDts(indentUnit);
  const { sourceFile, text: source, bom } = parseRouteSource(text, 'app.d.ts');
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const app = findApp(sourceFile);
  if (app === undefined || app.body === undefined || !ts.isModuleBlock(app.body)) return null;
  const unit = indentOf(source) ?? indentUnit;
  const locals = app.body.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Locals');
  const at = (locals ?? app.body).end - 1; // before the closing brace
  const depth = lineIndent(source, (locals ?? app).getStart(sourceFile));
  const lines = locals ? [`${depth}${unit}${localsUserMember}`] : [`${depth}${unit}interface Locals {`, `${depth}${unit}${unit}${localsUserMember}`, `${depth}${unit}}`];
  // The closing brace stays on its own line, indented as it was.
  const lineStart = source.lastIndexOf('\n', at - 1) + 1;
  const closingOnOwnLine = source.slice(lineStart, at).trim() === '';
  const inserted = closingOnOwnLine ? `${lines.join(eol)}${eol}` : `${eol}${lines.join(eol)}${eol}${depth}`;
  const position = closingOnOwnLine ? lineStart : at;
  return `${bom ? '\uFEFF' : ''}${source.slice(0, position)}${inserted}${source.slice(position)}`;
}

function findApp(node: ts.Node): ts.ModuleDeclaration | undefined {
  if (ts.isModuleDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'App') return node;
  return ts.forEachChild(node, findApp);
}

/** The file's indentation unit: a tab, or the smallest run of spaces that starts a line. */
function indentOf(text: string): string | undefined {
  if (/^\t/m.test(text)) return '\t';
  const widths = [...text.matchAll(/^( +)\S/gm)].map((m) => m[1]!.length);
  return widths.length > 0 ? ' '.repeat(Math.min(...widths)) : undefined;
}

function lineIndent(text: string, position: number): string {
  const start = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

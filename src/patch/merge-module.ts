import { topLevelBindings } from './bindings.js';
import { detectStyle } from './detect-style.js';
import { referencedNames } from './identifiers.js';
import { readExports } from './read-exports.js';
import { planImports } from './imports.js';
import { parseRouteSource } from './parse.js';
import { applyInsertions, contentEnd, lineEndAfter, normalizeSnippet } from './text-edits.js';
import { ts } from './typescript.cjs';
import type { ImportSpec, TextInsertion } from './types.js';

export interface ModuleMerge {
  text: string;
  /** The top-level names added, in order. */
  added: string[];
}

/**
 * Adds to a module the user already has (a helper create-endpoint wrote once,
 * then theirs) the top-level declarations of a fresh render that it lacks,
 * with the imports they use. A declaration any of whose names the module
 * already binds is left out: the user's version stands, whatever they did to
 * it. Every byte of the module is kept; a second run adds nothing.
 */
export function addMissingDeclarations(existing: string, fresh: string, fileName: string): ModuleMerge {
  const parsed = parseRouteSource(existing, fileName);
  const bindings = topLevelBindings(parsed.sourceFile);
  // A name the module exports from a list (`export { readBody as readJsonObject }`) is there too.
  const exported = readExports(parsed.sourceFile).exportedNames;
  const typedefs = jsdocTypedefs(parsed.text);
  const rendered = parseRouteSource(fresh, fileName);
  const freshImports = importSpecs(rendered.sourceFile, rendered.text);
  const blocks: string[] = [];
  const added: string[] = [];
  const used = new Set<string>();
  for (const statement of rendered.sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) continue;
    const names = [...topLevelBindings(statementFile(statement, rendered.sourceFile)).keys()];
    if (names.length === 0 || names.some((n) => bindings.has(n) || exported.has(n))) continue;
    const code = ownComments(rendered.text, statement, typedefs) + rendered.text.slice(statement.getStart(rendered.sourceFile), statement.end);
    blocks.push(code);
    added.push(...names);
    const snippet = parseRouteSource(code, fileName);
    for (const name of referencedNames(snippet.sourceFile)) used.add(name);
  }
  if (blocks.length === 0) return { text: existing, added };
  const style = detectStyle(parsed.sourceFile, parsed.text, parsed.bom, []);
  const missing = (name: string) => used.has(name) && !bindings.has(name) && !added.includes(name);
  const importInsertions = planImports({ ...parsed, style, bindings }, freshImports.named.filter((spec) => missing(spec.name)));
  // `import * as v from "valibot"`, as the fresh render writes it, after the module's last import.
  const whole = freshImports.whole.filter((w) => missing(w.name)).map((w) => normalizeSnippet(w.code, style.eol));
  if (whole.length > 0) importInsertions.push(afterImports(parsed.sourceFile, parsed.text, whole.join(style.eol), style.eol));
  const end = contentEnd(parsed.text);
  const block = normalizeSnippet(blocks.join('\n\n'), style.eol);
  const tail = { pos: end, text: `${end === 0 ? '' : style.eol + style.eol}${block}${parsed.text.slice(end).includes('\n') ? '' : style.eol}` };
  const offset = parsed.bom ? 1 : 0;
  const insertions = [...importInsertions, tail].map((ins) => ({ pos: ins.pos + offset, text: ins.text }));
  return { text: applyInsertions(existing, insertions), added };
}

/**
 * The comments before a statement, as the fresh render has them, less what
 * belongs to the module rather than the statement: JavaScript's `@import`
 * lines, and `@typedef`s of names the module already declares.
 */
function ownComments(text: string, statement: ts.Statement, typedefs: Set<string>): string {
  const ranges = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
  return ranges
    .map((r) => text.slice(r.pos, r.end))
    .filter((c) => !c.includes('@import') && ![...jsdocTypedefs(c)].some((name) => typedefs.has(name)))
    .map((c) => `${c}\n`)
    .join('');
}

/** The names a JavaScript module declares in JSDoc: `@typedef {…} Name`. */
function jsdocTypedefs(text: string): Set<string> {
  return new Set([...text.matchAll(/@typedef\s+(?:\{[^}]*(?:\}[^}]*)*?\}\s+)?([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!));
}

/** A statement alone in a file, so topLevelBindings can name what it declares. */
function statementFile(statement: ts.Statement, sourceFile: ts.SourceFile): ts.SourceFile {
  return ts.factory.updateSourceFile(sourceFile, [statement]);
}

/** The fresh render's imports: named ones as specs to merge, default and namespace ones as whole declarations. */
function importSpecs(sourceFile: ts.SourceFile, text: string) {
  const named: ImportSpec[] = [];
  const whole: { name: string; code: string }[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    for (const [name, binding] of topLevelBindings(statementFile(statement, sourceFile))) {
      if (binding.kind !== 'import') continue;
      if (binding.imported === name) named.push({ module: binding.module, name, typeOnly: binding.typeOnly });
      else whole.push({ name, code: text.slice(statement.getStart(sourceFile), statement.end) });
    }
  }
  return { named, whole };
}

function afterImports(sourceFile: ts.SourceFile, text: string, code: string, eol: string): TextInsertion {
  const last = sourceFile.statements.filter(ts.isImportDeclaration).at(-1);
  if (!last) {
    // Below the file's opening comment, where an import would be.
    const header = /^(?:\/\/.*\r?\n)+(?:[ \t]*\r?\n)?/.exec(text)?.[0] ?? '';
    return { pos: header.length, text: `${code}${eol}${eol}` };
  }
  const at = lineEndAfter(text, last.end);
  return { pos: at.pos, text: `${eol}${code}${at.atLineEnd ? '' : eol}` };
}

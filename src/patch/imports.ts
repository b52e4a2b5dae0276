import { ts } from './typescript.cjs';
import { describeBinding, type Binding } from './bindings.js';
import { RouteFilePatchError } from './errors.js';
import { blankLineFollows, lineEndAfter, lineStart, skipTrivia } from './text-edits.js';
import type { ImportSpec, RouteFileStyle, TextInsertion } from './types.js';

interface ImportContext {
  sourceFile: ts.SourceFile;
  /** The file text without BOM; positions below refer to it. */
  text: string;
  isJs: boolean;
  style: RouteFileStyle;
  bindings: Map<string, Binding>;
}

/**
 * Plans the insertions that make every spec importable.
 *
 * Rule for type-only specs: they merge into an existing `import type { … }` from
 * the module, else get a new `import type { … }` declaration. They never become
 * an inline `type X` specifier in a value import: a separate declaration is valid
 * under every `verbatimModuleSyntax`/`isolatedModules` setting and is what
 * SvelteKit's own code (`import type { RequestHandler } from './$types'`) does.
 */
export function planImports(ctx: ImportContext, specs: readonly ImportSpec[]): TextInsertion[] {
  const merges = new Map<ts.NamedImports, string[]>();
  const fresh = new Map<string, { module: string; typeOnly: boolean; names: string[] }>();
  const planned = new Map<string, ImportSpec>();

  for (const spec of specs) {
    const typeOnly = spec.typeOnly === true;
    const already = planned.get(spec.name);
    if (already) {
      if (already.module !== spec.module) {
        throw new RouteFilePatchError(`The new code imports \`${spec.name}\` from both '${already.module}' and '${spec.module}'.`);
      }
      continue;
    }
    const existing = ctx.bindings.get(spec.name);
    if (existing) {
      checkExistingBinding(spec, existing);
      continue;
    }
    if (typeOnly && ctx.isJs) {
      throw new RouteFilePatchError(`The new code needs the type \`${spec.name}\`, but a JavaScript file cannot import types.`);
    }
    planned.set(spec.name, spec);
    const target = findMergeTarget(ctx.sourceFile, spec.module, typeOnly);
    if (target) {
      merges.set(target, [...(merges.get(target) ?? []), spec.name]);
    } else {
      const key = `${typeOnly ? 'type ' : ''}${spec.module}`;
      const group = fresh.get(key) ?? { module: spec.module, typeOnly, names: [] };
      group.names.push(spec.name);
      fresh.set(key, group);
    }
  }

  const out: TextInsertion[] = [];
  for (const [namedImports, names] of merges) out.push(...mergeSpecifiers(ctx, namedImports, names));
  if (fresh.size > 0) out.push(newDeclarations(ctx, [...fresh.values()]));
  return out;
}

/**
 * The same module whatever the spelling of a project file's extension:
 * `./$types` and `./$types.js`, `$lib/server/x` and `$lib/server/x.js`.
 */
export function sameModule(a: string, b: string): boolean {
  if (a === b) return true;
  const local = (m: string) => /^(?:\.|\$|#|@\/|~\/)/.test(m);
  const bare = (m: string) => m.replace(/\.(?:[cm]?[jt]s)$/, '');
  return local(a) && local(b) && bare(a) === bare(b);
}

function checkExistingBinding(spec: ImportSpec, existing: Binding): void {
  const same = existing.kind === 'import' && sameModule(existing.module, spec.module) && existing.imported === spec.name;
  if (same && (spec.typeOnly === true || !existing.typeOnly)) return;
  if (same) {
    throw new RouteFilePatchError(
      `The new code uses \`${spec.name}\` as a value, but this file imports it from '${spec.module}' as a type only; ` +
        `change that import to a value import and run again.`,
    );
  }
  throw new RouteFilePatchError(
    `${describeBinding(spec.name, existing)}, but the new code needs \`${spec.name}\` from '${spec.module}'; rename one of them and run again.`,
  );
}

function findMergeTarget(sourceFile: ts.SourceFile, module: string, typeOnly: boolean): ts.NamedImports | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!sameModule(statement.moduleSpecifier.text, module)) continue;
    const clause = statement.importClause;
    // Import attributes (`with { type: 'json' }`) make it a different kind of import.
    if (!clause || clause.isTypeOnly !== typeOnly || statement.attributes) continue;
    if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) return clause.namedBindings;
  }
  return undefined;
}

/** Adds names to `{ … }` the way its author laid it out: on one line, or one a line with their indentation and trailing comma. */
function mergeSpecifiers(ctx: ImportContext, namedImports: ts.NamedImports, names: string[]): TextInsertion[] {
  const { text, sourceFile, style } = ctx;
  const elements = namedImports.elements;
  const open = namedImports.getStart(sourceFile);
  const first = elements[0];
  const last = elements[elements.length - 1];
  if (!first || !last) {
    const inner = text.slice(open + 1, namedImports.end - 1);
    return [{ pos: open + 1, text: inner.length === 0 ? ` ${names.join(', ')} ` : ` ${names.join(', ')}` }];
  }
  const comma = elements.hasTrailingComma ? skipTrivia(text, last.end) : -1;
  const multiline = /[\r\n]/.test(text.slice(open + 1, first.getStart(sourceFile)));
  if (!multiline) {
    if (comma >= 0) return [{ pos: comma + 1, text: names.map((n) => ` ${n},`).join('') }];
    return [{ pos: last.end, text: names.map((n) => `, ${n}`).join('') }];
  }
  const firstStart = first.getStart(sourceFile);
  const lead = text.slice(lineStart(text, firstStart), firstStart);
  const indent = /^[ \t]*$/.test(lead) ? lead : style.indent;
  if (comma >= 0) {
    const at = lineEndAfter(text, comma + 1);
    return [{ pos: at.pos, text: names.map((n) => `${style.eol}${indent}${n},`).join('') }];
  }
  const at = lineEndAfter(text, last.end);
  const lines = names.map((n, i) => `${style.eol}${indent}${n}${i < names.length - 1 ? ',' : ''}`).join('');
  return [
    { pos: last.end, text: ',' },
    { pos: at.pos, text: lines },
  ];
}

function newDeclarations(ctx: ImportContext, groups: { module: string; typeOnly: boolean; names: string[] }[]): TextInsertion {
  const { style, text } = ctx;
  const decls = groups.map((g) => {
    const module = quoteString(g.module, style.quote);
    return `import ${g.typeOnly ? 'type ' : ''}{ ${g.names.join(', ')} } from ${module}${style.semicolons ? ';' : ''}`;
  });
  const block = decls.join(style.eol);
  const { eol } = style;

  const imports = ctx.sourceFile.statements.filter((s) => ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s));
  const lastImport = imports[imports.length - 1];
  if (lastImport) {
    const at = lineEndAfter(text, lastImport.end);
    return { pos: at.pos, text: `${eol}${block}${at.atLineEnd ? '' : eol}` };
  }

  const anchor = prologueEnd(ctx);
  if (anchor !== undefined) {
    const at = lineEndAfter(text, anchor);
    const after = at.atLineEnd && blankLineFollows(text, at.pos) ? '' : eol;
    return { pos: at.pos, text: `${eol}${eol}${block}${after}` };
  }
  // Top of the file: keep a blank line between the imports and the code.
  const startsBlank = /^[ \t]*(?:\r?\n|$)/.test(text);
  return { pos: 0, text: `${block}${eol}${startsBlank && text.trim() !== '' ? '' : eol}` };
}

/**
 * End of what must stay above the imports: a shebang, the directive prologue
 * ('use server', 'use strict'), and a header comment block that is set apart
 * from the code by a blank line (a licence, a file description). A comment
 * directly above the first statement documents that statement and stays with it.
 */
function prologueEnd(ctx: ImportContext): number | undefined {
  const { text, sourceFile } = ctx;
  let end: number | undefined;
  if (text.startsWith('#!')) {
    const nl = text.search(/[\r\n]/);
    end = nl === -1 ? text.length : nl;
  }
  let firstCode: ts.Statement | undefined;
  for (const statement of sourceFile.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) {
      firstCode = statement;
      break;
    }
    end = statement.end;
  }

  const codeStart = firstCode ? firstCode.getStart(sourceFile) : text.length;
  const comments = ts.getLeadingCommentRanges(text, end ?? 0) ?? [];
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i];
    if (!comment) continue;
    const next = comments[i + 1]?.pos ?? codeStart;
    if (!firstCode || /\r?\n[ \t]*\r?\n/.test(text.slice(comment.end, next))) return comment.end;
  }
  return end;
}

function quoteString(value: string, quote: "'" | '"'): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(quote === "'" ? /'/g : /"/g, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

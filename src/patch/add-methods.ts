import { modelRouteFile } from './analyze.js';
import { describeBinding, topLevelBindings } from './bindings.js';
import { RouteFilePatchError, RouteFileSyntaxError } from './errors.js';
import { referencedNames } from './identifiers.js';
import { planImports } from './imports.js';
import { parseRouteSource } from './parse.js';
import { readExports, type FoundMethod } from './read-exports.js';
import { applyInsertions, blankLineFollows, contentEnd, lineEndAfter, normalizeSnippet } from './text-edits.js';
import type { ChangedStatement, ImportSpec, MethodSnippet, PatchResult, ResponseWrap, TextInsertion, UnwrappedMethod } from './types.js';
import { planResponseWrapping } from './wrap-responses.js';

export interface PatchPlan {
  /** Insertions into the original text (offsets count the BOM if there is one); nothing else changes. */
  insertions: TextInsertion[];
  added: string[];
  skipped: string[];
  importsChanged: boolean;
  wrapped: string[];
  unwrapped: UnwrappedMethod[];
  /** The statements that gain an insertion, where they are and where they will be. */
  changedStatements: ChangedStatement[];
}

/**
 * Adds the snippets whose method the file does not export yet, and the imports
 * their code uses; with `wrap`, also wraps the responses of the methods the
 * file has. Every byte of the input survives in order; running it again on its
 * own output changes nothing.
 */
export function addMethodExports(text: string, fileName: string, snippets: MethodSnippet[], imports: ImportSpec[], wrap?: ResponseWrap): PatchResult {
  const plan = planMethodExports(text, fileName, snippets, imports, wrap);
  return {
    text: applyInsertions(text, plan.insertions),
    added: plan.added,
    skipped: plan.skipped,
    importsChanged: plan.importsChanged,
    wrapped: plan.wrapped,
    unwrapped: plan.unwrapped,
    changedStatements: plan.changedStatements,
  };
}

export function planMethodExports(text: string, fileName: string, snippets: MethodSnippet[], imports: ImportSpec[], wrap?: ResponseWrap): PatchPlan {
  const { parsed, exports, style } = modelRouteFile(text, fileName);
  const star = exports.starExports[0];
  if (star !== undefined) {
    throw new RouteFilePatchError(
      `${fileName} re-exports everything from '${star}' (export *), so which methods it exports cannot be known for sure; ` +
        `replace it with named exports and run again.`,
    );
  }

  const bindings = topLevelBindings(parsed.sourceFile);
  const taken = new Set(exports.exportedNames);
  const declared = new Map<string, string>(); // name → the method whose new code declares it
  const added: string[] = [];
  const skipped: string[] = [];
  const codes: string[] = [];
  const used = new Set<string>();

  for (const snippet of snippets) {
    if (taken.has(snippet.name)) {
      skipped.push(snippet.name);
      continue;
    }
    const code = normalizeSnippet(snippet.code, style.eol);
    const snippetFile = parseSnippet(code, fileName, snippet.name);
    const snippetExports = readExports(snippetFile.sourceFile).exportedNames;
    if (!snippetExports.has(snippet.name)) {
      throw new RouteFilePatchError(`The code given for ${snippet.name} does not export ${snippet.name}.`);
    }
    const snippetBindings = topLevelBindings(snippetFile.sourceFile);
    for (const name of snippetExports) {
      if (taken.has(name)) throw new RouteFilePatchError(`The code for ${snippet.name} exports \`${name}\`, which ${fileName} already exports.`);
    }
    for (const name of snippetBindings.keys()) {
      const clash = bindings.get(name);
      if (clash) throw new RouteFilePatchError(`The code for ${snippet.name} declares \`${name}\`, but ${describeBinding(name, clash)}.`);
      const other = declared.get(name);
      if (other) throw new RouteFilePatchError(`The code for ${snippet.name} and for ${other} both declare \`${name}\`.`);
    }
    for (const name of snippetExports) taken.add(name);
    for (const name of snippetBindings.keys()) declared.set(name, snippet.name);
    for (const name of referencedNames(snippetFile.sourceFile)) used.add(name);
    codes.push(code);
    added.push(snippet.name);
  }
  const wrapping = wrap
    ? planResponseWrapping({ ...parsed, style, bindings, methods: exports.methods }, wrap)
    : { insertions: [], wrapped: [], unwrapped: [], imports: [], statements: [] };
  const none = { wrapped: wrapping.wrapped, unwrapped: wrapping.unwrapped, changedStatements: [] };
  if (codes.length === 0 && wrapping.insertions.length === 0) return { insertions: [], added, skipped, importsChanged: false, ...none };

  const needed = [...imports.filter((spec) => used.has(spec.name) && !declared.has(spec.name)), ...wrapping.imports];
  const importInsertions = planImports({ ...parsed, style, bindings }, needed);
  // Wrapping first: a closing parenthesis at a handler's end comes before new methods placed there.
  const insertions = [...importInsertions, ...wrapping.insertions];
  if (codes.length > 0) insertions.push(placeMethods(parsed.text, exports.methods, codes.join(style.eol + style.eol), style.eol));
  const offset = parsed.bom ? 1 : 0;
  // A statement's text moves by what is inserted before it, and grows by what is inserted inside (a closing parenthesis at its very end too).
  const grown = (pos: number, atEnd: boolean) =>
    offset + pos + insertions.filter((i) => i.pos < pos || (atEnd && i.pos === pos && wrapping.insertions.includes(i))).reduce((n, i) => n + i.text.length, 0);
  return {
    insertions: insertions.map((ins) => ({ pos: ins.pos + offset, text: ins.text })),
    added,
    skipped,
    importsChanged: importInsertions.length > 0,
    ...none,
    changedStatements: wrapping.statements.map((r) => ({
      start: grown(r.start, false),
      end: grown(r.end, true),
      original: { start: r.start + offset, end: r.end + offset },
    })),
  };
}

/** After the last method export, else at the end of the file; one blank line on either side. */
function placeMethods(text: string, methods: FoundMethod[], block: string, eol: string): TextInsertion {
  let anchor = -1;
  for (const method of methods) anchor = Math.max(anchor, method.statement.end);
  if (anchor < 0) {
    anchor = contentEnd(text);
    if (anchor === 0) return { pos: 0, text: text.startsWith('\n') || text.startsWith('\r\n') ? block : block + eol };
  }
  const at = lineEndAfter(text, anchor);
  const after = !at.atLineEnd ? eol + eol : blankLineFollows(text, at.pos) ? '' : eol;
  return { pos: at.pos, text: `${eol}${eol}${block}${after}` };
}

function parseSnippet(code: string, fileName: string, name: string) {
  try {
    return parseRouteSource(code, fileName);
  } catch (error) {
    if (error instanceof RouteFileSyntaxError) {
      throw new RouteFilePatchError(`The code given for ${name} does not parse (line ${error.line}, column ${error.column}): ${error.detail}`);
    }
    throw error;
  }
}

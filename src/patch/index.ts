/**
 * Route-file patching: pure text in, text out, no disk and no formatter.
 *
 * - Methods already exported (in any form) are skipped and never touched.
 * - New methods go after the last method export, else at the end of the file,
 *   with one blank line around them, in the file's line endings.
 * - Imports merge into a declaration from the same module in its own layout;
 *   type-only specs use `import type { … }` (never an inline `type X`); new
 *   declarations go after the last import, else below any shebang, directive
 *   prologue and header comment. Only names the new code uses are imported.
 * - A name clash or an `export *` is a RouteFilePatchError, a parse error a
 *   RouteFileSyntaxError (1-based line and column of the first error).
 */
export { analyzeRouteFile } from './analyze.js';
export { addMethodExports, planMethodExports, type PatchPlan } from './add-methods.js';
export { RouteFilePatchError, RouteFileSyntaxError } from './errors.js';
export { applyInsertions } from './text-edits.js';
export { touchedImports } from './touched-imports.js';
export {
  HTTP_METHODS,
  type ChangedStatement,
  isHttpMethod,
  type ExportForm,
  type HttpMethod,
  type ImportSpec,
  type MethodExport,
  type MethodSnippet,
  type PatchResult,
  type ResponseWrap,
  type RouteFileAnalysis,
  type RouteFileStyle,
  type TextInsertion,
  type UnwrappedMethod,
} from './types.js';

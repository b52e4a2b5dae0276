export { analyzeRouteFile } from './analyze.js';
export { addMethodExports, planMethodExports, type PatchPlan } from './add-methods.js';
export { RouteFilePatchError, RouteFileSyntaxError } from './errors.js';
export { applyInsertions } from './text-edits.js';
export {
  HTTP_METHODS,
  isHttpMethod,
  type ExportForm,
  type HttpMethod,
  type ImportSpec,
  type MethodExport,
  type MethodSnippet,
  type PatchResult,
  type RouteFileAnalysis,
  type RouteFileStyle,
  type TextInsertion,
} from './types.js';

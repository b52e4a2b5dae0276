import { detectStyle } from './detect-style.js';
import { parseRouteSource, type ParsedFile } from './parse.js';
import { readExports, type ExportIndex } from './read-exports.js';
import type { RouteFileAnalysis, RouteFileStyle } from './types.js';

export interface RouteFileModel {
  parsed: ParsedFile;
  exports: ExportIndex;
  style: RouteFileStyle;
}

/** One parse, shared by analysis and patching. */
export function modelRouteFile(text: string, fileName: string): RouteFileModel {
  const parsed = parseRouteSource(text, fileName);
  const exports = readExports(parsed.sourceFile);
  const style = detectStyle(parsed.sourceFile, parsed.text, parsed.bom, exports.methods);
  return { parsed, exports, style };
}

/** Reads a route file's method exports and coding style. Throws RouteFileSyntaxError on the first syntax error. */
export function analyzeRouteFile(text: string, fileName: string): RouteFileAnalysis {
  const { exports, style } = modelRouteFile(text, fileName);
  return {
    methods: exports.methods.map(({ name, form, line }) => ({ name, form, line })),
    starExports: exports.starExports,
    style,
    hasDefaultExport: exports.hasDefaultExport,
  };
}

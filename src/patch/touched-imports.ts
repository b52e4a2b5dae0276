import { parseRouteSource } from './parse.js';
import { ts } from './typescript.cjs';

export interface TextRange {
  start: number;
  end: number;
}

/**
 * The import declarations of a patched file that the patch wrote or changed
 * (any not found, to the byte, among the original's), as ranges of `after`:
 * the only code outside the new methods that may need formatting.
 */
export function touchedImports(before: string, after: string, fileName: string): TextRange[] {
  const original = new Set(importTexts(before, fileName).map((d) => d.text));
  return importTexts(after, fileName)
    .filter((d) => !original.has(d.text))
    .map(({ start, end }) => ({ start, end }));
}

function importTexts(text: string, fileName: string): (TextRange & { text: string })[] {
  const parsed = parseRouteSource(text, fileName);
  const offset = parsed.bom ? 1 : 0;
  return parsed.sourceFile.statements.filter(ts.isImportDeclaration).map((d) => {
    const start = d.getStart(parsed.sourceFile) + offset;
    const end = d.end + offset;
    return { start, end, text: text.slice(start, end) };
  });
}

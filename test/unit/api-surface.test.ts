// The programmatic API's surface, as TypeScript sees it from src/index.ts:
// every export with its signature, or its members for an interface. It is
// checked in at api/surface.txt, so a change to the API shows in review;
// UPDATE_API=1 rewrites the file after a deliberate change.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
const surfaceFile = fileURLToPath(new URL('../../api/surface.txt', import.meta.url));
const flags = ts.TypeFormatFlags.NoTruncation;

function describeSurface(): string {
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, types: ['node'] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  // Types from other modules print as import("…/src/x").Name: the name is enough.
  const relative = (text: string) => text.replace(/import\("[^"]*"(?:, \{ with: \{[^}]*\} \})?\)\./g, '');
  const lines: string[] = [];
  for (const exported of checker.getExportsOfModule(module).sort((a, b) => a.name.localeCompare(b.name))) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (!declaration) continue;
    if (symbol.flags & ts.SymbolFlags.Function) {
      const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
      for (const signature of type.getCallSignatures()) lines.push(`function ${exported.name}${relative(checker.signatureToString(signature, undefined, flags))}`);
    } else if (symbol.flags & ts.SymbolFlags.Class) {
      lines.push(`class ${exported.name}`);
    } else if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      if (symbol.flags & ts.SymbolFlags.TypeAlias && !(type.flags & ts.TypeFlags.Object)) {
        lines.push(`type ${exported.name} = ${relative(checker.typeToString(type, undefined, flags | ts.TypeFormatFlags.InTypeAlias))}`);
        continue;
      }
      lines.push(`interface ${exported.name}`);
      for (const property of checker.getPropertiesOfType(type)) {
        const optional = property.flags & ts.SymbolFlags.Optional ? '?' : '';
        lines.push(`  ${property.name}${optional}: ${relative(checker.typeToString(checker.getTypeOfSymbolAtLocation(property, declaration), undefined, flags))}`);
      }
    } else {
      lines.push(`const ${exported.name}: ${relative(checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, declaration), undefined, flags))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('programmatic API surface', () => {
  it('is what api/surface.txt says', () => {
    const surface = describeSurface();
    if (process.env.UPDATE_API) writeFileSync(surfaceFile, surface);
    expect(surface).toBe(readFileSync(surfaceFile, 'utf8'));
    // The API covers generation, add and the route table.
    for (const name of ['planGeneration', 'planAdd', 'listRoutes', 'findRouteFile', 'applyPlan', 'planDiff']) expect(surface).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
  });
});

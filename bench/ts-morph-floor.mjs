// The floor for `create-endpoint add`: load ts-morph, parse one route file
// (no type-checker, no tsconfig, no lib files) and add one exported function.
// Usage: node bench/ts-morph-floor.mjs <route file> <METHOD> [--require]
//
// By default ts-morph is loaded the way an ES module script naturally does it,
// with `import`. With --require it is loaded with require(), which skips
// Node's scan of the CommonJS bundle for export names: the lowest floor.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [file, method = 'PATCH', how] = process.argv.slice(2);
const { Project } = how === '--require' ? createRequire(import.meta.url)('ts-morph') : await import('ts-morph');
const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
const source = project.createSourceFile('route.ts', readFileSync(file, 'utf8'));
if (!source.getFunction(method)) {
  source.addFunction({
    isExported: true,
    isAsync: true,
    name: method,
    parameters: [{ name: '_request', type: 'Request' }],
    statements: [`return Response.json({ error: 'Not implemented' }, { status: 501 });`],
  });
  writeFileSync(file, source.getFullText());
}

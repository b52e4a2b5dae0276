// The floor for `create-endpoint add`: load ts-morph, parse one route file
// (no type-checker, no tsconfig, no lib files) and add one exported function.
// Usage: node bench/ts-morph-floor.mjs <route file> <METHOD>
import { readFileSync, writeFileSync } from 'node:fs';
import { Project } from 'ts-morph';

const [file, method = 'PATCH'] = process.argv.slice(2);
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

// What makes one resource as fast as hygen (npm run bench, cases a and e):
// the built CLI prints the templates without loading TypeScript or Prettier.
// A static import that pulls either into every run (the AST patcher, say)
// fails here, deterministically, where the bench would only show a slower run.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nextPackageJson, runCli, useTempProjects } from './run-cli.js';

const project = useTempProjects();
const hook = fileURLToPath(new URL('./fixtures/log-heavy-modules.cjs', import.meta.url));

describe('one resource loads neither TypeScript nor Prettier', () => {
  it.each([
    ["Prettier's defaults", {}],
    ["sv's Prettier config (printed without Prettier)", { 'prettier.config.js': "/** @type {import('prettier').Config} */\nconst config = {\n\tuseTabs: true,\n\tsingleQuote: true,\n\ttrailingComma: 'none',\n\tprintWidth: 100\n};\n\nexport default config;\n" }],
  ])('%s', async (_label, files) => {
    const dir = project({ 'package.json': nextPackageJson, 'src/app/layout.tsx': '', ...files });
    const result = await runCli(['todos', '--fields', 'title:string,done:boolean', '--yes'], { cwd: dir, env: { NODE_OPTIONS: `--require ${hook}` } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('the hook sees them when a run does load them (add parses the route)', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'src/app/api/ping/route.ts': 'export function GET() {\n  return Response.json({});\n}\n' });
    const result = await runCli(['add', 'src/app/api/ping/route.ts', 'POST', '--yes'], { cwd: dir, env: { NODE_OPTIONS: `--require ${hook}` } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('loaded ts-morph');
  });
});

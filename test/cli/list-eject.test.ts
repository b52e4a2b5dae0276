import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextPackageJson, runCli, snapshotTree, sveltekitPackageJson, useTempProjects } from './run-cli.js';

const project = useTempProjects();

describe('list', () => {
  it("prints the project's routes with the methods each file exports", async () => {
    const dir = project({
      'package.json': sveltekitPackageJson,
      'src/routes/(admin)/api/users/+server.ts': 'export const GET = () => new Response();\nexport { handler as POST };\nconst handler = () => new Response();\n',
      'src/routes/+page.svelte': '',
    });
    expect((await runCli(['todos', '--methods', 'GET,DELETE'], { cwd: dir })).code).toBe(0);
    const result = await runCli(['list', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).routes).toEqual([
      { url: '/api/todos', file: 'src/routes/api/todos/+server.ts', methods: ['GET'] },
      { url: '/api/todos/[id]', file: 'src/routes/api/todos/[id]/+server.ts', methods: ['GET', 'DELETE'] },
      { url: '/api/users', file: 'src/routes/(admin)/api/users/+server.ts', methods: ['GET', 'POST'] },
    ]);
    const table = await runCli(['list'], { cwd: dir });
    expect(table.stdout).toMatch(/GET,DELETE\s+\/api\/todos\/\[id\]\s+src\/routes\/api\/todos\/\[id\]\/\+server\.ts/);
  });
});

describe('eject', () => {
  it('copies the built-in templates into the project, where an edit changes what is generated', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    const result = await runCli(['eject', 'crud'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const partial = join(dir, '.create-endpoint/templates/crud/item.DELETE.ejs');
    writeFileSync(partial, readFileSync(partial, 'utf8').replace("return new Response(null, { status: 204 });", "return new Response(null, { status: 204, headers: { 'x-deleted': 'yes' } });"));
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'app/api/todos/[id]/route.ts'), 'utf8')).toContain('"x-deleted": "yes"');
    // Ejecting again keeps the edit: the file differs, so it is a conflict without --force.
    const again = await runCli(['eject', 'crud'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(readFileSync(partial, 'utf8')).toContain('x-deleted');
  });

  it('an unknown template is exit 2 listing the known ones, nothing written', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    const result = await runCli(['eject', 'graphql'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No built-in template "graphql"; there are .*crud/);
    expect(snapshotTree(dir)).toEqual({ 'package.json': nextPackageJson });
  });
});

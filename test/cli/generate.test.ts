import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextPackageJson, runCli, snapshotTree, sveltekitPackageJson, useTempProjects } from './run-cli.js';

const project = useTempProjects();

// What each run writes is planned in process in test/unit/generate-plan.test.ts;
// these runs of the built CLI hold what only the CLI does: its report, the
// views of one plan, exit codes and bad input.
describe('generate: the report of a run', () => {
  it('lists the files it created and what to do next, on stdout, with nothing on stderr', async () => {
    const dir = project({ 'package.json': JSON.stringify({ ...JSON.parse(nextPackageJson), scripts: { dev: 'next dev' } }), 'src/app/layout.tsx': '' });
    const result = await runCli(['todos', '--fields', 'title:string,done:boolean'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/created\s+src\/app\/api\/todos\/route\.ts/);
    expect(result.stdout).toMatch(/created\s+src\/app\/api\/todos\/\[id\]\/route\.ts/);
    expect(result.stdout).toContain('Next: ');
    expect(existsSync(join(dir, 'src/lib/server/resources/todos.ts'))).toBe(true);
  });

  it('--json names the framework version it wrote for: the installed one over the declared range', async () => {
    const dir = project({
      'package.json': JSON.stringify({ devDependencies: { '@sveltejs/kit': '^3.0.0', typescript: '^5' } }),
      'node_modules/@sveltejs/kit/package.json': JSON.stringify({ name: '@sveltejs/kit', version: '2.70.1' }),
    });
    const result = await runCli(['todos', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).frameworkVersion).toEqual({ major: 2, minor: 70, source: 'installed' });
  });

  it('--methods is read case-insensitively, --no-format writes the templates as they are', async () => {
    const dir = project({ 'package.json': sveltekitPackageJson, '.prettierrc': '{ "useTabs": true }' });
    expect((await runCli(['todos', '--methods', 'get,post', '--no-format'], { cwd: dir })).code).toBe(0);
    const text = readFileSync(join(dir, 'src/routes/api/todos/[id]/+server.ts'), 'utf8');
    expect(text).toContain('export const GET');
    expect(text).not.toContain('PUT');
    expect(text).not.toContain('\t');
  });
});

describe('generate: one plan, several views', () => {
  it('--dry-run prints a unified diff and writes nothing', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    const before = snapshotTree(dir);
    const result = await runCli(['todos', '--dry-run'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--- /dev/null');
    expect(result.stdout).toContain('+++ b/app/api/todos/route.ts');
    expect(result.stdout).toMatch(/^\+export async function GET/m);
    expect(result.stdout).toContain('would create');
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('--check exits 1 when files would change, 0 when up to date, and writes nothing', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    const before = snapshotTree(dir);
    expect((await runCli(['todos', '--check'], { cwd: dir })).code).toBe(1);
    expect(snapshotTree(dir)).toEqual(before);
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    const check = await runCli(['todos', '--check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Up to date');
  });

  it('--json prints one JSON document with every file and its action', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    const first = JSON.parse((await runCli(['todos', '--json'], { cwd: dir })).stdout);
    expect(first.ok).toBe(true);
    expect(first.written).toBe(true);
    expect(first.files).toContainEqual({ path: 'app/api/todos/route.ts', action: 'create', added: ['GET', 'POST'], skipped: [] });
    const second = JSON.parse((await runCli(['todos', '--json'], { cwd: dir })).stdout);
    expect(second.files.every((f: { action: string }) => f.action === 'unchanged')).toBe(true);
    expect(second.written).toBe(false);
  });

  it('a second identical run changes nothing and exits 0', async () => {
    const dir = project({ 'package.json': sveltekitPackageJson });
    expect((await runCli(['todos', 'users'], { cwd: dir })).code).toBe(0);
    const after = snapshotTree(dir);
    const again = await runCli(['todos', 'users'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to do');
    expect(snapshotTree(dir)).toEqual(after);
  });

  it('--force writes a fresh render over a module the user changed; without it the module is kept', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/layout.tsx': '' });
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    const mine = readFileSync(join(dir, 'lib/server/resources/todos.ts'), 'utf8').replace('The store.', 'My store.');
    writeFileSync(join(dir, 'lib/server/resources/todos.ts'), mine);
    const again = await runCli(['todos', '--json'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).files).toContainEqual(expect.objectContaining({ path: 'lib/server/resources/todos.ts', action: 'unchanged', reason: expect.stringContaining('kept') }));
    expect(readFileSync(join(dir, 'lib/server/resources/todos.ts'), 'utf8')).toBe(mine);
    expect((await runCli(['todos', '--force'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'lib/server/resources/todos.ts'), 'utf8')).toContain('// The store.');
  });
});

describe('generate: bad input gets a clear message, the right exit code and nothing written', () => {
  const cases: [string, string[], RegExp][] = [
    ['a resource that climbs out', ['../x'], /\.\./],
    ['an absolute resource', ['/etc/x'], /absolute/],
    ['a resource that climbs out midway', ['a/../../b'], /\.\./],
    ['an empty resource', [''], /empty/],
    ['a backslash', ['a\\b'], /backslash/],
    ['an invalid segment', ['to dos'], /not a valid route segment/],
    ['a resource ending in a parameter', ['todos/[id]'], /must end with a name/],
    ['a private folder in Next.js', ['_todos'], /private/],
    ['an unknown field type', ['todos', '--fields', 'title:text'], /unknown type "text"/],
    ['a reserved field', ['todos', '--fields', 'id:string'], /reserved/],
    ['a field the list reads as its page', ['todos', '--fields', 'title:string,limit:number'], /"limit" is reserved \(the list reads \?limit= and \?offset= as its page\)/],
    ['a malformed field', ['todos', '--fields', 'a b:string'], /not a field/],
    ['an unknown method', ['todos', '--methods', 'GET,FETCH'], /"FETCH" is not one of/],
    ['an unknown style', ['todos', '--style', 'remix'], /invalid/],
    ['an unknown template', ['todos', '--template', 'graphql'], /invalid/],
    ['an unknown flag', ['todos', '--nope'], /unknown option/],
    ['a parameter clash', ['orgs/[id]/members'], /appears twice/],
    ['a bad --param', ['todos', '--param', '1x'], /not a valid identifier/],
    ['a --base that climbs out', ['todos', '--base', '../..'], /\.\./],
    ['a --style the project does not depend on', ['todos', '--style', 'sveltekit'], /--style sveltekit: this project's package\.json depends on next, not @sveltejs\/kit/],
    ['--singular with several resources', ['todos', 'tags', '--singular', 'todo'], /one resource/],
    ['a --singular that is no word', ['todos', '--singular', '1 x'], /not a word/],
    ['an unknown --lang', ['todos', '--lang', 'py'], /invalid/],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: exit 2`, async () => {
      const dir = project({ 'package.json': nextPackageJson });
      const before = snapshotTree(dir);
      const result = await runCli(args, { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(snapshotTree(dir)).toEqual(before);
    });
  }

  for (const format of [[], ['--no-format']]) {
    it(`an own template that renders code that does not parse${format.length ? ' (--no-format)' : ''}: exit 1, nothing written, naming the file and the template`, async () => {
      const dir = project({ 'package.json': nextPackageJson, '.create-endpoint/templates/crud/item.GET.ejs': '<%- ctx.route.open("GET", ["params"]) %>\n  return Response.json({ ok: true );\n<%- ctx.route.close() %>\n' });
      const before = snapshotTree(dir);
      const result = await runCli(['todos', ...format], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(result.stderr).toMatch(/app\/api\/todos\/\[id\]\/route\.ts: your copy of the crud template renders code that does not parse/);
      expect(snapshotTree(dir)).toEqual(before);
    });
  }

  it('no framework in package.json and no --style: exit 2 naming --style', async () => {
    const dir = project({ 'package.json': '{"name":"plain"}' });
    const result = await runCli(['todos'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--style');
    expect(snapshotTree(dir)).toEqual({ 'package.json': '{"name":"plain"}' });
  });

  it('both frameworks and no --style: exit 2 naming --style', async () => {
    const dir = project({ 'package.json': JSON.stringify({ dependencies: { next: '16', '@sveltejs/kit': '3' } }) });
    const result = await runCli(['todos'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/both.*--style/);
  });

  it('without a TTY a missing resource is exit 2 naming it, never a prompt', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    const result = await runCli([], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Missing <resource>');
  });

  it('--json reports an error as a JSON document too', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    const result = await runCli(['../x', '--json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { exitCode: 2 } });
    // Commander's own usage errors (an unknown option, a value outside the choices) as well.
    for (const args of [['todos', '--json', '--style', 'vue'], ['todos', '--json', '--bogus']]) {
      const usage = await runCli(args, { cwd: dir });
      expect(usage.code).toBe(2);
      expect(JSON.parse(usage.stdout)).toMatchObject({ ok: false, error: { exitCode: 2, message: expect.stringMatching(/vue|--bogus/) } });
    }
  });

  it('a package.json saved with a byte-order mark is read like any other', async () => {
    const dir = project({ 'package.json': `\uFEFF${nextPackageJson}` });
    const result = await runCli(['todos', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, style: 'next' });
  });

  it('an empty folder with an explicit --style gets the newest framework version', async () => {
    const dir = project({});
    const result = await runCli(['todos', '--style', 'sveltekit', '--json'], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    expect(JSON.parse(result.stdout).frameworkVersion).toMatchObject({ major: 3, source: 'assumed' });
    expect(existsSync(join(dir, 'src/routes/api/todos/+server.ts'))).toBe(true);
  });

  it('a symbolic link out of the project is refused', async () => {
    const outside = project({});
    const dir = project({ 'package.json': nextPackageJson });
    const { symlinkSync } = await import('node:fs');
    symlinkSync(outside, join(dir, 'app'));
    const result = await runCli(['todos'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('symbolic link');
    expect(snapshotTree(outside)).toEqual({});
  });

  it('an unreadable package.json is exit 1 naming the file', async () => {
    const dir = project({ 'package.json': '{ nope' });
    const result = await runCli(['todos', '--style', 'next'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('package.json is not valid JSON');
    writeFileSync(join(dir, 'package.json'), '{}');
  });
});

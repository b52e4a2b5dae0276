import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextPackageJson, runCli, snapshotTree, sveltekitPackageJson, useTempProjects } from './run-cli.js';

const project = useTempProjects();

describe('generate: what a run writes', () => {
  it('writes the Next.js collection and item routes, the store module and the helpers into src/app', async () => {
    const dir = project({ 'package.json': JSON.stringify({ ...JSON.parse(nextPackageJson), scripts: { dev: 'next dev' } }), 'src/app/layout.tsx': '' });
    const result = await runCli(['todos', '--fields', 'title:string,done:boolean'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const collection = readFileSync(join(dir, 'src/app/api/todos/route.ts'), 'utf8');
    expect(collection).toMatch(/export async function GET\(request: Request\)/);
    expect(collection).toMatch(/export async function POST\(request: Request\)/);
    const item = readFileSync(join(dir, 'src/app/api/todos/[id]/route.ts'), 'utf8');
    for (const m of ['GET', 'PUT', 'PATCH', 'DELETE']) expect(item).toContain(`export async function ${m}(`);
    // Next 15+: params is a Promise.
    expect(item).toContain('{ params }: { params: Promise<{ id: string }> }');
    expect(item).toContain('await params');
    const store = readFileSync(join(dir, 'src/lib/server/resources/todos.ts'), 'utf8');
    expect(store).toMatch(/export interface Todo \{\n  id: string;\n  title: string;\n  done: boolean;/);
    expect(existsSync(join(dir, 'src/lib/server/api-utils.ts'))).toBe(true);
    expect(result.stdout).toMatch(/created\s+src\/app\/api\/todos\/route\.ts/);
    expect(result.stdout).toContain('Next: ');
  });

  it('validates with zod or valibot when package.json depends on one (zod 4+, valibot 1+), else with no dependency', async () => {
    const moduleWith = async (dependencies: Record<string, string>, files: Record<string, string> = {}) => {
      const dir = project({ 'package.json': JSON.stringify({ dependencies: { next: '16.4.5', ...dependencies } }), 'app/layout.tsx': '', 'tsconfig.json': '{}', ...files });
      const result = await runCli(['todos', '--fields', 'title:string,due?:date'], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      return readFileSync(join(dir, 'lib/server/resources/todos.ts'), 'utf8');
    };
    const zod = await moduleWith({ zod: '^4.1.0' });
    expect(zod).toContain('import { z } from "zod";');
    expect(zod).toContain('const schema = z.strictObject({\n  title: z.string(),\n  due: isoDate.optional(),\n});');
    expect(zod).toContain('export type TodoInput = z.infer<typeof schema>;');
    // PATCH: every field optional, an optional one nullable (null removes it).
    expect(zod).toContain('const patchSchema = z.strictObject({\n  title: z.string().optional(),\n  due: isoDate.nullable().optional(),\n});');
    expect(zod).toContain('return fromZod(body, patchSchema.safeParse(body));');
    const valibot = await moduleWith({ valibot: '1.1.0' });
    expect(valibot).toContain('import * as v from "valibot";');
    expect(valibot).toContain('due: v.optional(isoDate),');
    expect(valibot).toContain('return fromValibot(body, v.safeParse(schema, body));');
    expect(valibot).toContain('due: v.optional(v.nullable(isoDate)),');
    // Both: zod. zod 3 has another API; zod merely installed (another package brought it) is not the project's choice.
    expect(await moduleWith({ zod: '4.0.0', valibot: '1.0.0' })).toContain('from "zod"');
    for (const builtIn of [await moduleWith({ zod: '^3.23.8' }), await moduleWith({}, { 'node_modules/zod/package.json': '{"version":"4.1.0"}' })]) {
      expect(builtIn).toContain('return parseFields<TodoInput>(fields, body, false);');
      expect(builtIn).not.toMatch(/zod|valibot/);
    }
  });

  it("says how to raise adapter-node's body limit when the project uses adapter-node, and only then", async () => {
    const withAdapter = project({ 'package.json': JSON.stringify({ devDependencies: { '@sveltejs/kit': '2.70.4', '@sveltejs/adapter-node': '5.5.0' } }) });
    const result = await runCli(['todos', '--yes'], { cwd: withAdapter });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('adapter-node refuses request bodies over BODY_SIZE_LIMIT (512K by default) with 413');
    expect(result.stdout).toContain('BODY_SIZE_LIMIT=1M');
    const without = await runCli(['todos', '--yes'], { cwd: project({ 'package.json': sveltekitPackageJson }) });
    expect(without.code, without.stderr).toBe(0);
    expect(without.stdout).not.toContain('BODY_SIZE_LIMIT');
  });

  it('writes SvelteKit +server.ts files typed with RequestHandler, importing through #lib in SvelteKit 3', async () => {
    const dir = project({ 'package.json': sveltekitPackageJson });
    const result = await runCli(['todos', '--fields', 'title:string'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const item = readFileSync(join(dir, 'src/routes/api/todos/[id]/+server.ts'), 'utf8');
    // No Prettier config here: Prettier's defaults (double quotes).
    expect(item).toContain('import type { RequestHandler } from "./$types";');
    expect(item).toContain('export const GET: RequestHandler = async ({ params }) =>');
    // "#lib/*": "./src/lib/*" adds no extension: the import must carry it.
    expect(item).toContain('from "#lib/server/resources/todos.js"');
    expect(existsSync(join(dir, 'src/lib/server/resources/todos.ts'))).toBe(true);
  });

  it('imports relatively in a SvelteKit 3 project that maps no #lib', async () => {
    const dir = project({ 'package.json': JSON.stringify({ type: 'module', devDependencies: { '@sveltejs/kit': '3.2.0', typescript: '6' } }) });
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'src/routes/api/todos/[id]/+server.ts'), 'utf8')).toContain('from "../../../../lib/server/resources/todos"');
  });

  it('uses $lib in SvelteKit 2 and the installed version over the declared range', async () => {
    const dir = project({
      'package.json': JSON.stringify({ devDependencies: { '@sveltejs/kit': '^3.0.0', typescript: '^5' } }),
      'node_modules/@sveltejs/kit/package.json': JSON.stringify({ name: '@sveltejs/kit', version: '2.70.1' }),
    });
    const result = await runCli(['todos', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).frameworkVersion).toEqual({ major: 2, minor: 70, source: 'installed' });
    expect(readFileSync(join(dir, 'src/routes/api/todos/+server.ts'), 'utf8')).toContain('$lib/server/resources/todos');
  });

  it('writes synchronous params and force-dynamic for Next.js 14', async () => {
    const dir = project({ 'package.json': JSON.stringify({ dependencies: { next: '14.2.30' } }), 'tsconfig.json': '{}', 'app/layout.tsx': '' });
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    const collection = readFileSync(join(dir, 'app/api/todos/route.ts'), 'utf8');
    expect(collection).toContain('export const dynamic = "force-dynamic";');
    const item = readFileSync(join(dir, 'app/api/todos/[id]/route.ts'), 'utf8');
    expect(item).toContain('{ params }: { params: { id: string } }');
    expect(item).not.toContain('await params');
    expect(item).toContain('from "../../../../lib/server/resources/todos"');
  });

  it('imports through the @/ alias when tsconfig maps it', async () => {
    const dir = project({
      'package.json': nextPackageJson,
      'tsconfig.json': '{ // comment\n "compilerOptions": { "paths": { "@/*": ["./src/*"] }, }, }',
      'src/app/page.tsx': '',
    });
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'src/app/api/todos/route.ts'), 'utf8')).toContain('from "@/lib/server/resources/todos"');
  });

  it('types every parameter of a nested resource and scopes its store by the parent', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    expect((await runCli(['orgs/[orgId]/members', '--param', 'memberId'], { cwd: dir })).code).toBe(0);
    const item = readFileSync(join(dir, 'app/api/orgs/[orgId]/members/[memberId]/route.ts'), 'utf8');
    expect(item).toContain('params: Promise<{ orgId: string; memberId: string }>');
    expect(item).toContain('getMember(orgId, memberId)');
    const collection = readFileSync(join(dir, 'app/api/orgs/[orgId]/members/route.ts'), 'utf8');
    expect(collection).toContain('listMembers(orgId, query.value)');
  });

  it('generates only the chosen methods, under another base', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    expect((await runCli(['todos', '--methods', 'get,post', '--base', 'v1'], { cwd: dir })).code).toBe(0);
    const item = readFileSync(join(dir, 'app/v1/todos/[id]/route.ts'), 'utf8');
    expect(item).toContain('export async function GET');
    expect(item).not.toContain('PUT');
    expect(readFileSync(join(dir, 'app/v1/todos/route.ts'), 'utf8')).toContain('export async function POST');
    const none = project({ 'package.json': nextPackageJson });
    expect((await runCli(['todos', '--methods', 'POST', '--base', ''], { cwd: none })).code).toBe(0);
    expect(existsSync(join(none, 'app/todos/route.ts'))).toBe(true);
    expect(existsSync(join(none, 'app/todos/[id]/route.ts'))).toBe(false);
  });

  it('plans several resources in one run, sharing the helpers module', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    const result = await runCli(['todos', 'users', 'posts', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    const paths = doc.files.map((f: { path: string }) => f.path);
    expect(paths.filter((p: string) => p.endsWith('api-utils.ts'))).toHaveLength(1);
    for (const r of ['todos', 'users', 'posts']) expect(existsSync(join(dir, `app/api/${r}/[id]/route.ts`))).toBe(true);
  });

  it("formats with the project's Prettier config: tabs and single quotes", async () => {
    const dir = project({ 'package.json': sveltekitPackageJson, '.prettierrc': '{ "useTabs": true, "singleQuote": true }' });
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    const text = readFileSync(join(dir, 'src/routes/api/todos/+server.ts'), 'utf8');
    expect(text).toContain("\tconst body = await readJsonObject(request);");
    expect(text).not.toContain('"');
    const unformatted = project({ 'package.json': sveltekitPackageJson, '.prettierrc': '{ "useTabs": true }' });
    expect((await runCli(['todos', '--no-format'], { cwd: unformatted })).code).toBe(0);
    expect(readFileSync(join(unformatted, 'src/routes/api/todos/+server.ts'), 'utf8')).not.toContain('\t');
  });

  it('writes JavaScript without type syntax into a project without TypeScript', async () => {
    const dir = project({ 'package.json': JSON.stringify({ type: 'module', devDependencies: { '@sveltejs/kit': '^2.70.0' } }) });
    const result = await runCli(['todos', '--fields', 'title:string,done:boolean'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const route = readFileSync(join(dir, 'src/routes/api/todos/[id]/+server.js'), 'utf8');
    expect(route).toContain("/** @type {import('./$types').RequestHandler} */");
    expect(route).not.toMatch(/: RequestHandler|import type/);
    const store = await import(join(dir, 'src/lib/server/resources/todos.js'));
    const input = store.parseTodoInput({ title: 'a', done: true });
    expect(input).toEqual({ ok: true, value: { title: 'a', done: true } });
    expect(store.createTodo(input.value)).toMatchObject({ title: 'a', done: true, id: expect.any(String) });
    expect(store.parseTodoInput({ title: 1 })).toEqual({ ok: false, errors: { title: 'Expected a string', done: 'Required' } });
  });

  it('reads .editorconfig as Prettier does', async () => {
    const dir = project({ 'package.json': nextPackageJson, '.editorconfig': 'root = true\n[*]\nindent_style = tab\n' });
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'app/api/todos/route.ts'), 'utf8')).toContain('\tconst url = new URL(request.url);');
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

// What a CRUD run writes, per framework, version and project shape, planned
// in process (planGeneration, then applyPlan into a temporary project).
// test/cli/generate.test.ts keeps the runs of the built CLI: the report, the
// views of one plan (--dry-run, --check, --json), exit codes and bad input.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextPackageJson, sveltekitPackageJson, useTempProjects } from '../cli/run-cli.js';
import { generate, planRun, read } from './plan-runs.js';

const project = useTempProjects();

describe('crud: what a run writes', () => {
  it('Next.js 16: collection and item routes, params as a Promise, the store module and the helpers', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'src/app/layout.tsx': '' });
    await generate(dir, { resources: ['todos'], fields: 'title:string,done:boolean' });
    const collection = read(dir, 'src/app/api/todos/route.ts');
    expect(collection).toMatch(/export async function GET\(request: Request\)/);
    expect(collection).toMatch(/export async function POST\(request: Request\)/);
    const item = read(dir, 'src/app/api/todos/[id]/route.ts');
    for (const m of ['GET', 'PUT', 'PATCH', 'DELETE']) expect(item).toContain(`export async function ${m}(`);
    expect(item).toContain('{ params }: { params: Promise<{ id: string }> }');
    expect(item).toContain('await params');
    expect(read(dir, 'src/lib/server/resources/todos.ts')).toMatch(/export interface Todo \{\n  id: string;\n  title: string;\n  done: boolean;/);
    expect(existsSync(join(dir, 'src/lib/server/api-utils.ts'))).toBe(true);
  });

  it('validates with zod or valibot when package.json depends on one (zod 4+, valibot 1+), else with no dependency', async () => {
    const moduleWith = async (dependencies: Record<string, string>, files: Record<string, string> = {}) => {
      const dir = project({ 'package.json': JSON.stringify({ dependencies: { next: '16.4.5', ...dependencies } }), 'app/layout.tsx': '', 'tsconfig.json': '{}', ...files });
      await generate(dir, { resources: ['todos'], fields: 'title:string,due?:date' });
      return read(dir, 'lib/server/resources/todos.ts');
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
    const { notes } = await generate(withAdapter, { resources: ['todos'] });
    expect(notes).toContain('adapter-node refuses request bodies over BODY_SIZE_LIMIT (512K by default) with 413');
    expect(notes).toContain('BODY_SIZE_LIMIT=1M');
    const without = await generate(project({ 'package.json': sveltekitPackageJson }), { resources: ['todos'] });
    expect(without.notes).not.toContain('BODY_SIZE_LIMIT');
  });

  it('SvelteKit 3: +server.ts files typed with RequestHandler, importing through #lib with the extension', async () => {
    const dir = project({ 'package.json': sveltekitPackageJson });
    await generate(dir, { resources: ['todos'], fields: 'title:string' });
    const item = read(dir, 'src/routes/api/todos/[id]/+server.ts');
    // No Prettier config here: Prettier's defaults (double quotes).
    expect(item).toContain('import type { RequestHandler } from "./$types";');
    expect(item).toContain('export const GET: RequestHandler = async ({ params }) =>');
    // "#lib/*": "./src/lib/*" adds no extension: the import must carry it.
    expect(item).toContain('from "#lib/server/resources/todos.js"');
    expect(existsSync(join(dir, 'src/lib/server/resources/todos.ts'))).toBe(true);
  });

  it('imports relatively in a SvelteKit 3 project that maps no #lib', async () => {
    const dir = project({ 'package.json': JSON.stringify({ type: 'module', devDependencies: { '@sveltejs/kit': '3.2.0', typescript: '6' } }) });
    await generate(dir, { resources: ['todos'] });
    expect(read(dir, 'src/routes/api/todos/[id]/+server.ts')).toContain('from "../../../../lib/server/resources/todos"');
  });

  it('uses $lib in SvelteKit 2, the installed version over the declared range', async () => {
    const dir = project({
      'package.json': JSON.stringify({ devDependencies: { '@sveltejs/kit': '^3.0.0', typescript: '^5' } }),
      'node_modules/@sveltejs/kit/package.json': JSON.stringify({ name: '@sveltejs/kit', version: '2.70.1' }),
    });
    await generate(dir, { resources: ['todos'] });
    expect(read(dir, 'src/routes/api/todos/+server.ts')).toContain('$lib/server/resources/todos');
  });

  it('Next.js 14: synchronous params and force-dynamic', async () => {
    const dir = project({ 'package.json': JSON.stringify({ dependencies: { next: '14.2.30' } }), 'tsconfig.json': '{}', 'app/layout.tsx': '' });
    await generate(dir, { resources: ['todos'] });
    expect(read(dir, 'app/api/todos/route.ts')).toContain('export const dynamic = "force-dynamic";');
    const item = read(dir, 'app/api/todos/[id]/route.ts');
    expect(item).toContain('{ params }: { params: { id: string } }');
    expect(item).not.toContain('await params');
    expect(item).toContain('from "../../../../lib/server/resources/todos"');
  });

  it('imports through the @/ alias when tsconfig (JSONC) maps it', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{ // comment\n "compilerOptions": { "paths": { "@/*": ["./src/*"] }, }, }', 'src/app/page.tsx': '' });
    await generate(dir, { resources: ['todos'] });
    expect(read(dir, 'src/app/api/todos/route.ts')).toContain('from "@/lib/server/resources/todos"');
  });

  it('types every parameter of a nested resource and scopes its store by the parent', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    await generate(dir, { resources: ['orgs/[orgId]/members'], param: 'memberId' });
    const item = read(dir, 'app/api/orgs/[orgId]/members/[memberId]/route.ts');
    expect(item).toContain('params: Promise<{ orgId: string; memberId: string }>');
    expect(item).toContain('const scope = { orgId };\n  const member = await getMember(scope, memberId);');
    expect(read(dir, 'app/api/orgs/[orgId]/members/route.ts')).toContain('await listMembers(scope, query.value)');
    const module = read(dir, 'lib/server/resources/orgs-members.ts');
    expect(module).toContain('export interface MemberScope {\n  orgId: string;\n}');
    expect(module).toContain('export function getMember(\n  scope: MemberScope,\n  id: string,\n): Promise<Member | undefined> {');
  });

  it('only the chosen methods, under another base or none', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    await generate(dir, { resources: ['todos'], methods: ['GET', 'POST'], base: 'v1' });
    const item = read(dir, 'app/v1/todos/[id]/route.ts');
    expect(item).toContain('export async function GET');
    expect(item).not.toContain('PUT');
    expect(read(dir, 'app/v1/todos/route.ts')).toContain('export async function POST');
    const none = project({ 'package.json': nextPackageJson });
    await generate(none, { resources: ['todos'], methods: ['POST'], base: '' });
    expect(existsSync(join(none, 'app/todos/route.ts'))).toBe(true);
    expect(existsSync(join(none, 'app/todos/[id]/route.ts'))).toBe(false);
  });

  it('several resources in one plan share the helpers module', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    const plan = await planRun(dir, { resources: ['todos', 'users', 'posts'] });
    expect(plan.files.filter((f) => f.path.endsWith('api-utils.ts'))).toHaveLength(1);
    for (const r of ['todos', 'users', 'posts']) expect(plan.files.some((f) => f.path === `app/api/${r}/[id]/route.ts`)).toBe(true);
  });

  it("formats with the project's Prettier config (tabs, single quotes) and .editorconfig; format: false keeps the templates' layout", async () => {
    const dir = project({ 'package.json': sveltekitPackageJson, '.prettierrc': '{ "useTabs": true, "singleQuote": true }' });
    await generate(dir, { resources: ['todos'] });
    const text = read(dir, 'src/routes/api/todos/+server.ts');
    expect(text).toContain('\tconst body = await readJsonObject(request);');
    expect(text).not.toContain('"');
    const unformatted = project({ 'package.json': sveltekitPackageJson, '.prettierrc': '{ "useTabs": true }' });
    await generate(unformatted, { resources: ['todos'], format: false });
    expect(read(unformatted, 'src/routes/api/todos/+server.ts')).not.toContain('\t');
    const editorconfig = project({ 'package.json': nextPackageJson, '.editorconfig': 'root = true\n[*]\nindent_style = tab\n' });
    await generate(editorconfig, { resources: ['todos'] });
    expect(read(editorconfig, 'app/api/todos/route.ts')).toContain('\tconst url = new URL(request.url);');
  });

  it('JavaScript without type syntax into a project without TypeScript, and it runs', async () => {
    const dir = project({ 'package.json': JSON.stringify({ type: 'module', devDependencies: { '@sveltejs/kit': '^2.70.0' } }) });
    const { plan } = await generate(dir, { resources: ['todos'], fields: 'title:string,done:boolean' });
    expect(plan.problems).toEqual([]);
    const route = read(dir, 'src/routes/api/todos/[id]/+server.js');
    expect(route).toContain("/** @type {import('./$types').RequestHandler} */");
    expect(route).not.toMatch(/: RequestHandler|import type/);
    const store = await import(join(dir, 'src/lib/server/resources/todos.js'));
    const input = store.parseTodoInput({ title: 'a', done: true });
    expect(input).toEqual({ ok: true, value: { title: 'a', done: true } });
    const written = await store.createTodo(input.value);
    expect(written).toMatchObject({ ok: true, value: { title: 'a', done: true, id: expect.any(String) } });
    const created = written.value;
    expect(await store.getTodo(created.id)).toEqual(created);
    expect(await store.listTodos({ filter: { done: true }, limit: 20, offset: 0 })).toMatchObject({ items: [created], total: 1 });
    expect(await store.updateTodo(created.id, { done: false })).toMatchObject({ ok: true, value: { title: 'a', done: false } });
    expect(await store.deleteTodo(created.id)).toMatchObject({ ok: true, value: { id: created.id } });
    expect(await store.getTodo(created.id)).toBeUndefined();
    expect(await store.deleteTodo(created.id)).toBeUndefined();
    // A database enum's values (a Drizzle store's fields table) bound a string, in bodies and list filters.
    const engine = await import(join(dir, 'src/lib/server/resources.js'));
    const level = { level: { type: 'string', optional: false, values: ['intro', 'advanced'] } };
    expect(engine.parseFields(level, { level: 'intro' }, false)).toEqual({ ok: true, value: { level: 'intro' } });
    expect(engine.parseFields(level, { level: 'expert' }, false)).toEqual({ ok: false, errors: { level: 'Expected one of intro, advanced' } });
    expect(engine.parseListQuery(level, new URLSearchParams('level=expert'))).toMatchObject({ ok: false, errors: { level: 'Expected one of intro, advanced' } });
    // A varchar's length and an integer column's range, so the database never refuses the value.
    const columns = { slug: { type: 'string', optional: true, maxLength: 3 }, seats: { type: 'number', optional: true, range: [0, 100] } };
    expect(engine.parseFields(columns, { slug: 'abc', seats: 100 }, false)).toMatchObject({ ok: true });
    expect(engine.parseFields(columns, { slug: 'abcd', seats: 1.5 }, false)).toEqual({ ok: false, errors: { slug: 'Expected at most 3 characters', seats: 'Expected an integer from 0 to 100' } });
    expect(engine.parseListQuery(columns, new URLSearchParams('seats=101'))).toMatchObject({ ok: false, errors: { seats: 'Expected an integer from 0 to 100' } });
    expect(store.parseTodoInput({ title: 1 })).toEqual({ ok: false, errors: { title: 'Expected a string', done: 'Required' } });
  });
});

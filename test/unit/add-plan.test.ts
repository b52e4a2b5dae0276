// What `add` writes, planned in process (planAdd through the programmatic API,
// then applyPlan into a temporary project; helpers in plan-runs.ts), and the
// templates merged into an existing route by a generation. test/cli/add.test.ts
// keeps the built CLI's report, --dry-run and --check; test/unit/bad-input.test.ts
// the refusals (exit codes, messages, nothing written).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { changes, detectProject, planAdd, UsageError, withStyle } from '../../src/index.js';
import { templateOptionsFrom } from '../../src/generators/registry.js';
import { nextPackageJson, snapshotTree, sveltekitPackageJson, useTempProjects } from '../cli/run-cli.js';
import { add, generate, isSubsequence, planAddRun, planRun, read } from './plan-runs.js';

const project = useTempProjects({ 'tsconfig.json': '{}' });

const handWritten = `\uFEFF'use server';\r\n// Health check, written by hand.\r\nimport { NextResponse } from 'next/server'\r\n\r\nexport const GET = async () => NextResponse.json({ ok: true })   \r\n\r\n/* trailing comment */\r\n`;

describe('add: methods into an existing route file', () => {
  it('adds a 501 placeholder in the style of the file and keeps every byte it had', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/api/health/route.ts': handWritten });
    const { plan, sources } = await add(dir, { route: '/api/health', methods: ['POST', 'DELETE'] });
    expect(sources).toEqual({ POST: 'placeholder (501)', DELETE: 'placeholder (501)' });
    expect(plan.files[0]).toMatchObject({ path: 'app/api/health/route.ts', action: 'update', added: ['POST', 'DELETE'] });
    const after = read(dir, 'app/api/health/route.ts');
    // Every original byte survives, in order: BOM, directive, CRLF, trailing spaces, comments.
    expect(isSubsequence(handWritten, after)).toBe(true);
    expect(after.startsWith('\uFEFF')).toBe(true);
    expect(after).not.toMatch(/[^\r]\n/);
    // The file's own style: const arrows, single quotes, no semicolons.
    expect(after).toContain('export const POST = async () => {\r\n');
    expect(after).toContain("return NextResponse.json({ error: 'Not implemented' }, { status: 501 })\r\n");
    expect(after).toContain('// TODO: implement POST /api/health.');
  });

  it('is idempotent: the same add twice changes nothing the second time, and never rewrites an existing method', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/api/health/route.ts': handWritten });
    await add(dir, { route: 'app/api/health/route.ts', methods: ['POST'] });
    const once = snapshotTree(dir);
    const again = await planAddRun(dir, { route: 'app/api/health/route.ts', methods: ['POST', 'GET'], force: true });
    expect(again.plan.files[0]).toMatchObject({ action: 'unchanged', added: [], skipped: ['POST', 'GET'] });
    expect(changes(again.plan)).toEqual([]);
    expect(snapshotTree(dir)).toEqual(once);
  });

  it('writes the working CRUD method on a route of a generated resource', async () => {
    const dir = project({ 'package.json': sveltekitPackageJson });
    await generate(dir, { resources: ['todos'], fields: 'title:string,done:boolean', methods: ['GET', 'POST'] });
    const { sources } = await add(dir, { route: '/api/todos/[id]', methods: ['PATCH', 'DELETE'] });
    expect(sources).toEqual({ PATCH: 'crud', DELETE: 'crud' });
    const item = read(dir, 'src/routes/api/todos/[id]/+server.ts');
    expect(item).toContain('export const PATCH: RequestHandler = async ({ request, params }) =>');
    expect(item).toContain('parseTodoPatch(body.value)');
    // The import from the resource module gained the new names; no duplicate import.
    expect(item.match(/from "#lib\/server\/resources\/todos\.js"/g)).toHaveLength(1);
    expect(item).toMatch(/import \{[^}]*updateTodo[^}]*\} from "#lib\/server\/resources\/todos\.js"/);
    // Generating the full resource afterwards adds the rest and keeps what add wrote.
    const full = await planRun(dir, { resources: ['todos'], fields: 'title:string,done:boolean' });
    expect(full.files.find((f) => f.path.endsWith('[id]/+server.ts'))).toMatchObject({ action: 'update', added: ['PUT'], skipped: ['GET', 'PATCH', 'DELETE'] });
  });

  it("a file the project's Prettier accepted is accepted after add: merged imports are formatted too", async () => {
    const config = { useTabs: true, singleQuote: true, trailingComma: 'none', printWidth: 100 };
    const dir = project({ 'package.json': sveltekitPackageJson, '.prettierrc': JSON.stringify(config) });
    await generate(dir, { resources: ['notes'], methods: ['GET', 'DELETE'], fields: 'title:string,body:string,pinned?:boolean' });
    const file = 'src/routes/api/notes/[id]/+server.ts';
    const prettier = fileURLToPath(new URL('../../node_modules/.bin/prettier', import.meta.url));
    const check = () => spawnSync(prettier, ['--check', file], { cwd: dir, encoding: 'utf8' });
    expect(check().status, check().stdout + check().stderr).toBe(0);
    await add(dir, { route: '/api/notes/[id]', methods: ['PATCH', 'PUT'] });
    const after = read(dir, file);
    expect(after).toMatch(/import \{\n\t[^}]*parseNotePatch[^}]*\} from '#lib\/server\/resources\/notes\.js';/);
    expect(check().status, `${check().stdout}${check().stderr}\n${after}`).toBe(0);
  });

  it('accepts SvelteKit fallback, and a JavaScript route file', async () => {
    const dir = project({
      'package.json': sveltekitPackageJson,
      'src/routes/api/ping/+server.js': "export function GET() {\n  return new Response('pong');\n}\n",
    });
    await add(dir, { route: 'src/routes/api/ping/+server.js', methods: ['fallback'] });
    const after = read(dir, 'src/routes/api/ping/+server.js');
    expect(after).toContain('export async function fallback() {');
    expect(after).not.toMatch(/: RequestEvent|import type/);
  });

  it('the programmatic planAdd refuses a file the framework does not read as a route file', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/api/x/page.ts': '', 'lib/route.ts': '' });
    const options = { ...templateOptionsFrom({}), project: withStyle(detectProject(undefined, dir), 'next'), methods: ['GET'], force: false, format: false };
    await expect(planAdd({ ...options, file: 'app/api/x/page.ts' })).rejects.toThrow(new UsageError('app/api/x/page.ts is not a Next.js route file.', 'A route file is named route.ts or route.js.'));
    await expect(planAdd({ ...options, file: 'lib/route.ts' })).rejects.toThrow('lib/route.ts is not under app/, where Next.js looks for routes.');
  });
});

describe('add OPTIONS --template cors on a route of the user', () => {
  const route = "export async function GET() {\n  return Response.json({ ok: true });\n}\n\nexport async function DELETE() {\n  return new Response(null, { status: 204 });\n}\n";
  const cors = { route: '/api/items', methods: ['OPTIONS'], template: 'cors', flags: { origins: 'https://shop.example' } } as const;

  it("the policy lists the route's own methods, whose responses are wrapped, every byte of the file kept; a second run changes nothing", async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/api/items/route.ts': route });
    const { plan } = await add(dir, cors);
    expect(plan.files.find((f) => f.path === 'app/api/items/route.ts')).toMatchObject({ added: ['OPTIONS'], wrapped: ['GET', 'DELETE'], unwrapped: [] });
    expect(plan.problems).toEqual([]);
    const policy = read(dir, 'lib/server/cors/items.ts');
    expect(policy).toMatch(/methods: \["GET", "DELETE"\]/);
    expect(policy).toContain('"https://shop.example"');
    const after = read(dir, 'app/api/items/route.ts');
    expect(after).toContain('export async function GET(request: Request) {\n  return withCors(request, itemsCors, Response.json({ ok: true }));\n}');
    expect(after).toContain('export async function DELETE(request: Request) {\n  return withCors(request, itemsCors, new Response(null, { status: 204 }));\n}');
    expect(isSubsequence(route, after)).toBe(true);
    const again = await planAddRun(dir, cors);
    expect(again.plan.files.every((f) => f.action === 'unchanged')).toBe(true);
  });

  it('a handler it cannot wrap safely is left as it is, and the warning says which and why', async () => {
    const user = [
      "import { withAuth } from './auth';",
      'export const GET = withAuth(async (request: Request) => Response.json({ ok: true }));',
      'export function PUT(request: Request) {',
      "  return fetch('https://upstream.example', { method: 'PUT', body: request.body });",
      '}',
      'export async function DELETE(request: Request): Promise<Response | undefined> {',
      '  return new Response(null, { status: 204 });',
      '}',
      'export async function PATCH() {',
      '  return new Response(null, { status: 204 });',
      '}',
      '',
    ].join('\n');
    const dir = project({ 'package.json': nextPackageJson, 'app/api/items/route.ts': user });
    const { plan } = await add(dir, cors);
    const file = plan.files.find((f) => f.path === 'app/api/items/route.ts')!;
    expect(file.wrapped).toEqual(['PATCH']);
    expect(file.unwrapped!.map((u) => u.method)).toEqual(['GET', 'PUT', 'DELETE']);
    const warning = plan.problems[0]!.message;
    expect(plan.problems[0]!.level).toBe('warning');
    expect(warning).toContain('app/api/items/route.ts: handlers still answer without CORS headers; wrap their responses by hand with withCors(request, itemsCors, response):');
    expect(warning).toContain('  GET: the result of `withAuth(…)`, whose handler create-endpoint cannot see into');
    expect(warning).toContain('  PUT: not async, and returns `fetch(');
    expect(warning).toContain('  DELETE: declared to return `Promise<Response | undefined>`');
    const after = read(dir, 'app/api/items/route.ts');
    expect(isSubsequence(user, after)).toBe(true);
    expect(after).toContain('export async function PATCH(request: Request) {');
    expect(after).toContain('export const GET = withAuth(async (request: Request) => Response.json({ ok: true }));');
  });

  it('--force writes the policy anew with other origins', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/api/items/route.ts': route });
    await add(dir, { ...cors, flags: { origins: 'https://a.example' } });
    writeFileSync(join(dir, 'app/api/items/route.ts'), route);
    await add(dir, { ...cors, flags: { origins: 'https://b.example' }, force: true });
    expect(read(dir, 'lib/server/cors/items.ts')).toContain('"https://b.example"');
    expect(read(dir, 'lib/server/cors/items.ts')).not.toContain('"https://a.example"');
  });
});

describe('add --template', () => {
  it('takes the body from another template and creates the helper modules it needs', async () => {
    const dir = project({ 'package.json': sveltekitPackageJson });
    await generate(dir, { resources: ['todos'] });
    const { sources } = await add(dir, { route: '/api/todos/[id]', methods: ['OPTIONS'], template: 'cors', flags: { origins: 'https://shop.example' } });
    expect(sources).toEqual({ OPTIONS: 'cors' });
    expect(read(dir, 'src/routes/api/todos/[id]/+server.ts')).toContain('return preflight(request, todosCors);');
    expect(read(dir, 'src/lib/server/cors/todos.ts')).toContain('https://shop.example');
    expect(read(dir, 'src/lib/server/cors.ts')).toContain('export function preflight(');
  });

  for (const [template, method, file] of [['download', 'HEAD', 'app/api/x/[...path]/route.ts'], ['cors', 'OPTIONS', 'app/api/x/route.ts'], ['stream', 'GET', 'app/api/x/route.ts']] as const) {
    it(`--template ${template}: every helper module it writes is one the added ${method} imports`, async () => {
      const dir = project({ 'package.json': nextPackageJson, [file]: 'export function PUT() {}\n' });
      const { plan } = await add(dir, { route: file, methods: [method], template });
      const modules = plan.files.map((f) => f.path).filter((p) => p.startsWith('lib/'));
      expect(modules.length).toBeGreaterThan(0);
      const route = read(dir, file);
      for (const module of modules) expect(route, module).toMatch(new RegExp(`from "(\\.\\./)+${module.replace(/\.ts$/, '').replace(/[[\]]/g, '\\$&')}"`));
    });
  }
});

describe('generation merges a template into an existing route file', () => {
  it('--template cors on a CRUD route adds OPTIONS through the patcher and wraps the responses of the methods it has', async () => {
    const dir = project({ 'package.json': sveltekitPackageJson });
    await generate(dir, { resources: ['todos'] });
    const before = read(dir, 'src/routes/api/todos/+server.ts');
    const { plan } = await generate(dir, { resources: ['todos'], template: 'cors', flags: { origins: 'https://shop.example' } });
    expect(plan.files.find((f) => f.path === 'src/routes/api/todos/+server.ts')).toMatchObject({ action: 'update', added: ['OPTIONS'], skipped: ['GET', 'POST'], wrapped: ['GET', 'POST'] });
    const after = read(dir, 'src/routes/api/todos/+server.ts');
    expect(after).toContain('export const OPTIONS: RequestHandler = async ({ request }) =>');
    // Every return of GET (2) and POST (4), the list and the created todo as well as the errors.
    expect(after.match(/withCors\(\s*request,\s*todosCors,/g)?.length).toBe(6);
    // What was there is untouched: the new code is only inserted.
    expect(isSubsequence(before, after)).toBe(true);
  });

  it("Next.js 14: a list GET merged into an existing route brings export const dynamic; a user GET keeps its caching", async () => {
    const dir = project({
      'package.json': JSON.stringify({ dependencies: { next: '14.2.30' } }),
      'app/api/todos/route.ts': 'export async function POST() {\n  return new Response(null, { status: 202 });\n}\n',
      'app/api/notes/route.ts': 'export async function GET() {\n  return Response.json([]);\n}\n',
    });
    await generate(dir, { resources: ['todos', 'notes'] });
    const todos = read(dir, 'app/api/todos/route.ts');
    // The file shows no quotes: the project's formatter (here Prettier's defaults) decides them.
    expect(todos).toContain('export const dynamic = "force-dynamic";');
    expect(todos.indexOf('export const dynamic')).toBeLessThan(todos.indexOf('export async function GET'));
    expect(read(dir, 'app/api/notes/route.ts')).not.toContain('dynamic');
    const again = await planRun(dir, { resources: ['todos', 'notes'] });
    expect(again.files.every((f) => f.action === 'unchanged')).toBe(true);
  });
});

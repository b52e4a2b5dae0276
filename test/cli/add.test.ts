import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nextPackageJson, runCli, snapshotTree, sveltekitPackageJson, useTempProjects } from './run-cli.js';

const project = useTempProjects({ 'tsconfig.json': '{}' });
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** Whether every character of `original` appears in `patched`, in order: nothing was lost or moved. */
function isSubsequence(original: string, patched: string): boolean {
  let at = 0;
  for (const ch of original) {
    at = patched.indexOf(ch, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

const handWritten = `\uFEFF'use server';\r\n// Health check, written by hand.\r\nimport { NextResponse } from 'next/server'\r\n\r\nexport const GET = async () => NextResponse.json({ ok: true })   \r\n\r\n/* trailing comment */\r\n`;

describe('add: methods into an existing route file', () => {
  it('adds a 501 placeholder in the style of the file and keeps every byte it had', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/api/health/route.ts': handWritten });
    const result = await runCli(['add', '/api/health', 'POST', 'DELETE'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const after = read(dir, 'app/api/health/route.ts');
    // Every original byte survives, in order: BOM, directive, CRLF, trailing spaces, comments.
    expect(isSubsequence(handWritten, after)).toBe(true);
    expect(after.startsWith('\uFEFF')).toBe(true);
    expect(after).not.toMatch(/[^\r]\n/);
    // The file's own style: const arrows, single quotes, no semicolons.
    expect(after).toContain('export const POST = async () => {\r\n');
    expect(after).toContain("return NextResponse.json({ error: 'Not implemented' }, { status: 501 })\r\n");
    expect(after).toContain('// TODO: implement POST /api/health.');
    expect(result.stdout).toMatch(/updated\s+app\/api\/health\/route\.ts\s+POST, DELETE$/m);
  });

  it('is idempotent: the same add twice changes nothing the second time, and never rewrites an existing method', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/api/health/route.ts': handWritten });
    expect((await runCli(['add', 'app/api/health/route.ts', 'POST'], { cwd: dir })).code).toBe(0);
    const once = snapshotTree(dir);
    const again = await runCli(['add', 'app/api/health/route.ts', 'POST', 'GET', '--force', '--json'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).files[0]).toMatchObject({ action: 'unchanged', added: [], skipped: ['POST', 'GET'] });
    expect(snapshotTree(dir)).toEqual(once);
  });

  it('writes the working CRUD method on a route of a generated resource', async () => {
    const dir = project({ 'package.json': sveltekitPackageJson });
    expect((await runCli(['todos', '--fields', 'title:string,done:boolean', '--methods', 'GET,POST'], { cwd: dir })).code).toBe(0);
    const result = await runCli(['add', '/api/todos/[id]', 'PATCH', 'DELETE'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('PATCH: crud');
    const item = read(dir, 'src/routes/api/todos/[id]/+server.ts');
    expect(item).toContain('export const PATCH: RequestHandler = async ({ request, params }) =>');
    expect(item).toContain('parseTodoPatch(body.value)');
    // The import from the resource module gained the new names; no duplicate import.
    expect(item.match(/from "#lib\/server\/resources\/todos\.js"/g)).toHaveLength(1);
    expect(item).toMatch(/import \{[^}]*updateTodo[^}]*\} from "#lib\/server\/resources\/todos\.js"/);
    // Generating the full resource afterwards adds the rest and keeps what add wrote.
    const full = await runCli(['todos', '--fields', 'title:string,done:boolean', '--json'], { cwd: dir });
    const doc = JSON.parse(full.stdout);
    expect(doc.files.find((f: { path: string }) => f.path.endsWith('[id]/+server.ts'))).toMatchObject({ action: 'update', added: ['PUT'], skipped: ['GET', 'PATCH', 'DELETE'] });
  });

  it("a file the project's Prettier accepted is accepted after add: merged imports are formatted too", async () => {
    const config = { useTabs: true, singleQuote: true, trailingComma: 'none', printWidth: 100 };
    const dir = project({ 'package.json': sveltekitPackageJson, '.prettierrc': JSON.stringify(config) });
    expect((await runCli(['notes', '--methods', 'GET,DELETE', '--fields', 'title:string,body:string,pinned?:boolean'], { cwd: dir })).code).toBe(0);
    const file = 'src/routes/api/notes/[id]/+server.ts';
    const prettier = fileURLToPath(new URL('../../node_modules/.bin/prettier', import.meta.url));
    const check = () => spawnSync(prettier, ['--check', file], { cwd: dir, encoding: 'utf8' });
    expect(check().status, check().stdout + check().stderr).toBe(0);
    const result = await runCli(['add', '/api/notes/[id]', 'PATCH', 'PUT'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const after = read(dir, file);
    expect(after).toMatch(/import \{\n\t[^}]*parseNotePatch[^}]*\} from '#lib\/server\/resources\/notes\.js';/);
    expect(check().status, `${check().stdout}${check().stderr}\n${after}`).toBe(0);
  });

  it('--dry-run prints the diff and writes nothing; --check exits 1', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/api/health/route.ts': handWritten });
    const before = snapshotTree(dir);
    const dry = await runCli(['add', '/api/health', 'POST', '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+++ b/app/api/health/route.ts');
    expect(dry.stdout).toMatch(/^\+export const POST/m);
    expect((await runCli(['add', '/api/health', 'POST', '--check'], { cwd: dir })).code).toBe(1);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('accepts SvelteKit fallback, and a JavaScript route file', async () => {
    const dir = project({
      'package.json': sveltekitPackageJson,
      'src/routes/api/ping/+server.js': "export function GET() {\n  return new Response('pong');\n}\n",
    });
    const result = await runCli(['add', 'src/routes/api/ping/+server.js', 'fallback'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const after = read(dir, 'src/routes/api/ping/+server.js');
    expect(after).toContain('export async function fallback() {');
    expect(after).not.toMatch(/: RequestEvent|import type/);
  });
});

describe('add OPTIONS --template cors on a route of the user', () => {
  const route = "export async function GET() {\n  return Response.json({ ok: true });\n}\n\nexport async function DELETE() {\n  return new Response(null, { status: 204 });\n}\n";

  it("the policy lists the route's own methods, whose responses are wrapped, every byte of the file kept; a second run changes nothing", async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/api/items/route.ts': route });
    const result = await runCli(['add', '/api/items', 'OPTIONS', '--template', 'cors', '--origins', 'https://shop.example'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const policy = read(dir, 'lib/server/cors/items.ts');
    expect(policy).toMatch(/methods: \["GET", "DELETE"\]/);
    expect(policy).toContain('"https://shop.example"');
    expect(result.stdout).toMatch(/updated\s+app\/api\/items\/route\.ts\s+OPTIONS \(responses of GET, DELETE wrapped\)/);
    expect(result.stderr).toBe('');
    const after = read(dir, 'app/api/items/route.ts');
    expect(after).toContain('export async function GET(request: Request) {\n  return withCors(request, itemsCors, Response.json({ ok: true }));\n}');
    expect(after).toContain('export async function DELETE(request: Request) {\n  return withCors(request, itemsCors, new Response(null, { status: 204 }));\n}');
    expect(isSubsequence(route, after)).toBe(true);
    const again = await runCli(['add', '/api/items', 'OPTIONS', '--template', 'cors', '--origins', 'https://shop.example', '--json'], { cwd: dir });
    expect(JSON.parse(again.stdout).files.every((f: { action: string }) => f.action === 'unchanged')).toBe(true);
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
    const result = await runCli(['add', '/api/items', 'OPTIONS', '--template', 'cors', '--origins', 'https://shop.example', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const file = JSON.parse(result.stdout).files.find((f: { path: string }) => f.path === 'app/api/items/route.ts');
    expect(file.wrapped).toEqual(['PATCH']);
    expect(file.unwrapped.map((u: { method: string }) => u.method)).toEqual(['GET', 'PUT', 'DELETE']);
    const warning = JSON.parse(result.stdout).problems[0].message;
    expect(warning).toContain('app/api/items/route.ts: handlers still answer without CORS headers; wrap their responses by hand with withCors(request, itemsCors, response):');
    expect(warning).toContain('  GET: the result of `withAuth(…)`, whose handler create-endpoint cannot see into');
    expect(warning).toContain('  PUT: not async, and returns `fetch(');
    expect(warning).toContain('  DELETE: declared to return `Promise<Response | undefined>`');
    const after = read(dir, 'app/api/items/route.ts');
    expect(isSubsequence(user, after)).toBe(true);
    expect(after).toContain('export async function PATCH(request: Request) {');
    expect(after).toContain("export const GET = withAuth(async (request: Request) => Response.json({ ok: true }));");
  });

  it('--origins for a route whose policy exists is refused, not ignored; --force writes the policy anew', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/api/items/route.ts': route });
    expect((await runCli(['add', '/api/items', 'OPTIONS', '--template', 'cors', '--origins', 'https://a.example'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'app/api/items/route.ts'), route);
    const before = snapshotTree(dir);
    const again = await runCli(['add', '/api/items', 'OPTIONS', '--template', 'cors', '--origins', 'https://b.example'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('lib/server/cors/items.ts already holds this route\'s CORS policy, with other origins');
    expect(snapshotTree(dir)).toEqual(before);
    const forced = await runCli(['add', '/api/items', 'OPTIONS', '--template', 'cors', '--origins', 'https://b.example', '--force'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(read(dir, 'lib/server/cors/items.ts')).toContain('"https://b.example"');
  });
});

describe('generation merges a template into an existing route file', () => {
  it('--template cors on a CRUD route adds OPTIONS through the patcher and wraps the responses of the methods it has', async () => {
    const dir = project({ 'package.json': sveltekitPackageJson });
    expect((await runCli(['todos', '--yes'], { cwd: dir })).code).toBe(0);
    const before = read(dir, 'src/routes/api/todos/+server.ts');
    const result = await runCli(['todos', '--template', 'cors', '--origins', 'https://shop.example', '--yes'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/updated\s+src\/routes\/api\/todos\/\+server\.ts\s+OPTIONS \(kept GET, POST\) \(responses of GET, POST wrapped\)/);
    const after = read(dir, 'src/routes/api/todos/+server.ts');
    expect(after).toContain('export const OPTIONS: RequestHandler = async ({ request }) =>');
    // Every return of GET (2) and POST (4), the list and the created todo as well as the errors.
    expect(after.match(/withCors\(\s*request,\s*todosCors,/g)?.length).toBe(6);
    // What was there is untouched: the new code is only inserted.
    expect(isSubsequence(before, after)).toBe(true);
  });
});

describe("Next.js 14's caching setting goes in with a GET that is added", () => {
  it('a list GET merged into an existing route brings export const dynamic; a user GET keeps its caching', async () => {
    const dir = project({
      'package.json': JSON.stringify({ dependencies: { next: '14.2.30' } }),
      'app/api/todos/route.ts': 'export async function POST() {\n  return new Response(null, { status: 202 });\n}\n',
      'app/api/notes/route.ts': 'export async function GET() {\n  return Response.json([]);\n}\n',
    });
    expect((await runCli(['todos', 'notes', '--yes'], { cwd: dir })).code).toBe(0);
    const todos = read(dir, 'app/api/todos/route.ts');
    // The file shows no quotes: the project's formatter (here Prettier's defaults) decides them.
    expect(todos).toContain('export const dynamic = "force-dynamic";');
    expect(todos.indexOf('export const dynamic')).toBeLessThan(todos.indexOf('export async function GET'));
    expect(read(dir, 'app/api/notes/route.ts')).not.toContain('dynamic');
    const again = await runCli(['todos', 'notes', '--yes', '--json'], { cwd: dir });
    expect(JSON.parse(again.stdout).files.every((f: { action: string }) => f.action === 'unchanged')).toBe(true);
  });
});

describe('add --template', () => {
  it('takes the body from another template and creates the helper modules it needs', async () => {
    const dir = project({ 'package.json': sveltekitPackageJson });
    expect((await runCli(['todos', '--yes'], { cwd: dir })).code).toBe(0);
    const result = await runCli(['add', '/api/todos/[id]', 'OPTIONS', '--template', 'cors', '--origins', 'https://shop.example'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('OPTIONS: cors');
    expect(read(dir, 'src/routes/api/todos/[id]/+server.ts')).toContain('return preflight(request, todosCors);');
    expect(read(dir, 'src/lib/server/cors/todos.ts')).toContain('https://shop.example');
    expect(read(dir, 'src/lib/server/cors.ts')).toContain('export function preflight(');
  });
});

describe('add: bad input', () => {
  const cases: [string, Record<string, string>, string[], number, RegExp][] = [
    ['an unknown method lists the valid ones', { 'app/api/x/route.ts': 'export function GET() {}\n' }, ['add', '/api/x', 'FETCH'], 2, /"FETCH" is not one of GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH/],
    ['a page is not a route file', { 'app/page.tsx': 'export default function P() { return null }\n' }, ['add', 'app/page.tsx', 'GET'], 2, /not a Next.js route file/],
    ['a SvelteKit page server file is not a route file', { 'package.json': sveltekitPackageJson, 'src/routes/+page.server.ts': '' }, ['add', 'src/routes/+page.server.ts', 'GET', '--style', 'sveltekit'], 2, /not a SvelteKit route file/],
    ['a --style the project does not depend on', { 'src/routes/api/x/+server.ts': 'export function GET() {}\n' }, ['add', 'src/routes/api/x/+server.ts', 'POST', '--style', 'sveltekit'], 2, /--style sveltekit: this project's package\.json depends on next, not @sveltejs\/kit/],
    ['a missing file', {}, ['add', 'app/api/nope/route.ts', 'GET'], 2, /does not exist/],
    ['a Svelte page is not a route file', { 'package.json': sveltekitPackageJson, 'src/routes/+page.svelte': '<h1>hi</h1>\n' }, ['add', 'src/routes/+page.svelte', 'POST'], 2, /src\/routes\/\+page\.svelte is not a SvelteKit route file/],
    ['--template crud on a route no resource was generated for', { 'app/api/x/route.ts': 'export function GET() {}\n' }, ['add', '/api/x', 'POST', '--template', 'crud'], 2, /--template crud: app\/api\/x\/route\.ts is not a route of a resource create-endpoint generated/],
    ['a URL no route serves', {}, ['add', '/api/nope', 'GET'], 2, /No Next.js route file serves \/api\/nope/],
    ['a file that does not parse names line and column', { 'app/api/x/route.ts': 'export function GET() {\n  return (\n}\n' }, ['add', '/api/x', 'POST'], 1, /app\/api\/x\/route\.ts:3:1: cannot parse/],
    ['export * cannot be read for certain', { 'app/api/x/route.ts': "export * from './handlers';\n" }, ['add', '/api/x', 'POST'], 1, /re-exports everything from '\.\/handlers'/],
    ['a route beside a page is refused', { 'app/x/route.ts': 'export function GET() {}\n', 'app/x/page.tsx': '' }, ['add', 'app/x/route.ts', 'POST'], 1, /beside app\/x\/page\.tsx/],
  ];
  for (const [name, files, args, code, message] of cases) {
    it(`${name}: exit ${code}, nothing written`, async () => {
      const dir = project({ 'package.json': nextPackageJson, ...files });
      const before = snapshotTree(dir);
      const result = await runCli(args, { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(code);
      expect(result.stderr).toMatch(message);
      // The hint goes with the error, on stderr.
      expect(result.stdout).not.toContain('hint:');
      expect(snapshotTree(dir)).toEqual(before);
    });
  }

  it('--template download on a route without [...path] is refused, not a silent placeholder', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/api/x/route.ts': 'export function PUT() {}\n' });
    const before = snapshotTree(dir);
    const result = await runCli(['add', '/api/x', 'HEAD', '--template', 'download'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--template download cannot add HEAD to app/api/x/route.ts: its routes end in a catch-all [...path] folder');
    expect(snapshotTree(dir)).toEqual(before);
  });

  for (const [template, method, file] of [['download', 'HEAD', 'app/api/x/[...path]/route.ts'], ['cors', 'OPTIONS', 'app/api/x/route.ts'], ['stream', 'GET', 'app/api/x/route.ts']]) {
    it(`--template ${template}: every helper module it writes is one the added ${method} imports`, async () => {
      const dir = project({ 'package.json': nextPackageJson, [file!]: 'export function PUT() {}\n' });
      const result = await runCli(['add', file!, method!, '--template', template!, '--json'], { cwd: dir });
      expect(result.code, result.stdout).toBe(0);
      const modules = (JSON.parse(result.stdout).files as { path: string }[]).map((f) => f.path).filter((p) => p.startsWith('lib/'));
      expect(modules.length).toBeGreaterThan(0);
      const route = read(dir, file!);
      for (const module of modules) expect(route, module).toMatch(new RegExp(`from "(\\.\\./)+${module.replace(/\.ts$/, '').replace(/[[\]]/g, '\\$&')}"`));
    });
  }
});

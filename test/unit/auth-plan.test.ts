// --auth and --role, planned in process: the guard module written for each
// auth library, the call at the top of each guarded handler, src/app.d.ts's
// App.Locals declaration kept byte for byte, and the refusals (nothing
// written). Every guard module is as Prettier prints it. That the guards
// answer 401/403 through real libraries is test/e2e/auth.test.ts's to prove.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { parseAuth, type AuthRequest } from '../../src/model/auth.js';
import { declareLocalsUser, localsUserMember } from '../../src/patch/app-locals.js';
import { UsageError } from '../../src/util/errors.js';
import { snapshotTree, useTempProjects } from '../cli/run-cli.js';
import { isSubsequence } from '../patch/subsequence.js';
import { add, expectIdempotent, generate, planRun, read } from './plan-runs.js';

const project = useTempProjects();
const all: AuthRequest = { scope: 'all' };
const admin: AuthRequest = { scope: 'all', role: 'admin' };

const next = (deps: Record<string, string>, files: Record<string, string> = {}) =>
  project({
    'package.json': JSON.stringify({ dependencies: { next: '16.4.5', ...deps } }),
    'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
    'src/app/layout.tsx': 'export default function L() { return null; }\n',
    ...files,
  });
const kit = (deps: Record<string, string> = {}, files: Record<string, string> = {}) =>
  project({ 'package.json': JSON.stringify({ devDependencies: { '@sveltejs/kit': '2.70.0', ...deps } }), 'tsconfig.json': '{}', 'src/routes/+page.svelte': '', ...files });
const betterAuthModule = 'import { betterAuth } from "better-auth";\nexport const auth = betterAuth({});\n';

describe('parseAuth: --auth [spec] and --role', () => {
  it('reads a provider, a scope, both, or neither (detect), and the role', () => {
    expect(parseAuth(true, undefined)).toEqual({ scope: 'all' });
    expect(parseAuth('clerk', 'admin')).toEqual({ scope: 'all', provider: 'clerk', role: 'admin' });
    expect(parseAuth('writes', undefined)).toEqual({ scope: 'writes' });
    expect(parseAuth(' better-auth , writes ', 'billing:write')).toEqual({ scope: 'writes', provider: 'better-auth', role: 'billing:write' });
    expect(parseAuth(undefined, undefined)).toBeUndefined();
  });

  it.each([
    [undefined, 'admin', /--role needs --auth/],
    ['okta', undefined, /"okta" is neither a provider/],
    ['clerk,supabase', undefined, /two providers, clerk and supabase/],
    [true, 'admin role', /not a role name/],
    [true, 'a'.repeat(25), /not a role name/],
  ])('refuses --auth %s --role %s', (auth, role, message) => {
    expect(() => parseAuth(auth, role)).toThrow(UsageError);
    expect(() => parseAuth(auth, role)).toThrow(message);
  });
});

describe('the guard in the handlers', () => {
  it('better-auth on Next.js: every handler asks the project\'s auth instance first; the role is checked; a second run writes nothing', async () => {
    const dir = next({ 'better-auth': '^1.6.0', vitest: '^4.0.0' }, { 'src/lib/auth.ts': betterAuthModule });
    const { plan, notes } = await generate(dir, { resources: ['todos'], auth: admin });
    const guard = read(dir, 'src/lib/server/auth-guard.ts');
    expect(guard).toContain('import { auth } from "@/lib/auth";');
    expect(guard).toContain('const session = await auth.api.getSession({ headers: request.headers });');
    for (const route of ['src/app/api/todos/route.ts', 'src/app/api/todos/[id]/route.ts']) {
      const text = read(dir, route);
      expect(text).toContain('import { requireUser } from "@/lib/server/auth-guard";');
      const handlers = text.split(/^export async function /m).slice(1);
      expect(handlers.length).toBeGreaterThan(1);
      for (const handler of handlers) expect(handler).toMatch(/^\w+\(\s*request: Request[^]*?\{\n {2}(const (\{ id \}|url) = [^\n]*;\n {2})*const access = await requireUser\(request, "admin"\);\n {2}if \(access\.ok === false\) return access\.response;\n/);
    }
    expect(notes).toContain('--auth better-auth: every handler (but a CORS preflight) answers 401 without a signed-in user, and 403 unless the user has the role admin');
    // The guarded endpoints get no Vitest file, though the project uses Vitest: the report says why.
    expect(notes).toContain('No Vitest file was written for the guarded endpoints');
    expect(plan.files.map((f) => f.path).filter((path) => path.includes('.test.'))).toEqual([]);
    await expectIdempotent(dir, { resources: ['todos'], auth: admin });
  });

  it('--auth writes: GET stays public, POST is guarded', async () => {
    const dir = next({ 'better-auth': '^1.6.0' }, { 'lib/auth.ts': betterAuthModule });
    await generate(dir, { resources: ['notes'], auth: { scope: 'writes' } });
    const collection = read(dir, 'src/app/api/notes/route.ts');
    const [get, post] = collection.split('export async function POST');
    expect(get).not.toContain('requireUser(');
    expect(post).toContain('const access = await requireUser(request);');
    // lib/auth.ts at the root is where better-auth's docs put it, without the @/ alias's src/.
    expect(read(dir, 'src/lib/server/auth-guard.ts')).toContain('import { auth } from "../../../lib/auth";');
  });

  it('CORS: the preflight stays open; a refusal carries the policy headers', async () => {
    const dir = next({ 'better-auth': '^1.6.0' }, { 'src/lib/auth.ts': betterAuthModule });
    await generate(dir, { resources: ['hello'], template: 'cors', methods: ['GET'], auth: all });
    const route = read(dir, 'src/app/api/hello/route.ts');
    expect(route).toMatch(/export async function OPTIONS\(request: Request\) \{\n {2}return preflight/);
    expect(route).toContain('if (access.ok === false) return withCors(request, helloCors, access.response);');
  });

  it.each([
    ['next-auth', '5.0.0-beta.29', { 'auth.ts': 'import NextAuth from "next-auth";\nexport const { handlers, signIn, signOut, auth } = NextAuth({ providers: [] });\n' }, ['import { auth } from "../../../auth";', 'const session = await auth();']],
    ['@clerk/nextjs', '^6.30.0', {}, ['import { auth } from "@clerk/nextjs/server";', 'const { userId, sessionClaims } = await auth();', '"WWW-Authenticate": \'Bearer realm="api"\'']],
    ['@clerk/nextjs', '^5.7.0', {}, ['const { userId, sessionClaims } = auth();']],
    ['@supabase/ssr', '^0.7.0', { 'utils/supabase/server.ts': 'export async function createClient() { return null; }\n' }, ['import { createClient } from "../../../utils/supabase/server";', 'await supabase.auth.getUser();']],
  ])('%s %s: the guard calls the library as its version does', async (pkg, version, files, expected) => {
    const dir = next({ [pkg]: version }, files);
    await generate(dir, { resources: ['todos'], auth: all });
    const guard = read(dir, 'src/lib/server/auth-guard.ts');
    for (const line of expected) expect(guard).toContain(line);
    expect(read(dir, 'src/app/api/todos/route.ts')).toContain('const access = await requireUser();');
  });

  it("Supabase's getClaims() where the installed auth-js has it (2.71)", async () => {
    const dir = next({ '@supabase/ssr': '^0.7.0' }, { 'utils/supabase/server.ts': 'export async function createClient() { return null; }\n', 'node_modules/@supabase/auth-js/package.json': '{ "version": "2.71.1" }' });
    await generate(dir, { resources: ['todos'], auth: admin });
    expect(read(dir, 'src/lib/server/auth-guard.ts')).toContain('const { data, error } = await supabase.auth.getClaims();');
  });

  it('SvelteKit: locals.user, declared on App.Locals when src/app.d.ts lacks it; the handlers take locals', async () => {
    const appDts = '// See https://svelte.dev/docs/kit/types#app.d.ts\ndeclare global {\n  namespace App {\n    // interface Error {}\n    interface Locals {}\n  }\n}\n\nexport {};\n';
    const dir = kit({}, { 'src/app.d.ts': appDts });
    const { notes } = await generate(dir, { resources: ['files'], template: 'download', auth: all });
    const after = read(dir, 'src/app.d.ts');
    expect(after).toBe('// See https://svelte.dev/docs/kit/types#app.d.ts\ndeclare global {\n  namespace App {\n    // interface Error {}\n    interface Locals {\n      user?: { id: string; role?: string };\n    }\n  }\n}\n\nexport {};\n');
    expect(read(dir, 'src/routes/api/files/[...path]/+server.ts')).toMatch(/export const GET: RequestHandler = async \(\{ request, params, locals \}\) => \{\n {2}const access = await requireUser\(locals\);/);
    expect(read(dir, 'src/lib/server/auth-guard.ts')).toContain('export type SessionUser = NonNullable<App.Locals["user"]>;');
    expect(notes).toContain(`locals.user must be set by your handle hook in src/hooks.server.ts for each request; src/app.d.ts now declares it on App.Locals (${localsUserMember}): change its type to your user's.`);
    await expectIdempotent(dir, { resources: ['files'], template: 'download', auth: all });
  });

  it("SvelteKit with sv's better-auth: its App.Locals declaration is used as it is", async () => {
    const appDts = "declare global {\n\tnamespace App {\n\t\tinterface Locals {\n\t\t\tuser?: import('better-auth').User;\n\t\t\tsession?: import('better-auth').Session;\n\t\t}\n\t}\n}\n\nexport {};\n";
    const dir = kit({ 'better-auth': '^1.6.0' }, { 'src/app.d.ts': appDts });
    const { notes } = await generate(dir, { resources: ['todos'], auth: admin });
    expect(read(dir, 'src/app.d.ts')).toBe(appDts);
    expect(read(dir, 'src/lib/server/auth-guard.ts')).toContain('sv add\n// better-auth sets it');
    expect(notes).not.toContain('now declares it');
  });

  it("SvelteKit with Supabase: locals.user, as the hook of Supabase's SvelteKit guide sets it", async () => {
    const dir = kit({ '@supabase/ssr': '^0.7.0' }, { 'src/app.d.ts': 'declare global {\n  namespace App {\n    interface Locals {\n      user: { id: string } | null;\n    }\n  }\n}\nexport {};\n' });
    const { notes } = await generate(dir, { resources: ['todos'], auth: all });
    expect(read(dir, 'src/lib/server/auth-guard.ts')).toContain('(Supabase\n// sets it from safeGetSession, which verifies the token)');
    expect(read(dir, 'src/routes/api/todos/+server.ts')).toContain('const access = await requireUser(locals);');
    expect(notes).toContain('--auth supabase: every handler');
  });

  it('add: a guarded method joins a route file; its own handlers are untouched; the guard module comes with it', async () => {
    const route = 'import { json } from "@sveltejs/kit";\n\nexport function GET() {\n  return json({ ok: true });\n}\n';
    const dir = kit({}, { 'src/routes/api/ping/+server.ts': route });
    const { sources } = await add(dir, { route: 'src/routes/api/ping/+server.ts', methods: ['POST'], auth: all });
    expect(sources).toEqual({ POST: 'placeholder (501)' });
    const after = read(dir, 'src/routes/api/ping/+server.ts');
    expect(isSubsequence(route, after)).toBe(true);
    // In the file's own declaration form.
    expect(after).toMatch(/export async function POST\(\{ locals \}: RequestEvent\) \{\n {2}const access = await requireUser\(locals\);\n {2}if \(access\.ok === false\) return access\.response;/);
    expect(after.split('export async function POST')[0]).not.toContain('requireUser(');
    expect(read(dir, 'src/lib/server/auth-guard.ts')).toContain('export async function requireUser(');
    expect(read(dir, 'src/app.d.ts')).toContain('user?: { id: string; role?: string };');
  });
});

describe('a later run with --auth', () => {
  it('warns of every handler it kept unguarded (a later run never rewrites a handler), and not once the file calls requireUser', async () => {
    const dir = kit();
    await generate(dir, { resources: ['todos'] });
    const plan = await planRun(dir, { resources: ['todos'], auth: { scope: 'writes' } });
    const warnings = plan.problems.filter((p) => p.level === 'warning').map((p) => p.message);
    expect(warnings).toContain('POST in src/routes/api/todos/+server.ts was kept as it was, without the --auth guard: check the session there yourself, or call requireUser from src/lib/server/auth-guard.ts at the top, as the new handlers do.');
    expect(warnings).toContain('PUT, PATCH, DELETE in src/routes/api/todos/[id]/+server.ts were kept as they were, without the --auth guard: check the session there yourself, or call requireUser from src/lib/server/auth-guard.ts at the top, as the new handlers do.');
    // GET stays public under --auth writes: nothing to warn of.
    expect(warnings.join('\n')).not.toMatch(/\bGET\b/);

    const guarded = kit();
    await generate(guarded, { resources: ['todos'], auth: all });
    const again = await planRun(guarded, { resources: ['todos'], auth: all });
    expect(again.problems).toEqual([]);
  });
});

describe('refused, with nothing written', () => {
  it.each([
    ['Next.js without an auth library', () => next({}), all, /depends on no auth library/],
    ['two libraries and none named', () => next({ 'better-auth': '1.6.0', '@clerk/nextjs': '6.30.0' }, { 'src/lib/auth.ts': betterAuthModule }), all, /has better-auth and clerk; name the one/],
    ['a provider the project does not have', () => next({ 'better-auth': '1.6.0' }, { 'src/lib/auth.ts': betterAuthModule }), { scope: 'all', provider: 'clerk' }, /does not depend on @clerk\/nextjs/],
    ['better-auth without its instance module', () => next({ 'better-auth': '1.6.0' }), all, /no module exports the better-auth instance/],
    ['next-auth 4', () => next({ 'next-auth': '^4.24.0' }, { 'auth.ts': 'export const auth = 1;\n' }), all, /next-auth 4 is not supported/],
    ['locals on Next.js', () => next({}), { scope: 'all', provider: 'locals' }, /Next.js has no locals/],
    ['Clerk on SvelteKit', () => kit({ 'svelte-clerk': '^0.10.0' }), all, /Clerk is guarded on Next.js only/],
  ] as const)('%s', async (_label, make, auth, message) => {
    const dir = make();
    const before = snapshotTree(dir);
    await expect(planRun(dir, { resources: ['todos'], auth })).rejects.toThrow(message);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('webhooks: they authenticate by signature', async () => {
    const dir = kit();
    await expect(planRun(dir, { resources: ['hooks'], template: 'webhook', auth: all })).rejects.toThrow(/does not apply to webhooks/);
  });
});

describe('declareLocalsUser: App.Locals gains user, every other byte kept', () => {
  it.each([
    ['an empty Locals on one line, tabs', 'declare global {\n\tnamespace App {\n\t\tinterface Locals {}\n\t}\n}\nexport {};\n', 'declare global {\n\tnamespace App {\n\t\tinterface Locals {\n\t\t\tuser?: { id: string; role?: string };\n\t\t}\n\t}\n}\nexport {};\n'],
    ['a Locals with members, CRLF', 'declare global {\r\n  namespace App {\r\n    interface Locals {\r\n      db: unknown;\r\n    }\r\n  }\r\n}\r\n', 'declare global {\r\n  namespace App {\r\n    interface Locals {\r\n      db: unknown;\r\n      user?: { id: string; role?: string };\r\n    }\r\n  }\r\n}\r\n'],
    ['no Locals yet', 'declare global {\n  namespace App {\n    interface Error {}\n  }\n}\n', 'declare global {\n  namespace App {\n    interface Error {}\n    interface Locals {\n      user?: { id: string; role?: string };\n    }\n  }\n}\n'],
  ])('%s', (_label, before, after) => {
    expect(declareLocalsUser(before)).toBe(after);
    expect(isSubsequence(before, after)).toBe(true);
  });

  it('a file without namespace App is left to the user; no file gets sv\'s own', () => {
    expect(declareLocalsUser('export {};\n')).toBeNull();
    expect(declareLocalsUser(null)).toContain('    interface Locals {\n      user?: { id: string; role?: string };\n    }');
  });
});

describe('guard modules are as Prettier prints them', () => {
  const cases: [string, () => string][] = [
    ['better-auth, Next.js', () => next({ 'better-auth': '1.6.0' }, { 'src/lib/auth.ts': betterAuthModule })],
    ['Auth.js, Next.js', () => next({ 'next-auth': '5.0.0-beta.29' }, { 'auth.ts': 'export const { auth } = NextAuth({});\n' })],
    ['Clerk, Next.js', () => next({ '@clerk/nextjs': '6.30.0' })],
    ['Supabase (getUser), Next.js', () => next({ '@supabase/ssr': '0.7.0' }, { 'utils/supabase/server.ts': 'export function createClient() {}\n' })],
    ['Supabase (getClaims), Next.js', () => next({ '@supabase/ssr': '0.7.0' }, { 'utils/supabase/server.ts': 'export function createClient() {}\n', 'node_modules/@supabase/auth-js/package.json': '{ "version": "2.80.0" }' })],
    ['locals, SvelteKit', () => kit()],
    ['Auth.js, SvelteKit', () => kit({ '@auth/sveltekit': '1.10.0' })],
  ];
  it.each(cases)('%s', async (_label, make) => {
    const dir = make();
    const plan = await planRun(dir, { resources: ['todos'], template: 'stream', auth: admin, format: false });
    for (const file of plan.files.filter((f) => f.path.endsWith('.ts'))) {
      expect(file.after, file.path).toBe(await prettier.format(file.after, { parser: 'typescript' }));
    }
  });
});

// A JavaScript project gets the guard in JavaScript, typed with JSDoc.
it('JavaScript: the guard module is JavaScript with JSDoc types', async () => {
  const dir = project({ 'package.json': JSON.stringify({ devDependencies: { '@sveltejs/kit': '2.70.0' } }), 'jsconfig.json': '{}', 'src/routes/+page.svelte': '' });
  mkdirSync(join(dir, 'src/lib/server'), { recursive: true });
  writeFileSync(join(dir, 'src/app.d.ts'), 'declare global {\n\tnamespace App {\n\t\tinterface Locals {\n\t\t\tuser?: { id: string };\n\t\t}\n\t}\n}\nexport {};\n');
  await generate(dir, { resources: ['todos'], auth: all });
  const guard = read(dir, 'src/lib/server/auth-guard.js');
  expect(guard).toContain('@param {App.Locals} locals');
  expect(guard).not.toMatch(/: Promise<Access>/);
});

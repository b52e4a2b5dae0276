// Regression tests for what broke on projects and names this repo did not
// choose: ordinary resource names, JavaScript projects with JSDoc, route files
// in the other language, the hints after a run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextPackageJson, runCli, useTempProjects } from './run-cli.js';

const project = useTempProjects();
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const withDev = JSON.stringify({ ...JSON.parse(nextPackageJson), scripts: { dev: 'next dev' } });

describe('ordinary resource names', () => {
  it('reserved words, handler locals and imported type names are renamed where they would clash', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    const names = ['classes', 'packages', 'requests', 'bodies', 'inputs', 'urls', 'ids', 'patches', 'locations', 'collections', 'pages', 'results', 'records'];
    const result = await runCli([...names, '--yes'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, 'app/api/classes/[id]/route.ts')).toContain('const classItem = await getClass(id);');
    expect(read(dir, 'app/api/packages/[id]/route.ts')).toContain('const packageItem = await getPackage(id);');
    expect(read(dir, 'app/api/requests/[id]/route.ts')).toContain('const requestItem = await getRequestItem(id);');
    expect(read(dir, 'app/api/ids/[id]/route.ts')).toContain('const idItem = await getId(id);');
    expect(read(dir, 'app/api/bodies/route.ts')).toContain('const created = await createBody(input.value);');
    expect(read(dir, 'lib/server/resources/pages.ts')).toContain('export interface PageItem {');
    expect(read(dir, 'lib/server/resources/records.ts')).toContain('export interface RecordItem {');
    expect(read(dir, 'lib/server/resources/results.ts')).toContain('export interface ResultItem {');
  });

  it('singulars come from an inflection library: courses, responses, caches, movies', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    expect((await runCli(['courses', 'responses', 'caches', 'cookies', 'movies', 'houses', 'people', '--yes'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'lib/server/resources/cookies.ts')).toContain('export interface Cookie {');
    expect(read(dir, 'app/api/courses/[id]/route.ts')).toContain('"Course not found"');
    expect(read(dir, 'app/api/responses/[id]/route.ts')).toContain('"Response not found"');
    expect(read(dir, 'app/api/caches/[id]/route.ts')).toContain('"Cache not found"');
    expect(read(dir, 'app/api/movies/[id]/route.ts')).toContain('"Movie not found"');
    expect(read(dir, 'app/api/houses/[id]/route.ts')).toContain('"House not found"');
    expect(read(dir, 'lib/server/resources/people.ts')).toContain('export interface Person {');
  });

  it('--singular overrides the inflected singular, and add follows it', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    expect((await runCli(['staff', '--singular', 'staff-member', '--methods', 'GET,POST'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'lib/server/resources/staff.ts')).toContain('export interface StaffMember {');
    expect((await runCli(['staff', '--singular', 'staff-member', '--methods', 'GET'], { cwd: dir })).code).toBe(0);
    const added = await runCli(['add', '/api/staff/[id]', 'GET'], { cwd: dir });
    expect(added.code, added.stderr).toBe(0);
    expect(read(dir, 'app/api/staff/[id]/route.ts')).toContain('const staffMember = await getStaffMember(id);');
  });
});

describe('the language of the project', () => {
  it('a jsconfig.json makes a JavaScript project although typescript is in devDependencies (sv --types jsdoc)', async () => {
    const pkg = JSON.stringify({ type: 'module', devDependencies: { '@sveltejs/kit': '^2.70.0', typescript: '^5.9.0', 'svelte-check': '^4.0.0' } });
    const dir = project({ 'package.json': pkg, 'jsconfig.json': '{"compilerOptions":{"checkJs":true}}', 'src/lib/index.js': '' });
    const result = await runCli(['todos', '--fields', 'title:string,due?:date', '--yes'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'src/routes/api/todos/+server.ts'))).toBe(false);
    const module = read(dir, 'src/lib/server/resources/todos.js');
    expect(module).toContain("/** @import { FieldSpec, ListQuery, Page, Patch, Result, Store, Written } from '../resources.js' */");
    expect(module).toMatch(/@typedef \{\{ id: string; title: string; due\?: string; createdAt: string; updatedAt: string \}\} Todo/);
    expect(module).toContain('@param {Record<string, unknown>} body');
    expect(module).toContain('@returns {Result<TodoInput>}');
    expect(read(dir, 'src/lib/server/api-utils.js')).toContain('@param {Request} request');
  });

  it('--lang js writes JavaScript into a TypeScript project, --lang ts TypeScript into a JavaScript one', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    expect((await runCli(['todos', '--lang', 'js', '--yes'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'app/api/todos/route.js')).toContain('@param {Request} request');
    const js = project({ 'package.json': JSON.stringify({ dependencies: { next: '16.4.5' } }), 'jsconfig.json': '{}' });
    expect((await runCli(['todos', '--lang', 'ts', '--yes'], { cwd: js })).code).toBe(0);
    expect(existsSync(join(js, 'app/api/todos/route.ts'))).toBe(true);
  });

  it('a route file in the other language is merged into, never doubled', async () => {
    const mine = 'export async function GET() {\n  return Response.json({ mine: true });\n}\n';
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}', 'app/api/todos/route.js': mine });
    const result = await runCli(['todos', '--yes'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(dir, 'app/api/todos/route.ts'))).toBe(false);
    const route = read(dir, 'app/api/todos/route.js');
    expect(route).toContain(mine);
    expect(route).toContain('export async function POST(request)');
    expect(route).not.toMatch(/: Request/);
  });
});

describe('the report after a run', () => {
  it('the dev-server hint needs a dev script to start', async () => {
    const withScript = project({ 'package.json': withDev, 'tsconfig.json': '{}' });
    expect((await runCli(['todos', '--yes'], { cwd: withScript })).stdout).toContain('npm run dev');
    const bare = project({});
    const result = await runCli(['todos', '--style', 'next', '--yes'], { cwd: bare });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('npm run dev');
  });
});

describe('names the user gives the routes', () => {
  for (const [args, name] of [[['todos', '--param', 'body'], 'body'], [['orgs/[url]/todos'], 'url'], [['todos', '--param', 'request'], 'request']] as const) {
    it(`a parameter named ${name} is refused: the handlers use that name themselves`, async () => {
      const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
      const result = await runCli([...args, '--yes'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`the parameter "${name}" is a name the generated handlers use themselves`);
      expect(existsSync(join(dir, 'app'))).toBe(false);
    });
  }

  it('a module generated with --singular keeps its names in a later run without the flag', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    expect((await runCli(['staff', '--singular', 'staff-member', '--methods', 'GET,POST'], { cwd: dir })).code).toBe(0);
    const module = read(dir, 'lib/server/resources/staff.ts');
    expect((await runCli(['staff', '--yes'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'lib/server/resources/staff.ts')).toBe(module);
    expect(read(dir, 'app/api/staff/[id]/route.ts')).toContain('const staffMember = await getStaffMember(id);');
  });

  it("a helper of the user's named get… in the module does not mislead add", async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    expect((await runCli(['todos', '--methods', 'GET,POST'], { cwd: dir })).code).toBe(0);
    const file = join(dir, 'lib/server/resources/todos.ts');
    writeFileSync(file, read(dir, 'lib/server/resources/todos.ts').replace('/**\n * Checks a whole', 'export function getDefaults() {\n  return {};\n}\n\n/**\n * Checks a whole'));
    expect((await runCli(['add', '/api/todos/[id]', 'DELETE'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'app/api/todos/[id]/route.ts')).toContain('deleteTodo(id)');
  });

  it('a typo in the Prettier config is reported as such, not as a template that does not parse', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}', '.prettierrc.cjs': 'module.exports = {semi: false\n' });
    const result = await runCli(['todos', '--yes'], { cwd: dir });
    expect(result.stderr).not.toContain('does not parse');
  });

  it('list --style that contradicts package.json: exit 2', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    const result = await runCli(['list', '--style', 'sveltekit'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('depends on next, not @sveltejs/kit');
  });

  it('--lang js with an existing +server.ts: the TypeScript file gets TypeScript handlers', async () => {
    const pkg = JSON.stringify({ type: 'module', devDependencies: { '@sveltejs/kit': '^2.70.0', typescript: '^5.9.0' } });
    const dir = project({ 'package.json': pkg, 'tsconfig.json': '{}', 'src/routes/api/todos/+server.ts': "import type { RequestHandler } from './$types';\nexport const GET: RequestHandler = async () => new Response('ok');\n" });
    expect((await runCli(['todos', '--lang', 'js', '--yes'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'src/routes/api/todos/+server.ts')).toContain('export const POST: RequestHandler = async ({ request, url }) =>');
  });
});

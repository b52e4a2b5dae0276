// Regressions on projects and names this repo did not choose, planned in
// process (plan-runs.ts): ordinary resource names, JavaScript projects with
// JSDoc, route files in the other language, the notes after a run. The flags
// and refusals of test/cli/real-projects.test.ts now run in
// test/unit/bad-input.test.ts (the CLI's main in process).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextPackageJson, useTempProjects } from '../cli/run-cli.js';
import { add, generate, read } from './plan-runs.js';

const project = useTempProjects();
const withDev = JSON.stringify({ ...JSON.parse(nextPackageJson), scripts: { dev: 'next dev' } });

describe('ordinary resource names', () => {
  it('reserved words, handler locals and imported type names are renamed where they would clash', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    const names = ['classes', 'packages', 'requests', 'bodies', 'inputs', 'urls', 'ids', 'patches', 'locations', 'collections', 'pages', 'results', 'records'];
    await generate(dir, { resources: names });
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
    await generate(dir, { resources: ['courses', 'responses', 'caches', 'cookies', 'movies', 'houses', 'people'] });
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
    await generate(dir, { resources: ['staff'], singular: 'staff-member', methods: ['GET', 'POST'] });
    expect(read(dir, 'lib/server/resources/staff.ts')).toContain('export interface StaffMember {');
    await generate(dir, { resources: ['staff'], singular: 'staff-member', methods: ['GET'] });
    await add(dir, { route: '/api/staff/[id]', methods: ['GET'] });
    expect(read(dir, 'app/api/staff/[id]/route.ts')).toContain('const staffMember = await getStaffMember(id);');
  });

  it('a module generated with --singular keeps its names in a later run without it', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    await generate(dir, { resources: ['staff'], singular: 'staff-member', methods: ['GET', 'POST'] });
    const module = read(dir, 'lib/server/resources/staff.ts');
    await generate(dir, { resources: ['staff'] });
    expect(read(dir, 'lib/server/resources/staff.ts')).toBe(module);
    expect(read(dir, 'app/api/staff/[id]/route.ts')).toContain('const staffMember = await getStaffMember(id);');
  });

  it("a helper of the user's named get… in the module does not mislead add", async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    await generate(dir, { resources: ['todos'], methods: ['GET', 'POST'] });
    const file = join(dir, 'lib/server/resources/todos.ts');
    writeFileSync(file, read(dir, 'lib/server/resources/todos.ts').replace('/**\n * Checks a whole', 'export function getDefaults() {\n  return {};\n}\n\n/**\n * Checks a whole'));
    await add(dir, { route: '/api/todos/[id]', methods: ['DELETE'] });
    expect(read(dir, 'app/api/todos/[id]/route.ts')).toContain('deleteTodo(id)');
  });
});

describe('the language of the project', () => {
  it('a jsconfig.json makes a JavaScript project although typescript is in devDependencies (sv --types jsdoc)', async () => {
    const pkg = JSON.stringify({ type: 'module', devDependencies: { '@sveltejs/kit': '^2.70.0', typescript: '^5.9.0', 'svelte-check': '^4.0.0' } });
    const dir = project({ 'package.json': pkg, 'jsconfig.json': '{"compilerOptions":{"checkJs":true}}', 'src/lib/index.js': '' });
    await generate(dir, { resources: ['todos'], fields: 'title:string,due?:date' });
    expect(existsSync(join(dir, 'src/routes/api/todos/+server.ts'))).toBe(false);
    const module = read(dir, 'src/lib/server/resources/todos.js');
    expect(module).toContain("/** @import { FieldSpec, ListQuery, Page, Patch, Result, Store, Written } from '../resources.js' */");
    expect(module).toMatch(/@typedef \{\{ id: string; title: string; due\?: string; createdAt: string; updatedAt: string \}\} Todo/);
    expect(module).toContain('@param {Record<string, unknown>} body');
    expect(module).toContain('@returns {Result<TodoInput>}');
    expect(read(dir, 'src/lib/server/api-utils.js')).toContain('@param {Request} request');
  });

  it('lang js writes JavaScript into a TypeScript project, lang ts TypeScript into a JavaScript one', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    await generate(dir, { resources: ['todos'], lang: 'js' });
    expect(read(dir, 'app/api/todos/route.js')).toContain('@param {Request} request');
    const js = project({ 'package.json': JSON.stringify({ dependencies: { next: '16.4.5' } }), 'jsconfig.json': '{}' });
    await generate(js, { resources: ['todos'], lang: 'ts' });
    expect(existsSync(join(js, 'app/api/todos/route.ts'))).toBe(true);
  });

  it('a route file in the other language is merged into, never doubled', async () => {
    const mine = 'export async function GET() {\n  return Response.json({ mine: true });\n}\n';
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}', 'app/api/todos/route.js': mine });
    await generate(dir, { resources: ['todos'] });
    expect(existsSync(join(dir, 'app/api/todos/route.ts'))).toBe(false);
    const route = read(dir, 'app/api/todos/route.js');
    expect(route).toContain(mine);
    expect(route).toContain('export async function POST(request)');
    expect(route).not.toMatch(/: Request/);
  });

  it('lang js with an existing +server.ts: the TypeScript file gets TypeScript handlers', async () => {
    const pkg = JSON.stringify({ type: 'module', devDependencies: { '@sveltejs/kit': '^2.70.0', typescript: '^5.9.0' } });
    const dir = project({ 'package.json': pkg, 'tsconfig.json': '{}', 'src/routes/api/todos/+server.ts': "import type { RequestHandler } from './$types';\nexport const GET: RequestHandler = async () => new Response('ok');\n" });
    await generate(dir, { resources: ['todos'], lang: 'js' });
    expect(read(dir, 'src/routes/api/todos/+server.ts')).toContain('export const POST: RequestHandler = async ({ request, url }) =>');
  });
});

describe('the notes after a run', () => {
  it('the dev-server hint needs a dev script to start', async () => {
    const withScript = project({ 'package.json': withDev, 'tsconfig.json': '{}' });
    expect((await generate(withScript, { resources: ['todos'] })).notes).toContain('npm run dev');
    const bare = project({});
    expect((await generate(bare, { resources: ['todos'], style: 'next' })).notes).not.toContain('npm run dev');
  });
});

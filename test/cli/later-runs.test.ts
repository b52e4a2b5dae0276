// A module create-endpoint wrote is the user's from then on: later runs never
// stop on it, never rewrite it, and only add what they need through the AST.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextPackageJson, runCli, sveltekitPackageJson, useTempProjects } from './run-cli.js';

const project = useTempProjects();
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('later runs are never blocked by a module written before', () => {
  it('an edited shared helper is kept byte for byte and the next resource is written', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/layout.tsx': '' });
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    const edited = read(dir, 'lib/server/api-utils.ts').replace('const MAX_BODY_BYTES = 1_000_000;', 'const MAX_BODY_BYTES = 64_000; // ours');
    writeFileSync(join(dir, 'lib/server/api-utils.ts'), edited);
    const engine = `${read(dir, 'lib/server/resources.ts')}\n// a note of ours\n`;
    writeFileSync(join(dir, 'lib/server/resources.ts'), engine);
    const result = await runCli(['invoices', '--json'], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    const files = JSON.parse(result.stdout).files as { path: string; action: string; reason?: string }[];
    expect(files.find((f) => f.path === 'lib/server/api-utils.ts')).toMatchObject({ action: 'unchanged', reason: expect.stringContaining('yours') });
    expect(files.find((f) => f.path === 'lib/server/resources/invoices.ts')).toMatchObject({ action: 'create' });
    expect(read(dir, 'lib/server/api-utils.ts')).toBe(edited);
    expect(read(dir, 'lib/server/resources.ts')).toBe(engine);
  });

  it('a Prettier config added later changes nothing in the helpers already written', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/layout.tsx': '' });
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    const utils = read(dir, 'lib/server/api-utils.ts');
    writeFileSync(join(dir, '.prettierrc'), JSON.stringify({ singleQuote: true, useTabs: true }));
    const result = await runCli(['invoices'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, 'lib/server/api-utils.ts')).toBe(utils);
    // The new resource's own files follow the new config.
    expect(read(dir, 'lib/server/resources/invoices.ts')).toContain("from '../resources'");
  });

  it('zod installed later: the engine gains its zod helpers through the AST, every byte before them kept', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/layout.tsx': '' });
    expect((await runCli(['todos', '--fields', 'title:string,due?:date'], { cwd: dir })).code).toBe(0);
    const engine = read(dir, 'lib/server/resources.ts');
    expect(engine).not.toContain('zod');
    const pkg = JSON.parse(nextPackageJson);
    pkg.dependencies.zod = '^4.1.0';
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
    const result = await runCli(['invoices', '--fields', 'total:number,issued:date', '--json'], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    const files = JSON.parse(result.stdout).files as { path: string; action: string; added?: string[] }[];
    expect(files.find((f) => f.path === 'lib/server/resources.ts')).toMatchObject({ action: 'update', added: expect.arrayContaining(['fromZod', 'isoDate']) });
    const merged = read(dir, 'lib/server/resources.ts');
    expect(merged.startsWith(engine.slice(0, engine.indexOf('\nexport type FieldType')))).toBe(true);
    expect(merged).toContain('import { z } from "zod";');
    expect(merged).toContain('export function fromZod<T>(');
    expect(read(dir, 'lib/server/resources/invoices.ts')).toContain('z.strictObject(');
    // A second run adds nothing more.
    const again = await runCli(['invoices', '--fields', 'total:number,issued:date', '--json'], { cwd: dir });
    expect(JSON.parse(again.stdout).files.every((f: { action: string }) => f.action === 'unchanged')).toBe(true);
  });

  it('resources named like the helpers get modules of their own; two templates on one resource keep two test files', async () => {
    const pkg = JSON.parse(sveltekitPackageJson);
    pkg.devDependencies.vitest = '^4.1.0';
    const dir = project({ 'package.json': JSON.stringify(pkg) });
    const names = ['resources', 'api-utils', 'webhooks', 'cors', 'streaming', 'download'];
    const result = await runCli([...names, '--yes'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    for (const name of names) expect(read(dir, `src/lib/server/resources/${name}.ts`)).toContain(`the ${name} resource`);
    expect(read(dir, 'src/lib/server/resources.ts')).toContain('export function memoryStore');
    expect(read(dir, 'src/lib/server/api-utils.ts')).toContain('export async function readJsonObject');
    // A webhook after a resource named "webhooks": the helper and the resource module live apart.
    expect((await runCli(['hooks', '--template', 'webhook'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'src/lib/server/webhooks.ts')).toContain('Generated by create-endpoint');
    expect((await runCli(['todos', '--yes'], { cwd: dir })).code).toBe(0);
    const cors = await runCli(['todos', '--template', 'cors', '--origins', 'https://a.example'], { cwd: dir });
    expect(cors.code, cors.stderr).toBe(0);
    expect(read(dir, 'src/routes/api/todos/todos.crud.test.ts')).toContain('describe(');
    expect(read(dir, 'src/routes/api/todos/todos.cors.test.ts')).toContain('describe(');
  });
});

describe('what a later run must not do', () => {
  it('two resources whose folders join to one module name are refused, not mixed', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/layout.tsx': '' });
    expect((await runCli(['orgs/[orgId]/members', '--yes'], { cwd: dir })).code).toBe(0);
    const module = read(dir, 'lib/server/resources/orgs-members.ts');
    const result = await runCli(['orgs-members', '--yes'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('lib/server/resources/orgs-members.ts is the module of /api/orgs/[orgId]/members; /api/orgs-members would share it');
    expect(read(dir, 'lib/server/resources/orgs-members.ts')).toBe(module);
  });

  it("a resource's own module is kept as it is when zod comes later; the engine gains zod's helpers", async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/layout.tsx': '' });
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    const module = read(dir, 'lib/server/resources/todos.ts');
    const pkg = JSON.parse(nextPackageJson);
    pkg.dependencies.zod = '^4.1.0';
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
    const result = await runCli(['todos', '--json'], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    expect(read(dir, 'lib/server/resources/todos.ts')).toBe(module);
    expect(read(dir, 'lib/server/resources.ts')).toContain('export function fromZod');
  });

  it('a helper the user renamed and re-exports under the generated name is not added again', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/layout.tsx': '' });
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    const utils = `${read(dir, 'lib/server/api-utils.ts').replace('export async function readJsonObject(', 'async function readBody(')}\nexport { readBody as readJsonObject };\n`;
    writeFileSync(join(dir, 'lib/server/api-utils.ts'), utils);
    expect((await runCli(['invoices'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'lib/server/api-utils.ts')).toBe(utils);
  });

  it('in a JavaScript project, zod later adds its helpers to the engine without doubling its JSDoc imports', async () => {
    const pkg = { type: 'module', devDependencies: { '@sveltejs/kit': '^2.70.0' } } as { type: string; devDependencies: Record<string, string> };
    const dir = project({ 'package.json': JSON.stringify(pkg), 'jsconfig.json': '{}' });
    expect((await runCli(['todos', '--yes'], { cwd: dir })).code).toBe(0);
    const imports = (read(dir, 'src/lib/server/resources.js').match(/@import/g) ?? []).length;
    pkg.devDependencies.zod = '^4.1.0';
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
    const result = await runCli(['invoices', '--yes', '--json'], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    const engine = read(dir, 'src/lib/server/resources.js');
    expect(engine).toContain('export function fromZod');
    for (const typedef of engine.matchAll(/@typedef \{[^\n]*\} (\w+)/g)) {
      expect(engine.split(`} ${typedef[1]}\n`).length - 1, typedef[1]).toBe(1);
    }
    expect((engine.match(/@import/g) ?? []).length).toBe(imports);
  });
});

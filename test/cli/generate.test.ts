import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextPackageJson, runCli, snapshotTree, sveltekitPackageJson, useTempProjects } from './run-cli.js';

const project = useTempProjects();

// What each run writes is planned in process (test/unit/*-plan.test.ts); bad
// input and the report lines of add run through the CLI's main in process
// (test/unit/bad-input.test.ts). These runs of the built CLI hold what needs
// it: the report on a real stdout, the views of one plan, the exit codes.
describe('generate: the report of a run', () => {
  it('lists the files it created and what to do next, on stdout, with nothing on stderr; --methods is read case-insensitively, --no-format writes the templates as they are', async () => {
    const dir = project({
      'package.json': JSON.stringify({ ...JSON.parse(nextPackageJson), scripts: { dev: 'next dev' } }),
      'src/app/layout.tsx': '',
      '.prettierrc': '{ "useTabs": true }',
    });
    const result = await runCli(['todos', '--fields', 'title:string,done:boolean', '--methods', 'get,post', '--no-format'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/created\s+src\/app\/api\/todos\/route\.ts/);
    expect(result.stdout).toMatch(/created\s+src\/app\/api\/todos\/\[id\]\/route\.ts/);
    expect(result.stdout).toContain('Next: ');
    expect(existsSync(join(dir, 'src/lib/server/resources/todos.ts'))).toBe(true);
    const item = readFileSync(join(dir, 'src/app/api/todos/[id]/route.ts'), 'utf8');
    expect(item).toContain('export async function GET');
    expect(item).not.toContain('PUT');
    expect(item).not.toContain('\t');
  });
});

describe('generate: one plan, several views', () => {
  it('--dry-run prints a unified diff and writes nothing; --check exits 1 when files would change, 0 when up to date, and writes nothing', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    const before = snapshotTree(dir);
    const dry = await runCli(['todos', '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('--- /dev/null');
    expect(dry.stdout).toContain('+++ b/app/api/todos/route.ts');
    expect(dry.stdout).toMatch(/^\+export async function GET/m);
    expect(dry.stdout).toContain('would create');
    expect(snapshotTree(dir)).toEqual(before);
    expect((await runCli(['todos', '--check'], { cwd: dir })).code).toBe(1);
    expect(snapshotTree(dir)).toEqual(before);
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    const check = await runCli(['todos', '--check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Up to date');
  });

  it('--json prints one JSON document with every file and its action; a second identical run changes nothing and exits 0', async () => {
    const dir = project({ 'package.json': sveltekitPackageJson });
    const first = JSON.parse((await runCli(['todos', 'users', '--json'], { cwd: dir })).stdout);
    expect(first.ok).toBe(true);
    expect(first.written).toBe(true);
    expect(first.files).toContainEqual({ path: 'src/routes/api/todos/+server.ts', action: 'create', added: ['GET', 'POST'], skipped: [] });
    const after = snapshotTree(dir);
    const second = JSON.parse((await runCli(['todos', 'users', '--json'], { cwd: dir })).stdout);
    expect(second.files.every((f: { action: string }) => f.action === 'unchanged')).toBe(true);
    expect(second.written).toBe(false);
    const again = await runCli(['todos', 'users'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to do');
    expect(snapshotTree(dir)).toEqual(after);
  });
});

describe('generate: exit codes', () => {
  it('bad input is exit 2 with the message and its hint on stderr and nothing written; --json reports it as a JSON document, commander\'s own usage errors too', async () => {
    const dir = project({ 'package.json': nextPackageJson });
    const before = snapshotTree(dir);
    const plain = await runCli(['../x'], { cwd: dir });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/error: .*\.\./);
    expect(plain.stdout).toBe('');
    const result = await runCli(['../x', '--json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { exitCode: 2 } });
    // Commander's own usage errors (an unknown option, a value outside the choices) as well.
    for (const args of [['todos', '--json', '--style', 'vue'], ['todos', '--json', '--bogus']]) {
      const usage = await runCli(args, { cwd: dir });
      expect(usage.code).toBe(2);
      expect(JSON.parse(usage.stdout)).toMatchObject({ ok: false, error: { exitCode: 2, message: expect.stringMatching(/vue|--bogus/) } });
    }
    expect(snapshotTree(dir)).toEqual(before);
  });
});

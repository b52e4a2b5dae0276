// What add writes is planned in process (test/unit/add-plan.test.ts); its
// refusals and report lines run through the CLI's main in process
// (test/unit/bad-input.test.ts). The built CLI keeps the views of its plan.
import { describe, expect, it } from 'vitest';
import { nextPackageJson, runCli, snapshotTree, useTempProjects } from './run-cli.js';

const project = useTempProjects({ 'tsconfig.json': '{}' });

const handWritten = `\uFEFF'use server';\r\n// Health check, written by hand.\r\nimport { NextResponse } from 'next/server'\r\n\r\nexport const GET = async () => NextResponse.json({ ok: true })   \r\n\r\n/* trailing comment */\r\n`;

describe('add: the views of its plan', () => {
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
});

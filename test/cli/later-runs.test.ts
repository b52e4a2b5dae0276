// Later runs through the built CLI: a run that would mix two resources into
// one module exits 1 with the reason and writes nothing; a Prettier config
// added between two runs is read by the second. What later runs keep and add
// is planned in process in test/unit/later-runs-plan.test.ts. (In one
// process, the programmatic API keeps the Prettier config it read first:
// the formatter caches it per file for the life of the process.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextPackageJson, runCli, snapshotTree, useTempProjects } from './run-cli.js';

const project = useTempProjects();

describe('what a later run must not do', () => {
  it('two resources whose folders join to one module name: exit 1, the reason on stderr, nothing written', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/layout.tsx': '' });
    expect((await runCli(['orgs/[orgId]/members', '--yes'], { cwd: dir })).code).toBe(0);
    const before = snapshotTree(dir);
    const result = await runCli(['orgs-members', '--yes'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('lib/server/resources/orgs-members.ts is the module of /api/orgs/[orgId]/members; /api/orgs-members would share it');
    expect(snapshotTree(dir)).toEqual(before);
    expect(readFileSync(join(dir, 'lib/server/resources/orgs-members.ts'), 'utf8')).toBe(before['lib/server/resources/orgs-members.ts']);
  });

  it('a Prettier config added later changes nothing in the helpers already written; the new files follow it', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'app/layout.tsx': '' });
    expect((await runCli(['todos'], { cwd: dir })).code).toBe(0);
    const utils = readFileSync(join(dir, 'lib/server/api-utils.ts'), 'utf8');
    writeFileSync(join(dir, '.prettierrc'), JSON.stringify({ singleQuote: true, useTabs: true }));
    const result = await runCli(['invoices'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'lib/server/api-utils.ts'), 'utf8')).toBe(utils);
    expect(readFileSync(join(dir, 'lib/server/resources/invoices.ts'), 'utf8')).toContain("from '../resources'");
  });
});

// The package is not on the registry yet: README tells how to run it from a
// packed tarball and from a clone. Both commands run here as README gives them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'create-endpoint-install-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sh(command: string, cwd: string) {
  const result = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, npm_config_yes: 'true' } });
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('running the package before it is published', () => {
  it('from a packed tarball: npx --package=<tgz> create-endpoint', () => {
    const packed = sh(`npm pack --pack-destination ${JSON.stringify(work)}`, repo);
    expect(packed.code, packed.output).toBe(0);
    const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    const app = join(work, 'app');
    const run = sh(`mkdir -p app && cd app && npx --package=${JSON.stringify(tarball)} create-endpoint todos --style next --fields title:string,done:boolean`, work);
    expect(run.code, run.output).toBe(0);
    expect(existsSync(join(app, 'app/api/todos/[id]/route.ts'))).toBe(true);
  }, 300_000);

  it('from a clone: node bin/create-endpoint.js, as the set-up command runs it', () => {
    const demo = JSON.stringify(join(work, 'demo'));
    const run = sh(`mkdir -p ${demo} && node bin/create-endpoint.js todos --style next --cwd ${demo} --fields title:string,done:boolean`, repo);
    expect(run.code, run.output).toBe(0);
    expect(existsSync(join(work, 'demo/app/api/todos/route.ts'))).toBe(true);
  });
});

// Runs of the built CLI for the webhook, cors, download and stream templates:
// their flags as the CLI parses them, --dry-run and --json. What each template
// writes is planned in process in test/unit/templates-plan.test.ts; the usage
// errors of their flags (exit 2, nothing written) run through the CLI's main
// in process in test/unit/bad-input.test.ts.
import { describe, expect, it } from 'vitest';
import { nextPackageJson, runCli, snapshotTree, sveltekitPackageJson, useTempProjects } from './run-cli.js';

const project = useTempProjects();
const next16 = nextPackageJson;
const kit3 = sveltekitPackageJson;

describe('template flags', () => {
  it('--dry-run prints the diff and writes nothing; --json lists every file with its action; a second run is a no-op', async () => {
    const dir = project({ 'package.json': kit3 });
    const before = snapshotTree(dir);
    const dry = await runCli(['hook', '-t', 'webhook', '--provider', 'github', '--dry-run'], { cwd: dir });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('+++ b/src/env.ts');
    expect(dry.stdout).toContain('+++ b/src/routes/api/hook/+server.ts');
    expect(snapshotTree(dir)).toEqual(before);
    const first = JSON.parse((await runCli(['hook', '-t', 'webhook', '--provider', 'github', '--json', '--yes'], { cwd: dir })).stdout);
    expect(first.files.map((f: { path: string; action: string }) => `${f.action} ${f.path}`)).toContain('create src/routes/api/hook/+server.ts');
    const again = JSON.parse((await runCli(['hook', '-t', 'webhook', '--provider', 'github', '--json', '--yes'], { cwd: dir })).stdout);
    expect(again.files.every((f: { action: string }) => f.action === 'unchanged')).toBe(true);
  });

  it('template flags parse as the CLI gives them: lower-case methods, origins with a trailing slash, --sse, --dir', async () => {
    const dir = project({ 'package.json': next16, 'src/app/layout.tsx': '' });
    const cors = await runCli(['public', '-t', 'cors', '--origins', 'https://app.example.com/', '--methods', 'get,post', '--yes'], { cwd: dir });
    expect(cors.code, cors.stderr).toBe(0);
    expect(snapshotTree(dir)['src/lib/server/cors/public.ts']).toContain('origins: ["https://app.example.com"],');
    const sse = await runCli(['events', '-t', 'stream', '--sse', '--yes'], { cwd: dir });
    expect(sse.code, sse.stderr).toBe(0);
    expect(snapshotTree(dir)['src/app/api/events/route.ts']).toContain('eventStream(');
    const files = await runCli(['files', '-t', 'download', '--dir', './private/docs/', '--yes'], { cwd: dir });
    expect(files.code, files.stderr).toBe(0);
    expect(snapshotTree(dir)['src/app/api/files/[...path]/route.ts']).toContain('"private/docs"');
  });
});

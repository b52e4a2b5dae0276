// Runs of the built CLI for the webhook, cors, download and stream templates:
// their flags, exit codes and the usage errors that write nothing. What each
// template writes is planned in process in test/unit/templates-plan.test.ts.
import { describe, expect, it } from 'vitest';
import { nextPackageJson, runCli, snapshotTree, sveltekitPackageJson, useTempProjects } from './run-cli.js';

const project = useTempProjects();
const next16 = nextPackageJson;
const kit3 = sveltekitPackageJson;

async function expectUsageError(files: Record<string, string>, args: string[], message: RegExp) {
  const dir = project(files);
  const before = snapshotTree(dir);
  const result = await runCli(args, { cwd: dir });
  expect(result.code, result.stdout + result.stderr).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(snapshotTree(dir)).toEqual(before);
}

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

describe('usage errors: exit 2, nothing written', () => {
  const next = { 'package.json': next16 };
  it('a method the webhook template does not have', () => expectUsageError(next, ['hook', '-t', 'webhook', '--methods', 'GET'], /"GET" is not one of POST/));
  it('an unknown provider', () => expectUsageError(next, ['hook', '-t', 'webhook', '--provider', 'paypal'], /paypal/));
  it('a method the cors template does not have', () => expectUsageError(next, ['x', '-t', 'cors', '--methods', 'GET,HEAD'], /"HEAD" is not one of/));
  it('an origin that is not a URL', () => expectUsageError(next, ['x', '-t', 'cors', '--origins', 'app.example.com'], /--origins.*not an origin/));
  it('an origin with a path', () => expectUsageError(next, ['x', '-t', 'cors', '--origins', 'https://app.example.com/api'], /not a bare origin/));
  for (const [value, message] of [
    ['../shared', /inside the project/],
    ['/srv/files', /absolute/],
    ['.', /project root/],
    ['.private', /hidden folder/],
    ['src/assets', /holds code/],
    ['node_modules', /holds code/],
    ['a\\b', /use "\/"/],
  ] as const) {
    it(`download --dir ${value}`, () => expectUsageError(next, ['files', '-t', 'download', '--dir', value], message));
  }
  it('a method the download template does not have', () => expectUsageError(next, ['files', '-t', 'download', '--methods', 'GET,POST'], /"POST" is not one of GET, HEAD/));
  it('a method the stream template does not have', () => expectUsageError(next, ['ticks', '-t', 'stream', '--methods', 'POST'], /"POST" is not one of GET/));
  it("'*' with other origins", () => expectUsageError(next, ['x', '-t', 'cors', '--origins', '*,https://a.example'], /"\*" allows every origin/));
});

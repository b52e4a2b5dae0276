// Bad input, and the report lines of a run, through the CLI's own main() in
// this process (run-main.ts): commander's parsing, the commands' checks and
// the one place errors become messages and exit codes. Each case: the exit
// code, the message on stderr (the hint with it, never on stdout), and
// nothing written. These were one child process each; test/cli keeps the
// built CLI for what needs one (the bin, prompts on a terminal, the views of
// a plan, a config read by a new process).
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextPackageJson, snapshotTree, sveltekitPackageJson, useTempProjects } from '../cli/run-cli.js';
import { read } from './plan-runs.js';
import { runMain } from './run-main.js';

const project = useTempProjects();

/** Runs `args` in a project of `files` and checks the exit code, the message on stderr and that nothing was written. */
async function expectRefused(files: Record<string, string>, args: string[], code: number, message: RegExp) {
  const dir = project(files);
  const before = snapshotTree(dir);
  const result = await runMain(args, dir);
  expect(result.code, result.stdout + result.stderr).toBe(code);
  expect(result.stderr).toMatch(message);
  // The hint goes with the error, on stderr.
  expect(result.stdout).not.toContain('hint:');
  expect(snapshotTree(dir)).toEqual(before);
}

describe('generate: bad input gets a clear message, the right exit code and nothing written', () => {
  const cases: [string, string[], RegExp][] = [
    ['a resource that climbs out', ['../x'], /\.\./],
    ['an absolute resource', ['/etc/x'], /absolute/],
    ['a resource that climbs out midway', ['a/../../b'], /\.\./],
    ['an empty resource', [''], /empty/],
    ['a backslash', ['a\\b'], /backslash/],
    ['an invalid segment', ['to dos'], /not a valid route segment/],
    ['a resource ending in a parameter', ['todos/[id]'], /must end with a name/],
    ['a private folder in Next.js', ['_todos'], /private/],
    ['an unknown field type', ['todos', '--fields', 'title:text'], /unknown type "text"/],
    ['a reserved field', ['todos', '--fields', 'id:string'], /reserved/],
    ['a field the list reads as its page', ['todos', '--fields', 'title:string,limit:number'], /"limit" is reserved \(the list reads \?limit= and \?offset= as its page\)/],
    ['a malformed field', ['todos', '--fields', 'a b:string'], /not a field/],
    ['an unknown method', ['todos', '--methods', 'GET,FETCH'], /"FETCH" is not one of/],
    ['an unknown style', ['todos', '--style', 'remix'], /invalid/],
    ['an unknown template', ['todos', '--template', 'graphql'], /invalid/],
    ['an unknown flag', ['todos', '--nope'], /unknown option/],
    ['a parameter clash', ['orgs/[id]/members'], /appears twice/],
    ['a bad --param', ['todos', '--param', '1x'], /not a valid identifier/],
    ['a --base that climbs out', ['todos', '--base', '../..'], /\.\./],
    ['a --style the project does not depend on', ['todos', '--style', 'sveltekit'], /--style sveltekit: this project's package\.json depends on next, not @sveltejs\/kit/],
    ['--singular with several resources', ['todos', 'tags', '--singular', 'todo'], /one resource/],
    ['a --singular that is no word', ['todos', '--singular', '1 x'], /not a word/],
    ['an unknown --lang', ['todos', '--lang', 'py'], /invalid/],
    // Names the user gives the routes that the handlers use themselves.
    ['a parameter named body', ['todos', '--param', 'body', '--yes'], /the parameter "body" is a name the generated handlers use themselves/],
    ['a parameter named url', ['orgs/[url]/todos', '--yes'], /the parameter "url" is a name the generated handlers use themselves/],
    ['a parameter named request', ['todos', '--param', 'request', '--yes'], /the parameter "request" is a name the generated handlers use themselves/],
    // --auth and --role.
    ['--role without --auth', ['todos', '--role', 'admin'], /--role needs --auth/],
    ['an unknown --auth provider', ['todos', '--auth', 'okta'], /"okta" is neither a provider/],
    ['--auth on a webhook', ['hooks', '--template', 'webhook', '--auth'], /--auth does not apply to webhooks/],
    ['--auth locals on Next.js', ['todos', '--auth', 'locals', '--yes'], /Next.js has no locals/],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: exit 2`, () => expectRefused({ 'package.json': nextPackageJson }, args, 2, message));
  }

  for (const format of [[], ['--no-format']]) {
    it(`an own template that renders code that does not parse${format.length ? ' (--no-format)' : ''}: exit 1, naming the file and the template`, () =>
      expectRefused(
        { 'package.json': nextPackageJson, '.create-endpoint/templates/crud/item.GET.ejs': '<%- ctx.route.open("GET", ["params"]) %>\n  return Response.json({ ok: true );\n<%- ctx.route.close() %>\n' },
        ['todos', ...format],
        1,
        /app\/api\/todos\/\[id\]\/route\.ts: your copy of the crud template renders code that does not parse/,
      ));
  }

  it('no framework in package.json and no --style: exit 2 naming --style', () => expectRefused({ 'package.json': '{"name":"plain"}' }, ['todos'], 2, /--style/));
  it('both frameworks and no --style: exit 2 naming --style', () => expectRefused({ 'package.json': JSON.stringify({ dependencies: { next: '16', '@sveltejs/kit': '3' } }) }, ['todos'], 2, /both.*--style/));
  it('without a TTY a missing resource is exit 2 naming it, never a prompt', () => expectRefused({ 'package.json': nextPackageJson }, [], 2, /Missing <resource>/));
  it('an unreadable package.json is exit 1 naming the file', () => expectRefused({ 'package.json': '{ nope' }, ['todos', '--style', 'next'], 1, /package\.json is not valid JSON/));
  it('list --style that contradicts package.json: exit 2', () => expectRefused({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' }, ['list', '--style', 'sveltekit'], 2, /depends on next, not @sveltejs\/kit/));

  it('a symbolic link out of the project is refused', async () => {
    const outside = project({});
    const dir = project({ 'package.json': nextPackageJson });
    symlinkSync(outside, join(dir, 'app'));
    const result = await runMain(['todos'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('symbolic link');
    expect(snapshotTree(outside)).toEqual({});
  });

  it('a typo in the Prettier config is reported as such, not as a template that does not parse', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}', '.prettierrc.cjs': 'module.exports = {semi: false\n' });
    const result = await runMain(['todos', '--yes'], dir);
    expect(result.stderr).not.toContain('does not parse');
  });
});

describe('generate: what --json says of the project', () => {
  it('the framework version it wrote for: the installed one over the declared range', async () => {
    const dir = project({
      'package.json': JSON.stringify({ devDependencies: { '@sveltejs/kit': '^3.0.0', typescript: '^5' } }),
      'node_modules/@sveltejs/kit/package.json': JSON.stringify({ name: '@sveltejs/kit', version: '2.70.1' }),
    });
    const result = await runMain(['todos', '--json'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).frameworkVersion).toEqual({ major: 2, minor: 70, source: 'installed' });
  });

  it('a package.json saved with a byte-order mark is read like any other', async () => {
    const dir = project({ 'package.json': `\uFEFF${nextPackageJson}` });
    const result = await runMain(['todos', '--json'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, style: 'next' });
  });

  it('an empty folder with an explicit --style gets the newest framework version', async () => {
    const dir = project({});
    const result = await runMain(['todos', '--style', 'sveltekit', '--json'], dir);
    expect(result.code, result.stdout).toBe(0);
    expect(JSON.parse(result.stdout).frameworkVersion).toMatchObject({ major: 3, source: 'assumed' });
    expect(snapshotTree(dir)).toHaveProperty(['src/routes/api/todos/+server.ts']);
  });

  it('--lang js writes JavaScript into a TypeScript project, --lang ts TypeScript into a JavaScript one', async () => {
    const dir = project({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    expect((await runMain(['todos', '--lang', 'js', '--yes'], dir)).code).toBe(0);
    expect(read(dir, 'app/api/todos/route.js')).toContain('@param {Request} request');
    const js = project({ 'package.json': JSON.stringify({ dependencies: { next: '16.4.5' } }), 'jsconfig.json': '{}' });
    expect((await runMain(['todos', '--lang', 'ts', '--yes'], js)).code).toBe(0);
    expect(snapshotTree(js)).toHaveProperty(['app/api/todos/route.ts']);
  });
});

describe('template flags: usage errors, exit 2, nothing written', () => {
  const next = { 'package.json': nextPackageJson };
  const cases: [string, string[], RegExp][] = [
    ['a method the webhook template does not have', ['hook', '-t', 'webhook', '--methods', 'GET'], /"GET" is not one of POST/],
    ['an unknown provider', ['hook', '-t', 'webhook', '--provider', 'paypal'], /paypal/],
    ['a method the cors template does not have', ['x', '-t', 'cors', '--methods', 'GET,HEAD'], /"HEAD" is not one of/],
    ['an origin that is not a URL', ['x', '-t', 'cors', '--origins', 'app.example.com'], /--origins.*not an origin/],
    ['an origin with a path', ['x', '-t', 'cors', '--origins', 'https://app.example.com/api'], /not a bare origin/],
    ['download --dir ../shared', ['files', '-t', 'download', '--dir', '../shared'], /inside the project/],
    ['download --dir /srv/files', ['files', '-t', 'download', '--dir', '/srv/files'], /absolute/],
    ['download --dir .', ['files', '-t', 'download', '--dir', '.'], /project root/],
    ['download --dir .private', ['files', '-t', 'download', '--dir', '.private'], /hidden folder/],
    ['download --dir src/assets', ['files', '-t', 'download', '--dir', 'src/assets'], /holds code/],
    ['download --dir node_modules', ['files', '-t', 'download', '--dir', 'node_modules'], /holds code/],
    ['download --dir a\\b', ['files', '-t', 'download', '--dir', 'a\\b'], /use "\/"/],
    ['a method the download template does not have', ['files', '-t', 'download', '--methods', 'GET,POST'], /"POST" is not one of GET, HEAD/],
    ['a method the stream template does not have', ['ticks', '-t', 'stream', '--methods', 'POST'], /"POST" is not one of GET/],
    ["'*' with other origins", ['x', '-t', 'cors', '--origins', '*,https://a.example'], /"\*" allows every origin/],
  ];
  for (const [name, args, message] of cases) it(name, () => expectRefused(next, args, 2, message));
});

describe('add: bad input', () => {
  const cases: [string, Record<string, string>, string[], number, RegExp][] = [
    ['an unknown method lists the valid ones', { 'app/api/x/route.ts': 'export function GET() {}\n' }, ['add', '/api/x', 'FETCH'], 2, /"FETCH" is not one of GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH/],
    ['a page is not a route file', { 'app/page.tsx': 'export default function P() { return null }\n' }, ['add', 'app/page.tsx', 'GET'], 2, /not a Next.js route file/],
    ['a SvelteKit page server file is not a route file', { 'package.json': sveltekitPackageJson, 'src/routes/+page.server.ts': '' }, ['add', 'src/routes/+page.server.ts', 'GET', '--style', 'sveltekit'], 2, /not a SvelteKit route file/],
    ['a --style the project does not depend on', { 'src/routes/api/x/+server.ts': 'export function GET() {}\n' }, ['add', 'src/routes/api/x/+server.ts', 'POST', '--style', 'sveltekit'], 2, /--style sveltekit: this project's package\.json depends on next, not @sveltejs\/kit/],
    ['a missing file', {}, ['add', 'app/api/nope/route.ts', 'GET'], 2, /does not exist/],
    ['a Svelte page is not a route file', { 'package.json': sveltekitPackageJson, 'src/routes/+page.svelte': '<h1>hi</h1>\n' }, ['add', 'src/routes/+page.svelte', 'POST'], 2, /src\/routes\/\+page\.svelte is not a SvelteKit route file/],
    ['--template crud on a route no resource was generated for', { 'app/api/x/route.ts': 'export function GET() {}\n' }, ['add', '/api/x', 'POST', '--template', 'crud'], 2, /--template crud: app\/api\/x\/route\.ts is not a route of a resource create-endpoint generated/],
    ['a URL no route serves', {}, ['add', '/api/nope', 'GET'], 2, /No Next.js route file serves \/api\/nope/],
    ['a file that does not parse names line and column', { 'app/api/x/route.ts': 'export function GET() {\n  return (\n}\n' }, ['add', '/api/x', 'POST'], 1, /app\/api\/x\/route\.ts:3:1: cannot parse/],
    ['export * cannot be read for certain', { 'app/api/x/route.ts': "export * from './handlers';\n" }, ['add', '/api/x', 'POST'], 1, /re-exports everything from '\.\/handlers'/],
    ['a route beside a page is refused', { 'app/x/route.ts': 'export function GET() {}\n', 'app/x/page.tsx': '' }, ['add', 'app/x/route.ts', 'POST'], 1, /beside app\/x\/page\.tsx/],
    [
      '--template download on a route without [...path] is refused, not a silent placeholder',
      { 'app/api/x/route.ts': 'export function PUT() {}\n' },
      ['add', '/api/x', 'HEAD', '--template', 'download'],
      2,
      /--template download cannot add HEAD to app\/api\/x\/route\.ts: its routes end in a catch-all \[\.\.\.path\] folder/,
    ],
  ];
  for (const [name, files, args, code, message] of cases) {
    it(`${name}: exit ${code}, nothing written`, () => expectRefused({ 'package.json': nextPackageJson, ...files }, args, code, message));
  }

  it('--origins for a route whose policy exists is refused, not ignored: exit 1, nothing written', async () => {
    const route = "export async function GET() {\n  return Response.json({ ok: true });\n}\n";
    const dir = project({ 'package.json': nextPackageJson, 'app/api/items/route.ts': route });
    expect((await runMain(['add', '/api/items', 'OPTIONS', '--template', 'cors', '--origins', 'https://a.example'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'app/api/items/route.ts'), route);
    const before = snapshotTree(dir);
    const again = await runMain(['add', '/api/items', 'OPTIONS', '--template', 'cors', '--origins', 'https://b.example'], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("lib/server/cors/items.ts already holds this route's CORS policy, with other origins");
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe('the report of add and of a merge', () => {
  it("names each added method's source and what became of the file, on stdout, with nothing on stderr", async () => {
    const dir = project({ 'package.json': sveltekitPackageJson, 'src/routes/api/health/+server.ts': "export async function GET() {\n  return new Response('ok');\n}\n" });
    const placeholder = await runMain(['add', '/api/health', 'POST', 'DELETE'], dir);
    expect(placeholder.code, placeholder.stderr).toBe(0);
    expect(placeholder.stdout).toMatch(/updated\s+src\/routes\/api\/health\/\+server\.ts\s+POST, DELETE$/m);
    expect(placeholder.stdout).toContain('POST: placeholder (501)');
    const cors = await runMain(['add', '/api/health', 'OPTIONS', '--template', 'cors', '--origins', 'https://shop.example'], dir);
    expect(cors.code, cors.stderr).toBe(0);
    expect(cors.stdout).toContain('OPTIONS: cors');
    expect(cors.stdout).toMatch(/updated\s+src\/routes\/api\/health\/\+server\.ts\s+OPTIONS \(responses of GET, POST, DELETE wrapped\)/);
    expect(cors.stderr).toBe('');
    expect((await runMain(['todos', '--methods', 'GET,POST', '--yes'], dir)).code).toBe(0);
    const crud = await runMain(['add', '/api/todos/[id]', 'PATCH'], dir);
    expect(crud.stdout).toContain('PATCH: crud');
    const merged = await runMain(['todos', '--template', 'cors', '--origins', 'https://shop.example', '--yes'], dir);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/updated\s+src\/routes\/api\/todos\/\+server\.ts\s+OPTIONS \(kept GET, POST\) \(responses of GET, POST wrapped\)/);
  });
});

describe('eject: the names it takes', () => {
  it("takes the registry's templates and stub; shared/ is no name of its own but goes with any template", async () => {
    await expectRefused({ 'package.json': nextPackageJson }, ['eject', 'shared'], 2, /No built-in template "shared"; there are cors, crud, download, stream, stub, webhook\./);
    const dir = project({ 'package.json': nextPackageJson });
    const copied = async (name: string) => {
      const result = await runMain(['eject', name, '--dry-run', '--json'], dir);
      expect(result.code, result.stderr).toBe(0);
      return (JSON.parse(result.stdout).files as { path: string }[]).map((f) => f.path);
    };
    const crud = await copied('crud');
    expect(crud).toContain('.create-endpoint/templates/crud/item.GET.ejs');
    expect(crud).toContain('.create-endpoint/templates/next/crud/collection.head.ejs');
    expect(crud).toContain('.create-endpoint/templates/shared/kit-request-event.ejs');
    expect(crud.some((p) => p.includes('/cors/'))).toBe(false);
    expect(await copied('stub')).toEqual(['.create-endpoint/templates/stub/handler.ejs']);
  });
});

// The proof that generated code works where users run it: for each framework
// version, one real app (installed once into the fixture cache) receives the
// output of the built CLI, is type-checked under strict, runs the generated
// Vitest files, is built by the framework's own build, and its production
// server answers real HTTP requests checked against each template's contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { checkCrudContract } from './crud-contract.js';
import { createApp, fixtureInfo, fixtureNames, type App, type FixtureName, type RunResult, type Server } from './harness/index.js';

/** E2E_FIXTURES=next16,sveltekit3 runs a subset; all framework versions by default. */
const selected = (process.env.E2E_FIXTURES?.split(',').map((s) => s.trim()).filter(Boolean) ?? [...fixtureNames]) as FixtureName[];

const crudFields = 'title:string,done:boolean,priority?:number,due?:date';

/** A route written by hand, in each framework's idiom, that `add` must extend without touching. */
function handWrittenHealthRoute(framework: 'next' | 'sveltekit'): string {
  return framework === 'next'
    ? "// Written by hand.\nexport const GET = async () => Response.json({ ok: true })\n"
    : "import type { RequestHandler } from './$types'\n\n// Written by hand.\nexport const GET: RequestHandler = async () => Response.json({ ok: true })\n";
}

function ok(step: string, result: RunResult): void {
  if (result.code !== 0) throw new Error(`${step} failed (exit ${result.code})\n${result.stdout}\n${result.stderr}`.slice(0, 20_000));
}

/** Step timings per fixture, printed as a matrix when the suite ends. */
const timings = new Map<string, Map<string, string>>();
async function step<T>(fixture: string, name: string, fn: () => Promise<T>): Promise<T> {
  const start = Date.now();
  let outcome = 'fail';
  try {
    const value = await fn();
    outcome = 'pass';
    return value;
  } finally {
    const row = timings.get(name) ?? new Map<string, string>();
    row.set(fixture, `${outcome} ${((Date.now() - start) / 1000).toFixed(1)}s`);
    timings.set(name, row);
  }
}
afterAll(() => {
  const header = ['step', ...selected];
  const rows = [...timings].map(([name, row]) => [name, ...selected.map((f) => row.get(f) ?? '-')]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(['', 'e2e matrix', line(header), ...rows.map(line)].join('\n'));
});

for (const fixture of selected) {
  describe(fixture, () => {
    const info = fixtureInfo[fixture];
    let app: App;
    let server: Server | undefined;
    const cli = (args: string[]) => runCli(args, { cwd: app.dir });

    beforeAll(async () => {
      app = await step(fixture, 'create app', () => createApp(fixture));
    });
    afterAll(async () => {
      await server?.stop();
      await app?.remove();
    });

    it('generates every endpoint with the built CLI', async () => {
      await step(fixture, 'generate', async () => {
        ok('crud todos', await cli(['todos', 'orgs/[orgId]/members', '--fields', crudFields, '--yes']));
      });
    });

    it('adds methods to existing route files: CRUD bodies on a generated resource, a placeholder elsewhere', async () => {
      await step(fixture, 'add', async () => {
        ok('crud notes', await cli(['notes', '--methods', 'GET,POST', '--fields', 'body:string', '--yes']));
        ok('add PATCH DELETE', await cli(['add', '/api/notes/[id]', 'PATCH', 'DELETE']));
        const health = `${info.appDir}/api/health/${info.framework === 'next' ? 'route.ts' : '+server.ts'}`;
        await app.writeFile(health, handWrittenHealthRoute(info.framework));
        ok('add POST', await cli(['add', '/api/health', 'POST']));
        const patched = await app.readFile(health);
        expect(patched.startsWith(handWrittenHealthRoute(info.framework).trimEnd())).toBe(true);
        const again = await cli(['add', '/api/health', 'POST', '--json']);
        expect(JSON.parse(again.stdout).files[0]).toMatchObject({ action: 'unchanged', skipped: ['POST'] });
      });
    });

    it('type-checks under strict', async () => {
      await step(fixture, 'typecheck', async () => ok('typecheck', await app.typecheck()));
    });

    it.runIf(info.hasVitest)("passes the generated Vitest files in the app's own Vitest", async () => {
      await step(fixture, 'app vitest', async () => {
        const result = await app.test();
        ok('vitest', result);
        expect(result.stdout + result.stderr).toMatch(/todos\.test\.ts/);
        expect(result.stdout + result.stderr).toMatch(/members\.test\.ts/);
      });
    });

    it("builds with the framework's own build", async () => {
      await step(fixture, 'build', async () => ok('build', await app.build()));
    });

    it('serves CRUD endpoints that keep the HTTP contract', async () => {
      server = await step(fixture, 'start', () => app.start());
      await step(fixture, 'http crud', async () => {
        await checkCrudContract(server!.url, '/api/todos');
        await checkCrudContract(server!.url, '/api/orgs/acme/members');
      });
    });

    it('serves the methods that add wrote', async () => {
      await step(fixture, 'http add', async () => {
        const send = (method: string, path: string, body?: unknown) =>
          server!.fetch(path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
        const created = await send('POST', '/api/notes', { body: 'first' });
        expect(created.status).toBe(201);
        const { id } = (await created.json()) as { id: string };
        const patched = await send('PATCH', `/api/notes/${id}`, { body: 'edited' });
        expect(patched.status).toBe(200);
        expect(await patched.json()).toMatchObject({ id, body: 'edited' });
        expect((await send('PATCH', `/api/notes/${id}`, { body: 1 })).status).toBe(400);
        expect((await send('DELETE', `/api/notes/${id}`)).status).toBe(204);
        expect((await send('GET', `/api/notes/${id}`)).status).toBe(404);
        expect(await (await send('GET', '/api/health')).json()).toEqual({ ok: true });
        const placeholder = await send('POST', '/api/health', {});
        expect(placeholder.status).toBe(501);
        expect(await placeholder.json()).toEqual({ error: 'Not implemented' });
      });
    });

    it('a second identical run changes nothing', async () => {
      await step(fixture, 'rerun no-op', async () => {
        const result = await cli(['todos', 'orgs/[orgId]/members', '--fields', crudFields, '--yes', '--json']);
        ok('rerun', result);
        const doc = JSON.parse(result.stdout) as { files: { path: string; action: string }[] };
        expect(doc.files.filter((f) => f.action !== 'unchanged')).toEqual([]);
      });
    });
  });
}

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

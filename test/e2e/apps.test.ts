// The proof that generated code works where users run it: for each framework
// version, one real app (installed once into the fixture cache) receives the
// output of every template from the built CLI, is type-checked under strict,
// runs the generated Vitest files, is built by the framework's own build, and
// its production server answers real HTTP requests checked against each
// template's contract. A matrix (rows: templates and steps, columns:
// framework versions) with timings is printed at the end.
//
//   E2E_FIXTURES=next16,sveltekit3   some framework versions (default: all)
//   E2E_TEMPLATES=crud,webhook       some rows (prefix match; default: all)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { templateCases, type TemplateCase } from './cases.js';
import { createApp, fixtureInfo, fixtureNames, type App, type FixtureName, type Server } from './harness/index.js';

const list = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);
const fixtures = (list(process.env.E2E_FIXTURES) ?? [...fixtureNames]) as FixtureName[];
const wantedRows = list(process.env.E2E_TEMPLATES);
const cases = templateCases.filter((c) => !wantedRows || wantedRows.some((w) => c.row.startsWith(w)));

function ok(step: string, result: { code: number | null; stdout: string; stderr: string }): void {
  if (result.code !== 0) throw new Error(`${step} failed (exit ${result.code})\n${result.stdout}\n${result.stderr}`.slice(0, 20_000));
}

/** Cell results: row → fixture → "pass 1.2s". Rows keep the order they were first timed in. */
const matrix = new Map<string, Map<string, { pass: boolean; ms: number }>>();
async function timed<T>(row: string, fixture: string, fn: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const cells = matrix.get(row) ?? new Map();
  matrix.set(row, cells);
  const before = cells.get(fixture) ?? { pass: true, ms: 0 };
  try {
    const value = await fn();
    cells.set(fixture, { pass: before.pass, ms: before.ms + Date.now() - start });
    return value;
  } catch (error) {
    cells.set(fixture, { pass: false, ms: before.ms + Date.now() - start });
    throw error;
  }
}
afterAll(() => {
  const header = ['', ...fixtures];
  const rows = [...matrix].map(([row, cells]) => [row, ...fixtures.map((f) => (cells.has(f) ? `${cells.get(f)!.pass ? 'pass' : 'FAIL'} ${(cells.get(f)!.ms / 1000).toFixed(1)}s` : '-'))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(['', 'e2e matrix (generate + HTTP per template row; one install, typecheck and build per column)', line(header), ...rows.map(line)].join('\n'));
});

for (const fixture of fixtures) {
  describe(fixture, () => {
    const info = fixtureInfo[fixture];
    let app: App;
    const servers: Server[] = [];
    const cli = (args: string[]) => runCli(args, { cwd: app.dir });

    beforeAll(async () => {
      app = await timed('install (cached) + copy', fixture, () => createApp(fixture));
    });
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await app?.remove();
    });

    const generate = async (c: TemplateCase) => {
      await c.setup?.(app, info);
      for (const args of c.commands(info)) ok(`create-endpoint ${args.join(' ')}`, await cli(args));
    };

    for (const c of cases) {
      it(`${c.row}: generates with the built CLI`, async () => {
        await timed(c.row, fixture, () => generate(c));
      });
    }

    it('type-checks under strict', async () => {
      await timed('typecheck', fixture, async () => ok('typecheck', await app.typecheck()));
    });

    it.runIf(info.hasVitest)("passes the generated Vitest files in the app's own Vitest", async () => {
      await timed('app vitest', fixture, async () => {
        const result = await app.test();
        ok('vitest', result);
        expect(result.stdout + result.stderr).toMatch(/Tests\s+\d+ passed/);
      });
    });

    it("builds with the framework's own build", async () => {
      await timed('build', fixture, async () => ok('build', await app.build()));
    });

    it('starts the production server', async () => {
      const env = Object.assign({}, ...cases.map((c) => c.serverEnv?.(app) ?? {}));
      servers.push(await timed('start', fixture, () => app.start({ env })));
      if (cases.some((c) => c.checkWithoutEnv)) servers.push(await timed('start', fixture, () => app.start()));
    });

    for (const c of cases) {
      it(`${c.row}: keeps its HTTP contract`, async () => {
        await timed(c.row, fixture, async () => {
          await c.check(servers[0]!, app, info);
          if (c.checkWithoutEnv) await c.checkWithoutEnv(servers[1]!, app, info);
        });
      });
    }

    it('a second identical run changes nothing', async () => {
      await timed('rerun is a no-op', fixture, async () => {
        for (const c of cases) {
          for (const args of c.commands(info)) {
            const result = await cli([...args, '--json']);
            ok(`rerun ${args.join(' ')}`, result);
            const doc = JSON.parse(result.stdout) as { files: { path: string; action: string }[] };
            expect(doc.files.filter((f) => f.action !== 'unchanged'), args.join(' ')).toEqual([]);
          }
        }
      });
    });
  });
}

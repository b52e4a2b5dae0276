// The claim that the webhook and stream templates need no @types/node in a
// SvelteKit app (a fresh `sv create` app has none, and svelte-check then fails
// on Buffer, process or node:* imports): a working copy of each SvelteKit
// fixture with @types/node removed from its node_modules, its package.json and
// its tsconfig `types` gets the webhook and stream endpoints (and their Vitest
// files where the app has Vitest) and must still type-check under strict.
//
// `types: []` alone would prove nothing: vite's declarations carry
// `/// <reference types="node" />`, which loads @types/node whenever it is
// installed. So the package is taken out of the copy's node_modules (a tree of
// hard links: removing entries there leaves the fixture cache untouched), and a
// canary file that uses Buffer must fail to type-check first, showing the copy
// really has no Node types.
//
//   E2E_FIXTURES=sveltekit2     one of the two (others are ignored here)
//   E2E_TEMPLATES=webhook       some of the webhook and stream rows
import * as fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { templateCases } from './cases.js';
import { createApp, fixtureInfo, type App, type FixtureName, type RunResult } from './harness/index.js';

const list = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);
const kits: FixtureName[] = ['sveltekit2', 'sveltekit3'];
const fixtures = kits.filter((f) => list(process.env.E2E_FIXTURES)?.includes(f) ?? true);
const wantedRows = list(process.env.E2E_TEMPLATES);
const cases = templateCases.filter((c) => /^(webhook|stream)\b/.test(c.row) && (!wantedRows || wantedRows.some((w) => c.row.startsWith(w))));

/** The repository's own TypeScript (5.9), to check the same files with a second compiler version. */
const repoTsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

const output = (result: RunResult) => `${result.stdout}\n${result.stderr}`.slice(0, 20_000);

/** Takes @types/node out of the copy: its node_modules, package.json and tsconfig `types`. */
async function withoutNodeTypes(app: App): Promise<void> {
  await fs.rm(app.path('node_modules/@types/node'), { recursive: true, force: true });
  const pkg = JSON.parse(await app.readFile('package.json')) as { devDependencies?: Record<string, string> };
  delete pkg.devDependencies?.['@types/node'];
  await app.writeFile('package.json', `${JSON.stringify(pkg, null, '\t')}\n`);
  const tsconfig = JSON.parse(await app.readFile('tsconfig.json')) as { compilerOptions?: { types?: string[] } };
  const options = tsconfig.compilerOptions;
  if (options?.types) options.types = options.types.filter((t) => t !== 'node');
  await app.writeFile('tsconfig.json', `${JSON.stringify(tsconfig, null, '\t')}\n`);
}

describe.runIf(fixtures.length > 0 && cases.length > 0)('without @types/node', () => {
  for (const fixture of fixtures) {
    describe(fixture, () => {
      let app: App;
      beforeAll(async () => {
        app = await createApp(fixture);
        await withoutNodeTypes(app);
      });
      afterAll(async () => {
        await app?.remove();
      });

      it('the copy really has no Node types: a file using Buffer fails to type-check', async () => {
        const canary = 'src/lib/node-types-canary.ts';
        await app.writeFile(canary, 'export const bytes = Buffer.from("x");\n');
        const result = await app.typecheck();
        await fs.rm(app.path(canary));
        expect(result.code, output(result)).not.toBe(0);
        expect(output(result)).toMatch(/Cannot find name 'Buffer'/);
        // Without it the app type-checks: the failure was the canary's.
        const clean = await app.typecheck();
        expect(clean.code, output(clean)).toBe(0);
      });

      it(`generates ${cases.map((c) => c.row).join(', ')}, which type-check under strict`, async () => {
        for (const c of cases) {
          for (const args of c.commands(fixtureInfo[fixture])) {
            const result = await runCli(args, { cwd: app.dir });
            expect(result.code, result.stdout + result.stderr).toBe(0);
          }
        }
        if (fixtureInfo[fixture].hasVitest) {
          const tests = (await fs.readdir(app.path('src/routes'), { recursive: true })).filter((f) => f.endsWith('.test.ts'));
          expect(tests.length).toBe(cases.length);
        }
        const result = await app.typecheck();
        expect(result.code, output(result)).toBe(0);
      });

      it('type-check with TypeScript 5.9 too (the repository’s own tsc, the copy’s tsconfig)', async () => {
        const result = await app.run('node', [repoTsc, '--noEmit', '-p', 'tsconfig.json']);
        expect(result.code, output(result)).toBe(0);
      });

      it.runIf(fixtureInfo[fixture].hasVitest)('the generated Vitest files pass', async () => {
        const result = await app.test();
        expect(result.code, output(result)).toBe(0);
        expect(output(result)).toMatch(/Tests\s+\d+ passed/);
      });
    });
  }
});

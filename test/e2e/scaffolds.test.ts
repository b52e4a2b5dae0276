// Generated code in the apps users really start from: each app of
// test/fixtures/scaffolds is exactly what create-next-app or sv wrote (see its
// README). In a throwaway copy, the built CLI generates a CRUD resource, a
// nested one and one endpoint per other template; then the app's OWN checks run
// unchanged, each as its own test: `npm run check`, `npm run lint`, Prettier on
// exactly the files the CLI wrote, the app's Vitest, `npm run build`.
//
// Part of `npm test`: every check must pass. An app without @types/node is
// given it as the CLI's report tells the user to (the download helper reads
// files with node:fs); nothing else is changed in the app.
//
//   (unset) or E2E_SCAFFOLDS=all      every scaffold app
//   E2E_SCAFFOLDS=none                none
//   E2E_SCAFFOLDS=cna-ts,sv-ts        some of them
//   E2E_SCAFFOLDS_LOGS=/tmp/logs      also write each check's full output to <dir>/<app>.<check>.log
//   E2E_SCAFFOLDS_BASELINE=1          generate nothing: proves the untouched app passes its own checks
//                                     (run it after regenerating a scaffold)
//
// Nothing here is weakened to pass: a check that fails is reported as failed.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { createApp, scaffoldInfo, scaffoldNames, type App, type RunResult, type ScaffoldName } from './harness/index.js';

const requested = process.env.E2E_SCAFFOLDS?.split(',').map((s) => s.trim()).filter(Boolean);
const apps = (
  requested === undefined || requested.includes('all') ? [...scaffoldNames] : requested.includes('none') ? [] : requested
) as ScaffoldName[];
const unknown = apps.filter((a) => !scaffoldNames.includes(a));
if (unknown.length > 0) throw new Error(`E2E_SCAFFOLDS: unknown app(s) ${unknown.join(', ')} (known: ${scaffoldNames.join(', ')}, all)`);

/** What the CLI is asked to generate into every app, one run each. */
const generations: readonly string[][] = [
  ['todos', '--fields', 'title:string,done:boolean,priority?:number'],
  ['orgs/[orgId]/members'],
  ['hooks', '--template', 'webhook'],
  ['payments', '--template', 'webhook', '--provider', 'stripe'],
  ['deploys', '--template', 'webhook', '--provider', 'github'],
  ['public', '--template', 'cors', '--origins', 'https://example.com'],
  ['files', '--template', 'download'],
  ['events', '--template', 'stream', '--sse'],
  ['ticker', '--template', 'stream'],
];

interface CliJson {
  ok: boolean;
  nextSteps?: string[];
  files: { path: string; action: string }[];
  problems?: { level: string; file?: string; message: string }[];
}

const logDir = process.env.E2E_SCAFFOLDS_LOGS;
const baseline = process.env.E2E_SCAFFOLDS_BASELINE === '1';

/** Keeps the whole output when asked to, and says so when a passing check printed warnings. */
function record(appName: string, check: string, result: RunResult): void {
  const output = `${result.stdout}\n${result.stderr}`;
  if (logDir) {
    mkdirSync(logDir, { recursive: true });
    writeFileSync(join(logDir, `${appName}.${check.replace(/[^\w.-]+/g, '-')}.log`), `exit ${result.code}\n${output}`);
  }
  const warnings = output.split('\n').filter((l) => /\bwarning\b/i.test(l) && !/NO_COLOR|--trace-warnings/.test(l));
  if (result.code === 0 && warnings.length > 0) console.log(`[${appName}] ${check} passed with warnings:\n  ${warnings.slice(0, 20).join('\n  ')}`);
}

function ok(step: string, result: RunResult): void {
  if (result.code !== 0) {
    throw new Error(`${step} failed (exit ${result.code}${result.timedOut ? ', timed out' : ''})\n${result.stdout}\n${result.stderr}`.slice(0, 20_000));
  }
}

/**
 * Whether Playwright's Chromium is installed on this machine (~/.cache/ms-playwright
 * or PLAYWRIGHT_BROWSERS_PATH). sv's vitest add-on ("usages: unit, component")
 * writes a `client` project that runs in Chromium; without a browser (it is
 * downloaded from Playwright's CDN, which these machines cannot reach) that
 * project cannot start, whatever the code. Then only the `server` project runs,
 * which is where the generated tests (`src/routes/**\/*.test.ts`) belong.
 */
function playwrightChromiumInstalled(): boolean {
  const dir = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  try {
    return readdirSync(dir).some((entry) => entry.startsWith('chromium'));
  } catch {
    return false;
  }
}

/** Results for the summary: app → check → pass/FAIL and seconds. */
const summary = new Map<string, Map<string, { pass: boolean; ms: number }>>();
async function step(appName: string, check: string, fn: () => Promise<void>): Promise<void> {
  const cells = summary.get(check) ?? new Map<string, { pass: boolean; ms: number }>();
  summary.set(check, cells);
  const start = Date.now();
  try {
    await fn();
    cells.set(appName, { pass: true, ms: Date.now() - start });
  } catch (error) {
    cells.set(appName, { pass: false, ms: Date.now() - start });
    throw error;
  }
}
afterAll(() => {
  if (apps.length === 0) return;
  const header = ['', ...apps];
  const rows = [...summary].map(([check, cells]) => [
    check,
    ...apps.map((a) => {
      const cell = cells.get(a);
      return cell ? `${cell.pass ? 'pass' : 'FAIL'} ${(cell.ms / 1000).toFixed(1)}s` : '-';
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(['', 'scaffold apps (generate with the built CLI, then the app\'s own checks)', line(header), ...rows.map(line)].join('\n'));
});

describe.skipIf(apps.length === 0)('scaffold apps', () => {
  for (const name of apps) {
    describe(name, () => {
      const info = scaffoldInfo[name];
      let app: App;
      let scripts: Record<string, string> = {};
      let deps: Record<string, string> = {};
      /** Files the CLI created or updated, relative to the app. */
      const written = new Set<string>();
      /** What the CLI's reports told the user to do next. */
      const nextSteps = new Set<string>();
      const checked = (check: string, result: RunResult): RunResult => {
        record(name, check, result);
        return result;
      };

      beforeAll(async () => {
        app = await createApp(name);
        const pkg = JSON.parse(await app.readFile('package.json')) as {
          scripts?: Record<string, string>;
          dependencies?: Record<string, string>;
          devDependencies?: Record<string, string>;
        };
        scripts = pkg.scripts ?? {};
        deps = { ...pkg.dependencies, ...pkg.devDependencies };
      });
      afterAll(async () => {
        await app?.remove();
      });

      for (const args of generations) {
        it.skipIf(baseline)(`generates ${args.join(' ')}`, async () => {
          await step(name, 'generate', async () => {
            const result = await runCli([...args, '--yes', '--json'], { cwd: app.dir });
            let doc: CliJson | undefined;
            try {
              doc = JSON.parse(result.stdout) as CliJson;
            } catch {
              // not JSON: reported below with the raw output
            }
            for (const file of doc?.files ?? []) if (file.action === 'create' || file.action === 'update') written.add(file.path);
            for (const next of doc?.nextSteps ?? []) nextSteps.add(next);
            if (result.code !== 0 || !doc?.ok) {
              throw new Error(`create-endpoint ${args.join(' ')} failed (exit ${result.code})\n${result.stdout}\n${result.stderr}`);
            }
            const warnings = (doc.problems ?? []).filter((p) => p.level !== 'info');
            if (warnings.length > 0) console.log(`[${name}] create-endpoint ${args.join(' ')}: ${warnings.map((p) => p.message).join('; ')}`);
          });
        });
      }

      // The download helper reads files with node:fs: in an app without
      // @types/node the report says to install it, and the user does. Done here
      // from this repo's own copy (the same package and version), so the run
      // needs no registry and the shared install cache is not touched.
      it.skipIf(baseline)('installs what the report asks for', async () => {
        const asked = [...nextSteps].some((n) => n.includes('npm install --save-dev @types/node'));
        expect(asked, 'the report asks for @types/node exactly when the app lacks it').toBe(!('@types/node' in deps));
        if (!asked) return;
        const repoModules = join(fileURLToPath(new URL('../../node_modules', import.meta.url)));
        for (const pkg of ['@types/node', 'undici-types']) cpSync(join(repoModules, pkg), app.path('node_modules', pkg), { recursive: true });
        const pkg = JSON.parse(await app.readFile('package.json')) as { devDependencies?: Record<string, string> };
        const version = (JSON.parse(readFileSync(join(repoModules, '@types/node/package.json'), 'utf8')) as { version: string }).version;
        pkg.devDependencies = { ...pkg.devDependencies, '@types/node': `^${version}` };
        await app.writeFile('package.json', `${JSON.stringify(pkg, null, '\t')}\n`);
        if ([...nextSteps].some((n) => n.includes('"types": ["$app/types", "node"]'))) {
          const tsconfig = JSON.parse(await app.readFile('tsconfig.json')) as { compilerOptions?: Record<string, unknown> };
          tsconfig.compilerOptions = { ...tsconfig.compilerOptions, types: ['$app/types', 'node'] };
          await app.writeFile('tsconfig.json', `${JSON.stringify(tsconfig, null, '\t')}\n`);
          // As the user's editor would leave it: formatted by the app's Prettier.
          if ('prettier' in deps) ok('prettier --write tsconfig.json', await app.run('npx', ['prettier', '--write', 'tsconfig.json']));
        }
      });

      it('npm run check', async (ctx) => {
        if (!('check' in scripts)) return ctx.skip();
        await step(name, 'npm run check', async () => ok('npm run check', checked('npm run check', await app.run('npm', ['run', 'check']))));
      });

      it('npm run lint', async (ctx) => {
        if (!('lint' in scripts)) return ctx.skip();
        await step(name, 'npm run lint', async () => ok('npm run lint', checked('npm run lint', await app.run('npm', ['run', 'lint']))));
      });

      it('prettier --check on the files the CLI wrote', async (ctx) => {
        if (!('prettier' in deps) || baseline) return ctx.skip();
        await step(name, 'prettier --check (written)', async () => {
          const files = [...written].filter((f) => existsSync(app.path(f)));
          expect(files.length, 'the CLI wrote no files').toBeGreaterThan(0);
          ok('prettier --check', checked('prettier --check', await app.run('npx', ['prettier', '--check', ...files])));
        });
      });

      it("the app's own vitest", async (ctx) => {
        if (!('vitest' in deps)) return ctx.skip();
        await step(name, 'vitest run', async () => {
          const config = ['vite.config.ts', 'vite.config.js', 'vitest.config.ts', 'vitest.config.js']
            .map((f) => app.path(f))
            .find((f) => existsSync(f));
          const browserProject = config !== undefined && /browser:\s*\{[^}]*enabled:\s*true/.test(await app.readFile(config.slice(app.dir.length + 1)));
          const args = browserProject && !playwrightChromiumInstalled() ? ['--project', 'server'] : [];
          if (args.length > 0) console.log(`[${name}] no Playwright Chromium on this machine: vitest run --project server (the browser project cannot start)`);
          const result = checked('vitest run', await app.run('npx', ['vitest', 'run', ...args]));
          ok(`vitest run ${args.join(' ')}`.trim(), result);
          expect(result.stdout + result.stderr).toMatch(/Tests\s+\d+ passed/);
        });
      });

      it('npm run build', async () => {
        await step(name, 'npm run build', async () => ok('npm run build', checked('npm run build', await app.run('npm', ['run', 'build']))));
      });

      it.runIf(info.language === 'js')('leaves a JavaScript project JavaScript', async () => {
        // create-next-app --js and sv --types jsdoc projects must not receive TypeScript
        // files, nor the tsconfig.json `next build` writes when it finds them.
        await step(name, 'no .ts in a JS project', async () => {
          const ts = [...written].filter((f) => /\.(c|m)?tsx?$/.test(f));
          expect(ts, 'TypeScript files written into a JavaScript project').toEqual([]);
          expect(existsSync(app.path('tsconfig.json')), 'tsconfig.json appeared').toBe(false);
        });
      });
    });
  }
});

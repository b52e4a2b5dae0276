// Mutation testing of the generated Vitest files: do they catch the
// regressions a user (or a template change) could bring into the generated
// code? StrykerJS's Vitest runner does not drive Vitest 4, so this applies a
// fixed list of mutants (scripts/mutants.json), each an exact text
// replacement in one generated file.
//
// For each fixture app with Vitest (next16, sveltekit3, from the fixture
// cache), it makes a working copy (node_modules hard-linked, as the e2e
// harness does), generates every template into it with the built CLI
// (--no-format, so every app holds the text the templates render), runs each
// template's generated Vitest files once (they must pass), then for each
// mutant: applies it (its search text must occur exactly once, and the result
// must still parse), runs that template's Vitest files with the app's own
// config, counts the mutant killed when they fail, and restores the file. A
// mutant with `edits` makes several replacements in its file at once (for
// checks that back each other up, such as the download's three layers
// against traversal).
// Prints the score per template (killed / mutants, both apps together) and
// the survivors; exits 1 when a template scores below 80%, a baseline fails,
// or a mutant no longer applies.
//
//   npm run mutation
//   MUTATION_FIXTURES=next16            one app (default: next16,sveltekit3)
//   MUTATION_TEMPLATES=crud,webhook     some templates (prefix match)
//   MUTATION_MUTANTS=crud-limit-ignored some mutants (by id, prefix match)
//   MUTATION_KEEP=1                     keep the working copies (their paths are printed)
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { cleanEnv, ensureFixtureInstalled, fixtureCacheRoot, fixtureDir, fixtureInfo } from '../test/e2e/harness/fixtures.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'bin', 'create-endpoint.js');
const THRESHOLD = 0.8;
const RUN_TIMEOUT_MS = 120_000;
/** Install and build output a working copy never takes from the fixture folder. */
const SKIP = new Set(['node_modules', '.next', '.svelte-kit', 'build', 'dist', 'next-env.d.ts', '.turbo']);
/** Per-project files tools write into node_modules: never shared with the cache through hard links. */
const PER_PROJECT = ['$app', '.vite', '.vite-temp', '.cache', '.svelte-kit'];

const list = (value) => value?.split(',').map((s) => s.trim()).filter(Boolean);
const wanted = (value, filter) => !filter || filter.some((f) => value.startsWith(f));
const fixtures = list(process.env.MUTATION_FIXTURES) ?? ['next16', 'sveltekit3'];
const templateFilter = list(process.env.MUTATION_TEMPLATES);
const mutantFilter = list(process.env.MUTATION_MUTANTS);

const spec = JSON.parse(await fs.readFile(join(repo, 'scripts', 'mutants.json'), 'utf8'));
const templates = Object.keys(spec.templates).filter((t) => wanted(t, templateFilter));
const mutants = spec.mutants.filter((m) => wanted(m.id, mutantFilter) && m.templates.some((t) => templates.includes(t)));

for (const fixture of fixtures) {
  if (!fixtureInfo[fixture]?.hasVitest) throw new Error(`${fixture} is not a fixture app with Vitest`);
}
if (!existsSync(join(repo, 'dist', 'cli.js'))) throw new Error('Build first: npm run build (npm run mutation does).');

// Process groups still running and working copies still on disk: an
// interrupted run (Ctrl-C) ends the one and removes the other.
const running = new Set();
const copies = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const pid of running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const dir of copies) if (!process.env.MUTATION_KEEP) rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
}

/** Runs a command in its own process group; never throws on failure. */
function run(cmd, args, cwd, env, timeoutMs = RUN_TIMEOUT_MS) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid) running.add(child.pid);
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const kill = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 127, output: output + String(error), timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      kill(); // workers the command left behind
      running.delete(child.pid);
      resolve({ code, output, timedOut });
    });
  });
}

/** A working copy of a fixture app, on the cache's file system so node_modules can be hard links. */
async function createApp(name) {
  const cacheDir = await ensureFixtureInstalled(name, { log: (line) => console.log(line) });
  let base = tmpdir();
  const [a, b] = await Promise.all([fs.stat(base), fs.stat(fixtureCacheRoot())]);
  if (a.dev !== b.dev) base = join(fixtureCacheRoot(), 'apps');
  await fs.mkdir(base, { recursive: true });
  const dir = await fs.mkdtemp(join(await fs.realpath(base), `create-endpoint-mutation-${name}-`));
  copies.add(dir);
  await fs.cp(fixtureDir(name), dir, { recursive: true, filter: (src) => !SKIP.has(src.split('/').pop()) });
  const linked = await run('cp', ['-al', join(cacheDir, 'node_modules'), join(dir, 'node_modules')], dir, cleanEnv());
  if (linked.code !== 0) await fs.cp(join(cacheDir, 'node_modules'), join(dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  await Promise.all(PER_PROJECT.map((entry) => fs.rm(join(dir, 'node_modules', entry), { recursive: true, force: true })));
  const env = cleanEnv();
  env.PATH = `${join(dir, 'node_modules', '.bin')}${delimiter}${env.PATH ?? ''}`;
  return { name, dir, info: fixtureInfo[name], env };
}

/** A path of mutants.json ({lib}, {api}, {route}) in an app. */
function resolvePath(app, path) {
  const next = app.info.framework === 'next';
  return path
    .replaceAll('{lib}', 'src/lib/server')
    .replaceAll('{api}', `${app.info.appDir}/api`)
    .replaceAll('{route}', next ? 'route.ts' : '+server.ts');
}

/** A text of mutants.json: a string, lines, or one of those by framework. */
function resolveText(app, text) {
  const value = typeof text === 'object' && !Array.isArray(text) ? text[app.info.framework] : text;
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join('\n') : value;
}

function occurrences(text, search) {
  let count = 0;
  for (let at = text.indexOf(search); at !== -1; at = text.indexOf(search, at + 1)) count++;
  return count;
}

function syntaxErrors(text, file) {
  const out = ts.transpileModule(text, { fileName: file, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

function vitest(app, template) {
  const tests = spec.templates[template].tests.map((t) => resolvePath(app, t));
  return run('vitest', ['run', '--bail=1', ...tests], app.dir, app.env);
}

const started = Date.now();
/** template → { killed, total, survivors: [{ id, why, fixtures }] } */
const scores = new Map(templates.map((t) => [t, { killed: 0, total: 0, byFixture: new Map(), survivors: new Map() }]));
const problems = [];

for (const fixture of fixtures) {
  const app = await createApp(fixture);
  console.log(`mutation: ${fixture} in ${app.dir}`);
  try {
    for (const template of templates) {
      for (const args of spec.templates[template].generate) {
        const result = await run(process.execPath, [cli, ...args, '--yes', '--no-format'], app.dir, cleanEnv());
        if (result.code !== 0) throw new Error(`create-endpoint ${args.join(' ')} failed in ${fixture}:\n${result.output}`);
      }
    }
    for (const template of templates) {
      const baseline = await vitest(app, template);
      if (baseline.code !== 0) {
        problems.push(`${template} in ${fixture}: the generated tests fail before any mutant:\n${baseline.output.slice(-4000)}`);
        continue;
      }
      const score = scores.get(template);
      const own = score.byFixture.get(fixture) ?? { killed: 0, total: 0 };
      score.byFixture.set(fixture, own);
      for (const mutant of mutants.filter((m) => m.templates.includes(template))) {
        const edits = (mutant.edits ?? [mutant])
          .map((edit) => ({ search: resolveText(app, edit.search), replace: resolveText(app, edit.replace) ?? '' }))
          .filter((edit) => edit.search !== undefined);
        if (edits.length === 0) continue; // written for the other framework only
        const file = join(app.dir, resolvePath(app, mutant.file));
        const original = existsSync(file) ? await fs.readFile(file, 'utf8') : null;
        let mutated = original;
        for (const { search, replace } of edits) {
          const count = mutated === null ? 0 : occurrences(mutated, search);
          if (count !== 1) {
            problems.push(`${mutant.id} does not apply in ${fixture}: ${mutated === null ? 'no file ' + mutant.file : `${JSON.stringify(search.slice(0, 60))} occurs ${count} times in ${mutant.file}`}`);
            mutated = null;
            break;
          }
          mutated = mutated.replace(search, () => replace);
        }
        if (mutated === null) continue;
        const errors = syntaxErrors(mutated, file);
        if (errors.length > 0) {
          problems.push(`${mutant.id} makes ${mutant.file} unparsable in ${fixture}: ${errors[0]}`);
          continue;
        }
        await fs.writeFile(file, mutated);
        let result;
        try {
          result = await vitest(app, template);
        } finally {
          await fs.writeFile(file, original);
        }
        const killed = result.code !== 0;
        score.total++;
        own.total++;
        if (killed) {
          score.killed++;
          own.killed++;
        } else {
          const survivor = score.survivors.get(mutant.id) ?? { why: mutant.why, fixtures: [] };
          survivor.fixtures.push(fixture);
          score.survivors.set(mutant.id, survivor);
        }
        console.log(`  ${killed ? (result.timedOut ? 'killed (timeout)' : 'killed  ') : 'SURVIVED'}  ${template} / ${mutant.id}`);
      }
    }
  } finally {
    if (process.env.MUTATION_KEEP) console.log(`mutation: kept ${app.dir}`);
    else await fs.rm(app.dir, { recursive: true, force: true, maxRetries: 3 });
    copies.delete(app.dir);
  }
}

const percent = (killed, total) => (total === 0 ? '-' : `${((100 * killed) / total).toFixed(1)}%`);
console.log(`\nMutation score of the generated Vitest files (threshold ${THRESHOLD * 100}%), ${((Date.now() - started) / 1000).toFixed(0)} s:`);
let failed = problems.length > 0;
const rows = [['template', 'score', 'killed', ...fixtures]];
for (const [template, score] of scores) {
  rows.push([template, percent(score.killed, score.total), `${score.killed}/${score.total}`, ...fixtures.map((f) => {
    const own = score.byFixture.get(f);
    return own ? `${own.killed}/${own.total}` : '-';
  })]);
  if (score.total > 0 && score.killed / score.total < THRESHOLD) failed = true;
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const row of rows) console.log('  ' + row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
for (const [template, score] of scores) {
  for (const [id, survivor] of score.survivors) console.log(`  survived: ${template} / ${id} (${survivor.fixtures.join(', ')}): ${survivor.why}`);
}
for (const problem of problems) console.log(`  problem: ${problem}`);
process.exitCode = failed ? 1 : 0;

#!/usr/bin/env node
// `npm run bench`: whole-process timings of create-endpoint against hygen,
// plop, a bare ts-morph script and bare Node, in one run on one machine, and
// (case g, scripts/bench-database.mjs) the throughput of the generated Drizzle
// CRUD on `next start` against hand-written route handlers.
// Each pair runs alternately (A, B, A, B, …) after a warm-up so drift on a
// shared machine lands on both sides. Budgets are ratios from this same run;
// the exit code is 1 when one is missed. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem, type as osType, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CaseError, fields as dbFields, runDatabaseCase, seededRows } from './bench-database.mjs';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const bench = join(repo, 'bench');
const node = process.execPath;
const hygen = join(repo, 'node_modules', 'hygen', 'dist', 'bin.js');
const plop = join(repo, 'node_modules', 'plop', 'bin', 'plop.js');
const floor = join(bench, 'ts-morph-floor.mjs');

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    'runs-c': { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    // Case g: rounds (each side once per round), seconds of load per run, connections.
    'runs-g': { type: 'string', default: '8' },
    'duration-g': { type: 'string', default: '3' },
    'connections-g': { type: 'string', default: '10' },
    only: { type: 'string' },
    out: { type: 'string', default: join(bench, 'results.json') },
    // The build to measure: the path of its bin/create-endpoint.js.
    cli: { type: 'string', default: join(repo, 'bin', 'create-endpoint.js') },
    // Another build to run alongside, for information (before/after a change).
    compare: { type: 'string' },
  },
});
const cli = opts.cli;
const runs = Number(opts.runs);
const runsC = Number(opts['runs-c']);
const warmup = Number(opts.warmup);
const only = opts.only?.split(',');
const resourceCount = 200;

for (const [what, path] of [['the built CLI (npm run build)', join(dirname(dirname(cli)), 'dist', 'cli.js')], ['hygen (npm install)', hygen], ['plop (npm install)', plop]]) {
  if (!existsSync(path)) {
    console.error(`bench: missing ${what}: ${path}`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------- measuring

/** A run failed or did not do its work: no timing of it means anything. */
class BenchError extends Error {}

const work = mkdtempSync(join(tmpdir(), 'create-endpoint-bench-'));
const rssFile = join(work, 'rss');
const peakProbe = join(bench, 'peak-rss.cjs');
/** GNU time reports the peak RSS of the process; without it a preload reads VmHWM at exit. */
const gnuTime = ['/usr/bin/time', '/bin/time'].find((t) => spawnSync(t, ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0);
const rssMethod = gnuTime ? `${gnuTime} -f %M (peak RSS of the process)` : 'VmHWM from /proc/self/status at exit (bench/peak-rss.cjs preload)';

/** Runs one whole process; returns its wall time (ms) and peak RSS (KB). */
function measure(command, args, { cwd, env = {} }) {
  rmSync(rssFile, { force: true });
  const fullEnv = { ...process.env, ...env };
  let file = command;
  let argv = args;
  if (gnuTime) {
    file = gnuTime;
    argv = ['-f', '%M', '-o', rssFile, command, ...args];
  } else {
    fullEnv.NODE_OPTIONS = `${fullEnv.NODE_OPTIONS ?? ''} --require ${peakProbe}`.trim();
    fullEnv.BENCH_RSS_FILE = rssFile;
  }
  const start = process.hrtime.bigint();
  const result = spawnSync(file, argv, { cwd, env: fullEnv, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) fail(`${command} ${args.join(' ').slice(0, 200)} exited with ${result.status}:\n${result.stderr}`);
  const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
  return { ms, kb: Number(lines[lines.length - 1]) };
}

function stats(samples) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const mid = ms.length >> 1;
  const median = ms.length % 2 ? ms[mid] : (ms[mid - 1] + ms[mid]) / 2;
  return {
    runs: ms.length,
    medianMs: round(median),
    minMs: round(ms[0]),
    maxMs: round(ms[ms.length - 1]),
    peakMB: round(Math.max(...samples.map((s) => s.kb)) / 1024),
  };
}

const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------- projects

function nextProject(name) {
  const root = join(work, name);
  mkdirSync(join(root, 'src', 'app'), { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name, private: true, scripts: { dev: 'next dev' }, dependencies: { next: '^15.3.0', react: '^19.1.0', 'react-dom': '^19.1.0' }, devDependencies: { typescript: '^5.9.0', '@types/node': '^20' } }, null, 2) + '\n',
  );
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: { target: 'ES2017', lib: ['dom', 'dom.iterable', 'esnext'], strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', jsx: 'preserve', paths: { '@/*': ['./src/*'] } },
        include: ['next-env.d.ts', '**/*.ts', '**/*.tsx'],
      },
      null,
      2,
    ) + '\n',
  );
  return root;
}

/**
 * A SvelteKit 2 project as `sv create` makes it with its prettier add-on: its
 * prettier.config.js (tabs, single quotes, no trailing commas, 100 columns,
 * prettier-plugin-svelte with an override for .svelte files), as in
 * test/fixtures/scaffolds/sv-ts. Nothing is installed: a file Prettier had
 * to format would fail to load the plugin, and the run's check would see it.
 */
function svProject(name) {
  const root = join(work, name);
  mkdirSync(join(root, 'src', 'routes'), { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name, private: true, type: 'module', scripts: { dev: 'vite dev', format: 'prettier --write .' }, devDependencies: { '@sveltejs/kit': '^2.48.0', svelte: '^5.41.0', prettier: '^3.6.2', 'prettier-plugin-svelte': '^3.4.0', typescript: '^5.9.3', vite: '^7.1.10' } }, null, 2) + '\n',
  );
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ extends: './.svelte-kit/tsconfig.json', compilerOptions: { strict: true, moduleResolution: 'bundler' } }, null, 2) + '\n');
  copyFileSync(join(repo, 'test', 'fixtures', 'scaffolds', 'sv-ts', 'prettier.config.js'), join(root, 'prettier.config.js'));
  return root;
}

/** Back to an empty src/routes, untimed, before each run. */
function cleanSv(root) {
  rmSync(join(root, 'src'), { recursive: true, force: true });
  mkdirSync(join(root, 'src', 'routes'), { recursive: true });
}

/** A file in sv's style: tab-indented, single-quoted. */
const svStyled = /^\t[^\n]*'/m;

/** Back to an empty src/app, untimed, before each run. */
function clean(root) {
  rmSync(join(root, 'src'), { recursive: true, force: true });
  mkdirSync(join(root, 'src', 'app'), { recursive: true });
}

function expectFile(path, pattern) {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (text === null || (pattern && !pattern.test(text))) fail(`Expected ${path}${pattern ? ` to match ${pattern}` : ''}; the run did not do its work.`);
  return text;
}

// ---------------------------------------------------------------- cases

const names = Array.from({ length: resourceCount }, (_, i) => `r${i + 1}`);
const hygenEnv = { HYGEN_TMPLS: join(bench, 'hygen', '_templates') };

/**
 * The same Next.js project with a Prettier config that only Prettier prints
 * (`experimentalTernaries` is not one of the options the fast path prints):
 * Prettier formats every file there, as in any project whose config is not
 * read without it. Single quotes show in the output that it ran.
 */
function configuredProject(name) {
  const root = nextProject(name);
  writeFileSync(join(root, '.prettierrc'), '{ "singleQuote": true, "experimentalTernaries": true }\n');
  return root;
}

/**
 * create-endpoint's side of a case, plus the variants measured for
 * information only: the same run with --no-format, the same run in a project
 * with a Prettier config only Prettier prints (where Prettier runs on every
 * file), and another build of the CLI when
 * --compare is given (before/after a change).
 */
function ours({ args, before, check, noFormat = false, file }) {
  const side = (name, bin, extra) => ({
    name,
    before,
    run() { return measure(node, [bin, ...args.call(this), ...extra], { cwd: this.root }); },
    // A variant checks its output too, without replacing the reference output the baselines are compared with.
    check: name === 'create-endpoint' || !check ? check : function (o) { check.call(Object.create(this), o); },
  });
  const sides = [side('create-endpoint', cli, [])];
  if (opts.compare) sides.push(side('create-endpoint (compared build)', opts.compare, []));
  if (noFormat) sides.push(side('create-endpoint --no-format', cli, ['--no-format']));
  if (file) {
    sides.push({
      name: 'create-endpoint, .prettierrc only Prettier prints',
      before() { clean(this.configuredRoot); },
      run() { return measure(node, [cli, ...args.call(this)], { cwd: this.configuredRoot }); },
      // Formatted by Prettier with the project's single quotes.
      check() { expectFile(join(this.configuredRoot, file), /from '@\/lib\/server\/api-utils'/); },
    });
  }
  return sides;
}

const cases = [
  {
    id: 'a',
    title: 'generate one CRUD resource',
    detail: '`create-endpoint todos --style next --fields title:string,done:boolean --yes` (5 files, as Prettier formats them) vs hygen / plop rendering and writing one route file',
    budget: { ratio: 1.0, baseline: 'hygen', peakMB: 150 },
    setup() {
      this.root = nextProject('case-a');
      this.configuredRoot = configuredProject('case-a-prettierrc');
    },
    sides: [
      ...ours({
        args: () => ['todos', '--style', 'next', '--fields', 'title:string,done:boolean', '--yes'],
        before() { clean(this.root); },
        check() {
          for (const f of ['src/app/api/todos/[id]/route.ts', 'src/lib/server/resources/todos.ts', 'src/lib/server/api-utils.ts']) expectFile(join(this.root, f));
          this.reference = expectFile(join(this.root, 'src/app/api/todos/route.ts'), /export async function POST/);
        },
        noFormat: true,
        file: 'src/app/api/todos/route.ts',
      }),
      {
        name: 'hygen',
        before() { clean(this.root); },
        run() { return measure(node, [hygen, 'endpoint', 'new', '--name', 'todos'], { cwd: this.root, env: hygenEnv }); },
        check() { this.same.hygen = expectFile(join(this.root, 'src/app/api/todos/route.ts')) === this.reference; },
      },
      {
        name: 'plop',
        before() { clean(this.root); },
        run() { return measure(node, [plop, '--plopfile', join(bench, 'plop', 'plopfile.js'), '--dest', this.root, 'endpoint', 'todos'], { cwd: this.root }); },
        check() { this.same.plop = expectFile(join(this.root, 'src/app/api/todos/route.ts')) === this.reference; },
      },
    ],
  },
  {
    id: 'b',
    title: 'add PATCH to a hand-written route',
    detail: '`create-endpoint add src/app/api/todos/[id]/route.ts PATCH --yes` vs bench/ts-morph-floor.mjs (load ts-morph, parse, add one function, write); the floor loads ts-morph with `import`, and for comparison with `require()`',
    budget: { ratio: 1.1, baseline: 'ts-morph floor', peakMB: 150 },
    setup() {
      this.root = nextProject('case-b');
      this.route = join(this.root, 'src', 'app', 'api', 'todos', '[id]', 'route.ts');
      this.restore = () => {
        mkdirSync(dirname(this.route), { recursive: true });
        copyFileSync(join(bench, 'fixtures', 'hand-written-route.ts.txt'), this.route);
      };
    },
    sides: [
      ...ours({
        args: () => ['add', 'src/app/api/todos/[id]/route.ts', 'PATCH', '--yes'],
        before() { this.restore(); },
        check() { expectFile(this.route, /export async function PATCH/); },
      }),
      {
        name: 'ts-morph floor',
        before() { this.restore(); },
        run() { return measure(node, [floor, this.route, 'PATCH'], { cwd: this.root }); },
        check() { expectFile(this.route, /export async function PATCH/); },
      },
      {
        // For comparison only: ts-morph loaded with require(), as create-endpoint loads it.
        name: 'ts-morph floor (require)',
        before() { this.restore(); },
        run() { return measure(node, [floor, this.route, 'PATCH', '--require'], { cwd: this.root }); },
        check() { expectFile(this.route, /export async function PATCH/); },
      },
    ],
  },
  {
    id: 'c',
    title: `${resourceCount} resources in one invocation`,
    detail: `\`create-endpoint r1 … r${resourceCount} --style next --yes\` (${resourceCount * 3 + 2} files: two routes and a resource module each, the shared resources engine and api-utils) vs ${resourceCount} hygen invocations (one route file each)`,
    budget: { ratio: 0.1, baseline: `hygen ×${resourceCount}`, peakMB: 300, perResourceMs: 15 },
    runs: runsC,
    warmup: 1,
    setup() {
      this.root = nextProject('case-c');
      this.configuredRoot = configuredProject('case-c-prettierrc');
    },
    sides: [
      ...ours({
        args: () => [...names, '--style', 'next', '--yes'],
        before() { clean(this.root); },
        check() {
          for (const n of [names[0], names[names.length - 1]]) expectFile(join(this.root, `src/app/api/${n}/[id]/route.ts`), /export async function PATCH/);
        },
        noFormat: true,
        file: `src/app/api/${names[names.length - 1]}/route.ts`,
      }),
      {
        name: `hygen ×${resourceCount}`,
        before() { clean(this.root); },
        run({ warm }) {
          // The warm-up is one invocation: a full loop would add minutes and warm nothing more.
          const list = warm ? names.slice(0, 1) : names;
          const start = process.hrtime.bigint();
          let kb = 0;
          for (const n of list) kb = Math.max(kb, measure(node, [hygen, 'endpoint', 'new', '--name', n], { cwd: this.root, env: hygenEnv }).kb);
          return { ms: Number(process.hrtime.bigint() - start) / 1e6, kb };
        },
        check({ warm }) { if (!warm) expectFile(join(this.root, `src/app/api/${names[names.length - 1]}/route.ts`)); },
      },
    ],
  },
  {
    id: 'e',
    title: "generate one CRUD resource, sv's Prettier config",
    detail: "`create-endpoint todos --fields title:string,done:boolean --yes` in a SvelteKit 2 project with sv's prettier.config.js (5 files, tab-indented and single-quoted as Prettier formats them there) vs hygen rendering and writing one route file in the same project",
    budget: { ratio: 1.0, baseline: 'hygen', peakMB: 150 },
    setup() {
      this.root = svProject('case-e');
    },
    sides: [
      {
        name: 'create-endpoint',
        before() { cleanSv(this.root); },
        run() { return measure(node, [cli, 'todos', '--fields', 'title:string,done:boolean', '--yes'], { cwd: this.root }); },
        check() {
          for (const f of ['src/routes/api/todos/+server.ts', 'src/routes/api/todos/[id]/+server.ts', 'src/lib/server/resources/todos.ts', 'src/lib/server/resources.ts', 'src/lib/server/api-utils.ts']) {
            expectFile(join(this.root, f), svStyled);
          }
        },
      },
      {
        name: 'hygen',
        before() { cleanSv(this.root); },
        run() { return measure(node, [hygen, 'endpoint', 'new', '--name', 'todos'], { cwd: this.root, env: hygenEnv }); },
        check() { expectFile(join(this.root, 'src/app/api/todos/route.ts')); },
      },
    ],
  },
  {
    id: 'f',
    title: `${resourceCount} resources in one invocation, sv's Prettier config`,
    detail: `\`create-endpoint r1 … r${resourceCount} --yes\` in the SvelteKit 2 project of (e) (${resourceCount * 3 + 2} files in sv's style) vs ${resourceCount} hygen invocations (one route file each)`,
    budget: { ratio: 0.1, baseline: `hygen ×${resourceCount}`, peakMB: 300, perResourceMs: 15 },
    runs: runsC,
    warmup: 1,
    setup() {
      this.root = svProject('case-f');
    },
    sides: [
      {
        name: 'create-endpoint',
        before() { cleanSv(this.root); },
        run() { return measure(node, [cli, ...names, '--yes'], { cwd: this.root }); },
        check() {
          for (const n of [names[0], names[names.length - 1]]) {
            expectFile(join(this.root, `src/routes/api/${n}/[id]/+server.ts`), svStyled);
            expectFile(join(this.root, `src/lib/server/resources/${n}.ts`), svStyled);
          }
          expectFile(join(this.root, 'src/lib/server/resources.ts'), svStyled);
        },
      },
      {
        name: `hygen ×${resourceCount}`,
        before() { cleanSv(this.root); },
        run({ warm }) {
          const list = warm ? names.slice(0, 1) : names;
          const start = process.hrtime.bigint();
          let kb = 0;
          for (const n of list) kb = Math.max(kb, measure(node, [hygen, 'endpoint', 'new', '--name', n], { cwd: this.root, env: hygenEnv }).kb);
          return { ms: Number(process.hrtime.bigint() - start) / 1e6, kb };
        },
        check({ warm }) { if (!warm) expectFile(join(this.root, `src/app/api/${names[names.length - 1]}/route.ts`)); },
      },
    ],
  },
  {
    id: 'd',
    title: '--help',
    detail: "`create-endpoint --help` vs `node -e ''`",
    budget: { ratio: 1.5, baseline: 'bare node' },
    runs: runs * 2,
    setup() {
      this.root = nextProject('case-d');
    },
    sides: [
      ...ours({ args: () => ['--help'] }),
      { name: 'bare node', run() { return measure(node, ['-e', ''], { cwd: this.root }); } },
    ],
  },
];

// ---------------------------------------------------------------- running

const machine = {
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGB: round(totalmem() / 1024 ** 3),
  os: `${osType()} ${release()}`,
  node: process.version,
  date: new Date().toISOString(),
  loadAverageAtStart: loadavg().map((l) => round(l, 2)),
  peakMemoryMethod: rssMethod,
};
console.log(`create-endpoint bench: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`);
console.log(`peak memory: ${rssMethod}\n`);

const results = {};
let broken;
try {
  for (const c of cases) {
    if (only && !only.includes(c.id)) continue;
    c.same = {};
    c.setup();
    const n = c.runs ?? runs;
    const samples = Object.fromEntries(c.sides.map((s) => [s.name, []]));
    const started = Date.now();
    process.stdout.write(`(${c.id}) ${c.title}: ${c.warmup ?? warmup} warm-up + ${n} runs, alternating ${c.sides.map((s) => s.name).join(' / ')} `);
    for (let i = -(c.warmup ?? warmup); i < n; i++) {
      const warm = i < 0;
      for (const side of c.sides) {
        side.before?.call(c);
        const sample = side.run.call(c, { warm });
        side.check?.call(c, { warm });
        if (!warm) samples[side.name].push(sample);
      }
      process.stdout.write('.');
    }
    console.log(` ${round((Date.now() - started) / 1000)} s`);
    const contenders = Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, stats(s)]));
    const ours = contenders['create-endpoint'];
    const base = contenders[c.budget.baseline];
    const ratio = round(ours.medianMs / base.medianMs, 3);
    const checks = [{ what: `ratio ${ratio} ≤ ${c.budget.ratio}`, pass: ratio <= c.budget.ratio }];
    if (c.budget.peakMB) checks.push({ what: `peak ${ours.peakMB} MB ≤ ${c.budget.peakMB} MB`, pass: ours.peakMB <= c.budget.peakMB });
    let perResourceMs;
    if (c.budget.perResourceMs) {
      perResourceMs = round(ours.medianMs / resourceCount);
      checks.push({ what: `${perResourceMs} ms per resource ≤ ${c.budget.perResourceMs} ms`, pass: perResourceMs <= c.budget.perResourceMs });
    }
    const result = {
      title: c.title,
      detail: c.detail,
      contenders,
      ratio,
      ...(perResourceMs !== undefined ? { perResourceMs } : {}),
      ...(Object.keys(c.same).length ? { sameOutputAsCreateEndpoint: c.same } : {}),
      budget: c.budget,
      checks,
      pass: checks.every((k) => k.pass),
    };
    results[c.id] = result;
    for (const [name, s] of Object.entries(contenders)) {
      console.log(`    ${name.padEnd(32)} median ${ms(s.medianMs)}  min ${ms(s.minMs)}  max ${ms(s.maxMs)}  peak ${s.peakMB} MB`);
    }
    for (const [name, s] of Object.entries(contenders)) {
      if (name !== 'create-endpoint') console.log(`    ratio create-endpoint / ${name}: ${round(ours.medianMs / s.medianMs, 3)}×`);
    }
    for (const k of checks) console.log(`    ${k.pass ? 'pass' : 'FAIL'}  ${k.what}`);
    if (Object.values(c.same).includes(false)) console.log(`    note: a baseline's route file differs from create-endpoint's: ${JSON.stringify(c.same)}`);
    console.log('');
  }
  if (!only || only.includes('g')) results.g = await databaseCase();
} catch (error) {
  if (!(error instanceof BenchError)) throw error;
  broken = error;
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (broken) {
  console.error(`\nbench: ${broken.message}`);
  process.exit(2);
}

machine.loadAverageAtEnd = loadavg().map((l) => round(l, 2));
const document = { machine, cases: results, pass: Object.values(results).every((r) => r.pass) };
writeFileSync(opts.out, JSON.stringify(document, null, 2) + '\n');
console.log(`wrote ${opts.out}\n`);
console.log(markdown(document));
process.exitCode = document.pass ? 0 : 1;

/**
 * Case g: req/s and p99 latency of the generated Drizzle CRUD against
 * hand-written handlers of the same queries, in one `next start` (see
 * scripts/bench-database.mjs). Budgets: each of list, get and create reaches
 * ≥ 0.9× the hand-written req/s and ≤ 1.1× its p99.
 */
async function databaseCase() {
  const budget = { rpsRatio: 0.9, p99Ratio: 1.1 };
  const setup = { app: 'next16-drizzle', rows: seededRows, connections: Number(opts['connections-g']), durationS: Number(opts['duration-g']), warmupS: 3, rounds: Number(opts['runs-g']), warmup: 1 };
  console.log(`(g) Drizzle CRUD throughput on next start: generated vs hand-written, ${setup.rounds} rounds`);
  let run;
  try {
    run = await runDatabaseCase({ cli, rounds: setup.rounds, warmup: setup.warmup, durationS: setup.durationS, warmupS: setup.warmupS, connections: setup.connections, log: (s) => process.stdout.write(s) });
  } catch (error) {
    // A wrong answer, or a set-up that failed (no PostgreSQL, a failed build): no number of this case means anything.
    throw new BenchError(`(g) ${error instanceof CaseError ? '' : 'set-up failed: '}${error instanceof Error ? error.message : error}`);
  }
  const checks = [];
  for (const [name, r] of Object.entries(run.results)) {
    const gen = r.contenders.generated;
    const hand = r.contenders['hand-written'];
    console.log(`    ${name.padEnd(7)} generated    ${gen.medianRps.toFixed(0).padStart(6)} req/s (${gen.minRps.toFixed(0)}–${gen.maxRps.toFixed(0)})  p99 ${gen.medianP99Ms} ms (${gen.minP99Ms}–${gen.maxP99Ms})  server CPU ${gen.medianServerCpuUs} µs/request`);
    console.log(`    ${''.padEnd(7)} hand-written ${hand.medianRps.toFixed(0).padStart(6)} req/s (${hand.minRps.toFixed(0)}–${hand.maxRps.toFixed(0)})  p99 ${hand.medianP99Ms} ms (${hand.minP99Ms}–${hand.maxP99Ms})  server CPU ${hand.medianServerCpuUs} µs/request`);
    console.log(`    ${''.padEnd(7)} ratios of the medians: ${r.ratiosOfMedians.rps}× req/s, ${r.ratiosOfMedians.p99}× p99, ${r.ratiosOfMedians.serverCpu}× server CPU per request`);
    checks.push({ what: `${name}: req/s ratio ${r.rpsRatio} ≥ ${budget.rpsRatio} (median of the rounds' ratios)`, pass: r.rpsRatio >= budget.rpsRatio });
    checks.push({ what: `${name}: p99 ratio ${r.p99Ratio} ≤ ${budget.p99Ratio} (median of the rounds' ratios)`, pass: r.p99Ratio <= budget.p99Ratio });
  }
  for (const k of checks) console.log(`    ${k.pass ? 'pass' : 'FAIL'}  ${k.what}`);
  console.log('');
  return {
    title: 'Drizzle CRUD throughput on next start',
    detail: `the CRUD \`create-endpoint items --store drizzle --fields ${dbFields}\` generates in next16-drizzle (Next.js 16, Drizzle, postgres.js, PostgreSQL ${run.postgres}) vs hand-written Drizzle handlers of the same queries (bench/fixtures/hand-written-drizzle), one build, one next start; autocannon`,
    kind: 'throughput',
    setup: { ...setup, postgres: run.postgres },
    endpoints: run.results,
    budget,
    checks,
    pass: checks.every((k) => k.pass),
  };
}

function ms(n) {
  return `${n.toFixed(0).padStart(6)} ms`;
}

function markdown({ machine: m, cases: cs }) {
  const range = (s) => `${s.medianMs.toFixed(0)} ms (${s.minMs.toFixed(0)}–${s.maxMs.toFixed(0)})`;
  const lines = [
    `Latest results: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB RAM, ${m.os}, Node ${m.node}, ${m.date.slice(0, 10)}; load average ${m.loadAverageAtStart.join(' ')} at start, ${m.loadAverageAtEnd.join(' ')} at end. Median (min–max) wall time of whole processes; peak RSS.`,
    '',
    '| case | create-endpoint | baseline | ratio | budget | peak RSS | pass |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  const timed = Object.entries(cs).filter(([, r]) => r.kind !== 'throughput');
  for (const [id, r] of timed) {
    const ours = r.contenders['create-endpoint'];
    const base = r.contenders[r.budget.baseline];
    const budget = [`≤ ${r.budget.ratio}×`];
    if (r.budget.perResourceMs) budget.push(`≤ ${r.budget.perResourceMs} ms/resource (${r.perResourceMs})`);
    if (r.budget.peakMB) budget.push(`≤ ${r.budget.peakMB} MB`);
    lines.push(`| (${id}) ${r.title} | ${range(ours)} | ${r.budget.baseline}: ${range(base)} | ${r.ratio}× | ${budget.join(', ')} | ${ours.peakMB} MB | ${r.pass ? 'pass' : '**fail**'} |`);
  }
  if (cs.g) {
    const r = cs.g;
    const rate = (s) => `${s.medianRps.toFixed(0)} req/s (${s.minRps.toFixed(0)}–${s.maxRps.toFixed(0)}), p99 ${s.medianP99Ms} ms (${s.minP99Ms}–${s.maxP99Ms}), server CPU ${s.medianServerCpuUs} µs/req`;
    for (const [name, e] of Object.entries(r.endpoints)) {
      const pass = r.checks.filter((k) => k.what.startsWith(`${name}:`)).every((k) => k.pass);
      lines.push(`| (g) ${r.title}: ${name} | ${rate(e.contenders.generated)} | hand-written: ${rate(e.contenders['hand-written'])} | ${e.rpsRatio}× req/s, ${e.p99Ratio}× p99 | ≥ ${r.budget.rpsRatio}× req/s, ≤ ${r.budget.p99Ratio}× p99 | | ${pass ? 'pass' : '**fail**'} |`);
    }
  }
  if (timed.length > 0) lines.push('', '| case | contender | median | min | max | peak RSS | create-endpoint ÷ contender |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const [id, r] of timed) {
    const ours = r.contenders['create-endpoint'];
    for (const [name, s] of Object.entries(r.contenders)) {
      const ratio = name === 'create-endpoint' ? '' : `${round(ours.medianMs / s.medianMs, 2)}×`;
      lines.push(`| (${id}) | ${name} | ${s.medianMs.toFixed(0)} ms | ${s.minMs.toFixed(0)} ms | ${s.maxMs.toFixed(0)} ms | ${s.peakMB} MB | ${ratio} |`);
    }
  }
  if (cs.g) {
    const g = cs.g.setup;
    lines.push(
      '',
      `(g): ${g.app}, PostgreSQL ${g.postgres}, ${g.rows} rows seeded; ${g.warmup} warm-up round of ${g.warmupS} s and ${g.rounds} rounds of ${g.durationS} s per side and endpoint, ${g.connections} connections; req/s and p99 as median (min–max) over the rounds, server CPU as the median of the rounds; each ratio is the median of the rounds' generated ÷ hand-written ratios (the two runs of a round are back to back).`,
    );
  }
  return lines.join('\n');
}

function fail(message) {
  throw new BenchError(message);
}

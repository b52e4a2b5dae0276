// Writes what the built CLI generates into every fixture app (the test apps
// and the scaffolds, as their sources are checked in, without an install):
// every template and option, nested resources, --lang js, zod and valibot,
// and `add` into routes of each shape the templates have. A refactoring that
// must not change behaviour is checked by running this before and after and
// comparing the two trees:
//
//   npm run build && node scripts/golden.mjs /tmp/before
//   ... change the code ...
//   npm run build && node scripts/golden.mjs /tmp/after && diff -r /tmp/before /tmp/after
//
// The output folder gets one folder per fixture and variant holding the files
// the runs wrote or changed, plus `runs.txt`: each command's exit code and
// output, so a changed message shows up as well as a changed file.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allFixtureNames, fixtureDir } from '../test/e2e/harness/fixtures.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'bin', 'create-endpoint.js');
const out = process.argv[2];
if (!out) throw new Error('usage: node scripts/golden.mjs <output folder>');

/** Folders a fixture's sources never include (an install or a build of them). */
const SKIP = new Set(['node_modules', '.next', '.svelte-kit', 'build', 'dist']);

const runs = [
  ['todos', '--fields', 'title:string,done:boolean,priority?:number,due?:date'],
  ['orgs/[orgId]/members', '--fields', 'name:string,joined?:date', '--param', 'memberId'],
  ['notes', '--methods', 'GET,POST', '--fields', 'body:string'],
  ['hooks/standard', '-t', 'webhook'],
  ['hooks/stripe', '-t', 'webhook', '--provider', 'stripe'],
  ['hooks/github', '-t', 'webhook', '--provider', 'github'],
  ['public/prices', '-t', 'cors', '--origins', 'https://a.example,https://b.example', '--methods', 'GET,POST,PUT,PATCH,DELETE'],
  ['public/open', '-t', 'cors', '--origins', '*', '--methods', 'GET'],
  ['files', '-t', 'download', '--dir', 'downloads'],
  ['ticks', '-t', 'stream'],
  ['events', '-t', 'stream', '--sse'],
];

/** `add` into the user's route (written before the runs, with a GET only) and into a generated one. */
const addRuns = [
  ['add', '/api/plain', 'POST', 'DELETE'],
  ['add', '/api/plain', 'OPTIONS', '-t', 'cors', '--origins', 'https://a.example'],
  ['add', '/api/todos/[id]', 'HEAD'],
];

function userRoute(dir, kit, typescript) {
  const ext = typescript ? 'ts' : 'js';
  if (kit) {
    mkdirSync(join(dir, 'src/routes/api/plain'), { recursive: true });
    const typed = typescript ? "import type { RequestHandler } from './$types';\n\nexport const GET: RequestHandler = async () => {\n  return new Response('plain');\n};\n" : "export async function GET() {\n  return new Response('plain');\n}\n";
    writeFileSync(join(dir, `src/routes/api/plain/+server.${ext}`), typed);
  } else {
    const app = statSync(join(dir, 'src'), { throwIfNoEntry: false })?.isDirectory() ? 'src/app' : 'app';
    mkdirSync(join(dir, app, 'api/plain'), { recursive: true });
    writeFileSync(join(dir, app, `api/plain/route.${ext}`), "export async function GET() {\n  return Response.json({ plain: true });\n}\n");
  }
}

function listFiles(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      if (SKIP.has(name)) continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(dir, path));
    }
  };
  walk(dir);
  return files;
}

/** The fixture as it is; the two with Vitest also with zod, with valibot and in JavaScript. */
function variants(name) {
  const list = [{ label: name, edit: null }];
  if (name === 'next16' || name === 'sveltekit3') {
    list.push({ label: `${name}-zod`, edit: (p) => ({ ...p, dependencies: { ...p.dependencies, zod: '4.1.12' } }) });
    list.push({ label: `${name}-valibot`, edit: (p) => ({ ...p, dependencies: { ...p.dependencies, valibot: '1.1.0' } }) });
    list.push({ label: `${name}-js`, edit: null, lang: 'js' });
  }
  return list;
}

mkdirSync(out, { recursive: true });
for (const name of allFixtureNames) {
  const source = fixtureDir(name);
  const pkg = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
  for (const variant of variants(name)) {
    const dir = mkdtempSync(join(tmpdir(), `golden-${variant.label}-`));
    cpSync(source, dir, { recursive: true, filter: (path) => !SKIP.has(path.split('/').pop()) });
    if (variant.edit) writeFileSync(join(dir, 'package.json'), JSON.stringify(variant.edit(pkg), null, 2) + '\n');
    const kit = Boolean(pkg.devDependencies?.['@sveltejs/kit'] ?? pkg.dependencies?.['@sveltejs/kit']);
    const typescript = variant.lang !== 'js' && listFiles(dir).some((f) => f === 'tsconfig.json');
    const before = new Map(listFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    userRoute(dir, kit, typescript);
    const log = [];
    const lang = variant.lang ? ['--lang', variant.lang] : [];
    for (const args of [...runs.map((r) => [...r, ...lang]), ...addRuns]) {
      const result = spawnSync(process.execPath, [cli, ...args, '--yes'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
      log.push(`$ create-endpoint ${args.join(' ')}\nexit ${result.status}\n${result.stdout}${result.stderr}`.replaceAll(dir, '<project>'));
    }
    const target = join(out, variant.label);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'runs.txt'), log.join('\n'));
    for (const file of listFiles(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      if (before.get(file) === text) continue;
      mkdirSync(join(target, file, '..'), { recursive: true });
      writeFileSync(join(target, file), text);
    }
    rmSync(dir, { recursive: true, force: true });
    console.log(`${variant.label}: ${listFiles(target).length - 1} files`);
  }
}

// Installing the fixture apps of test/fixtures/apps (minimal apps made for the
// tests) and test/fixtures/scaffolds (apps exactly as create-next-app and sv
// write them) into a shared cache.
//
// Plain ESM with Node built-ins only, so that scripts/install-fixtures.mjs can
// import it without a build step; the TypeScript harness imports it through
// fixtures.d.mts.
//
// Cache layout:
//   ${CREATE_ENDPOINT_FIXTURE_CACHE ?? ~/.cache/create-endpoint/fixtures}/
//     <name>-<key>/              one finished install (never half-written)
//       package.json, package-lock.json   the fixture's, as installed
//       node_modules/                     result of `npm ci`
//       .fixture-install.json             marker: written last, before the rename
//     <name>-<key>.lock/         held while a process installs that key
//     .tmp-<name>-<key>-<pid>-<random>/  an install in progress (renamed into place)
//     apps/                      working copies, only when the OS temp dir is on
//                                another file system than the cache (hard links)
// <key> = first 12 hex digits of sha256(package.json + "\0" + package-lock.json).

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @type {readonly ['next14', 'next15', 'next16', 'sveltekit2', 'sveltekit3']} */
export const fixtureNames = Object.freeze(['next14', 'next15', 'next16', 'sveltekit2', 'sveltekit3']);

/** Facts the harness needs about each fixture. */
export const fixtureInfo = Object.freeze({
  next14: Object.freeze({ framework: 'next', major: 14, appDir: 'app', hasVitest: false, validator: null }),
  next15: Object.freeze({ framework: 'next', major: 15, appDir: 'app', hasVitest: false, validator: 'zod' }),
  next16: Object.freeze({ framework: 'next', major: 16, appDir: 'src/app', hasVitest: true, validator: null }),
  sveltekit2: Object.freeze({ framework: 'sveltekit', major: 2, appDir: 'src/routes', hasVitest: false, validator: 'valibot' }),
  sveltekit3: Object.freeze({ framework: 'sveltekit', major: 3, appDir: 'src/routes', hasVitest: true, validator: null }),
});

/** Absolute path of test/fixtures/apps in this repository. */
export const fixturesRoot = fileURLToPath(new URL('../../fixtures/apps/', import.meta.url)).replace(/\/$/, '');

/**
 * The scaffolder-made apps of test/fixtures/scaffolds (see its README): what
 * users start from, byte for byte, with the few edits the README lists.
 * @type {readonly ['cna-ts', 'cna-js', 'next-auto-tsconfig', 'sv-ts', 'sv-jsdoc', 'sv-kit3']}
 */
export const scaffoldNames = Object.freeze(['cna-ts', 'cna-js', 'next-auto-tsconfig', 'sv-ts', 'sv-jsdoc', 'sv-kit3']);

/** Facts the harness needs about each scaffold app (the fields of fixtureInfo, plus a few). */
export const scaffoldInfo = Object.freeze({
  'cna-ts': Object.freeze({ framework: 'next', major: 16, appDir: 'src/app', hasVitest: false, validator: null, language: 'ts', hasPrettier: false }),
  'cna-js': Object.freeze({ framework: 'next', major: 16, appDir: 'src/app', hasVitest: false, validator: null, language: 'js', hasPrettier: false }),
  'next-auto-tsconfig': Object.freeze({ framework: 'next', major: 16, appDir: 'src/app', hasVitest: false, validator: null, language: 'ts', hasPrettier: false }),
  'sv-ts': Object.freeze({ framework: 'sveltekit', major: 2, appDir: 'src/routes', hasVitest: true, validator: null, language: 'ts', hasPrettier: true }),
  'sv-jsdoc': Object.freeze({ framework: 'sveltekit', major: 2, appDir: 'src/routes', hasVitest: false, validator: null, language: 'js', hasPrettier: true }),
  'sv-kit3': Object.freeze({ framework: 'sveltekit', major: 3, appDir: 'src/routes', hasVitest: true, validator: null, language: 'ts', hasPrettier: true }),
});

/** Absolute path of test/fixtures/scaffolds in this repository. */
export const scaffoldsRoot = fileURLToPath(new URL('../../fixtures/scaffolds/', import.meta.url)).replace(/\/$/, '');

/**
 * Scaffolder-made apps with a database (test/fixtures/scaffolds too, see its
 * README): Drizzle as `sv add drizzle` sets it up (SQLite through libsql), and a
 * create-next-app app with Drizzle on PostgreSQL (postgres.js).
 * @type {readonly ['sv-drizzle', 'next16-drizzle']}
 */
export const databaseAppNames = Object.freeze(['sv-drizzle', 'next16-drizzle']);

/** The fields of scaffoldInfo, plus where the app keeps its database code. */
export const databaseAppInfo = Object.freeze({
  'sv-drizzle': Object.freeze({
    framework: 'sveltekit', major: 2, appDir: 'src/routes', hasVitest: true, validator: null, language: 'ts', hasPrettier: true,
    dialect: 'sqlite', driver: 'libsql', schemaFile: 'src/lib/server/db/schema.ts', dbModule: 'src/lib/server/db/index.ts',
  }),
  'next16-drizzle': Object.freeze({
    framework: 'next', major: 16, appDir: 'src/app', hasVitest: false, validator: null, language: 'ts', hasPrettier: false,
    dialect: 'postgresql', driver: 'postgres-js', schemaFile: 'src/db/schema.ts', dbModule: 'src/db/index.ts',
  }),
});

/**
 * Scaffolder-made apps with Prisma (test/fixtures/scaffolds too, see its
 * README): create-next-app 16 with Prisma 7 as `prisma init` sets it up, on
 * PostgreSQL through `@prisma/adapter-pg`.
 * @type {readonly ['next16-prisma']}
 */
export const prismaAppNames = Object.freeze(['next16-prisma']);

/** The fields of scaffoldInfo, plus where the app keeps its Prisma schema and client. */
export const prismaAppInfo = Object.freeze({
  'next16-prisma': Object.freeze({
    framework: 'next', major: 16, appDir: 'src/app', hasVitest: false, validator: null, language: 'ts', hasPrettier: false,
    schemaFile: 'prisma/schema.prisma', clientModule: 'src/lib/prisma.ts',
  }),
});

/**
 * Scaffolder-made apps with an auth library (test/fixtures/scaffolds too, see its
 * README), for `--auth` (test/e2e/auth.test.ts). The better-auth apps are served:
 * their users sign up through better-auth's own endpoints into a libsql file, so
 * they carry the database facts of databaseAppInfo. The others are type-checked
 * and their handlers unit-tested with the library's session function mocked.
 * @type {readonly ['sv-better-auth', 'next16-better-auth', 'next16-auth-libs', 'sv-authjs']}
 */
export const authAppNames = Object.freeze(['sv-better-auth', 'next16-better-auth', 'next16-auth-libs', 'sv-authjs']);

/** The better-auth apps among authAppNames: served, with a database. */
export const betterAuthAppNames = Object.freeze(/** @type {const} */ (['sv-better-auth', 'next16-better-auth']));

/** The fields of scaffoldInfo, the auth libraries the app is wired for, and (served apps) its database. */
export const authAppInfo = Object.freeze({
  'sv-better-auth': Object.freeze({
    framework: 'sveltekit', major: 2, appDir: 'src/routes', hasVitest: false, validator: null, language: 'ts', hasPrettier: true,
    providers: Object.freeze(['better-auth']),
    dialect: 'sqlite', driver: 'libsql', schemaFile: 'src/lib/server/db/schema.ts', dbModule: 'src/lib/server/db/index.ts',
  }),
  'next16-better-auth': Object.freeze({
    framework: 'next', major: 16, appDir: 'src/app', hasVitest: false, validator: null, language: 'ts', hasPrettier: false,
    providers: Object.freeze(['better-auth']),
    dialect: 'sqlite', driver: 'libsql', schemaFile: 'src/db/schema.ts', dbModule: 'src/db/index.ts',
  }),
  'next16-auth-libs': Object.freeze({
    framework: 'next', major: 16, appDir: 'src/app', hasVitest: true, validator: null, language: 'ts', hasPrettier: false,
    providers: Object.freeze(['authjs', 'clerk', 'supabase']),
  }),
  'sv-authjs': Object.freeze({
    framework: 'sveltekit', major: 2, appDir: 'src/routes', hasVitest: true, validator: null, language: 'ts', hasPrettier: true,
    providers: Object.freeze(['authjs']),
  }),
});

/** Every installable fixture: the five test apps, the scaffold apps, the database apps, the Prisma apps, then the auth apps. */
export const allFixtureNames = Object.freeze([...fixtureNames, ...scaffoldNames, ...databaseAppNames, ...prismaAppNames, ...authAppNames]);

const MARKER = '.fixture-install.json';
const INSTALL_TIMEOUT_MS = 20 * 60_000;
const STALE_LOCK_MS = 30 * 60_000;

/** @param {string} name */
function assertFixtureName(name) {
  if (!allFixtureNames.includes(/** @type {any} */ (name))) {
    throw new Error(`Unknown fixture "${name}" (known: ${allFixtureNames.join(', ')})`);
  }
}

/** The cache root: $CREATE_ENDPOINT_FIXTURE_CACHE or ~/.cache/create-endpoint/fixtures. */
export function fixtureCacheRoot() {
  const fromEnv = process.env.CREATE_ENDPOINT_FIXTURE_CACHE;
  return fromEnv && fromEnv.length > 0 ? fromEnv : join(homedir(), '.cache', 'create-endpoint', 'fixtures');
}

/** @param {string} name */
export function fixtureDir(name) {
  assertFixtureName(name);
  return join(fixtureNames.includes(/** @type {any} */ (name)) ? fixturesRoot : scaffoldsRoot, name);
}

/**
 * Short sha256 of the fixture's package.json and package-lock.json.
 * @param {string} name
 */
export async function fixtureKey(name) {
  const dir = fixtureDir(name);
  return hashManifests(await fs.readFile(join(dir, 'package.json')), await fs.readFile(join(dir, 'package-lock.json')));
}

/**
 * @param {Buffer} packageJson
 * @param {Buffer} packageLock
 */
function hashManifests(packageJson, packageLock) {
  return createHash('sha256').update(packageJson).update('\0').update(packageLock).digest('hex').slice(0, 12);
}

/**
 * Where the install of this fixture lives (whether or not it exists yet).
 * @param {string} name
 */
export async function fixtureCacheDir(name) {
  return join(fixtureCacheRoot(), `${name}-${await fixtureKey(name)}`);
}

/**
 * The environment for child processes: the caller's, minus what a surrounding
 * vitest or npm run puts there that would change how the fixture's tools behave
 * (NODE_ENV=test makes `next build` misbehave, VITEST makes a nested vitest
 * think it is a worker, and so on).
 * @param {Record<string, string | undefined>} [extra]
 * @returns {Record<string, string>}
 */
export function cleanEnv(extra = {}) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (
      key === 'NODE_ENV' ||
      key === 'VITEST' ||
      key.startsWith('VITEST_') ||
      key.startsWith('__VITEST') ||
      key === 'TEST' ||
      key === 'MODE' ||
      key === 'DEV' ||
      key === 'PROD' ||
      key === 'SSR' ||
      key === 'BASE_URL' ||
      key === 'FORCE_COLOR' ||
      key === 'INIT_CWD' ||
      key.startsWith('npm_lifecycle_') ||
      key.startsWith('npm_package_')
    ) {
      continue;
    }
    env[key] = value;
  }
  env.NO_COLOR = '1';
  env.NEXT_TELEMETRY_DISABLED = '1';
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<{ code: number | null; output: string }>}
 */
function runQuiet(cmd, args, cwd) {
  return new Promise((resolve) => {
    // Not detached: a Ctrl-C in the terminal reaches npm too.
    const child = spawn(cmd, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[harness] ${cmd} timed out after ${INSTALL_TIMEOUT_MS} ms`;
      child.kill('SIGKILL');
    }, INSTALL_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: 127, output: output + String(err) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** @param {number} pid */
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
  try {
    // A killed process its parent has not reaped yet (a zombie) still answers signal 0.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the per-key lock dir; returns false when a live process holds it.
 * A lock left by a dead process (or older than 30 min) is broken.
 * @param {string} lockDir
 */
async function tryLock(lockDir) {
  try {
    await fs.mkdir(lockDir);
    await fs.writeFile(join(lockDir, 'owner'), `${process.pid}\n`);
    return true;
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
  }
  let stale = false;
  try {
    const st = await fs.stat(lockDir);
    const owner = Number.parseInt(await fs.readFile(join(lockDir, 'owner'), 'utf8').catch(() => ''), 10);
    if (Date.now() - st.mtimeMs > STALE_LOCK_MS) stale = true;
    else if (Number.isInteger(owner) && owner > 0 && !pidAlive(owner)) stale = true;
    else if (!Number.isInteger(owner) && Date.now() - st.mtimeMs > 10_000) stale = true; // never got its owner file
  } catch {
    return false; // vanished meanwhile: the caller loops and tries again
  }
  if (stale) {
    // Rename first so that two processes cannot both break the same lock and then both take it.
    const grave = `${lockDir}.stale-${process.pid}-${randomBytes(3).toString('hex')}`;
    try {
      await fs.rename(lockDir, grave);
      await fs.rm(grave, { recursive: true, force: true });
    } catch {
      /* someone else broke it */
    }
  }
  return false;
}

/** @param {string} dir */
async function isComplete(dir) {
  return existsSync(join(dir, MARKER)) && existsSync(join(dir, 'node_modules'));
}

/**
 * Removes .tmp-… dirs left behind by killed installs (their pid is dead).
 * @param {string} root
 */
async function sweepTemps(root) {
  let entries = [];
  try {
    entries = await fs.readdir(root);
  } catch {
    return;
  }
  for (const entry of entries) {
    const m = /^\.tmp-.+-[0-9a-f]{12}-(\d+)-[0-9a-f]+$/.exec(entry);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && !pidAlive(pid)) {
      await fs.rm(join(root, entry), { recursive: true, force: true }).catch(() => {});
    }
  }
}

/**
 * @param {string} name
 * @param {string} key
 * @param {string} finalDir
 * @param {(line: string) => void} log
 */
async function installInto(name, key, finalDir, log) {
  const root = dirname(finalDir);
  const tmp = join(root, `.tmp-${name}-${key}-${process.pid}-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(tmp, { recursive: true });
  try {
    const src = fixtureDir(name);
    for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
      if (existsSync(join(src, file))) await fs.copyFile(join(src, file), join(tmp, file));
    }
    if (hashManifests(await fs.readFile(join(tmp, 'package.json')), await fs.readFile(join(tmp, 'package-lock.json'))) !== key) {
      throw new Error(`Fixture ${name} changed while it was being installed; try again`);
    }
    const started = Date.now();
    log(`[fixtures] ${name}: npm ci into ${tmp}`);
    const args = ['ci', '--no-audit', '--no-fund'];
    // A fixture that brings its own Node (the `node` package, for SvelteKit 3 on a
    // machine with Node 20) is installed by npm running on the machine's Node; an
    // `engine-strict=true` in its .npmrc (sv writes one) would refuse the packages
    // that need the newer Node it is installing. Everything else runs on that Node.
    const manifest = JSON.parse(await fs.readFile(join(tmp, 'package.json'), 'utf8'));
    if (manifest.devDependencies?.node || manifest.dependencies?.node) args.push('--engine-strict=false');
    const res = await runQuiet('npm', args, tmp);
    if (res.code !== 0) {
      // npm appends its whole usage text to EUSAGE errors: keep the lines that say what is wrong.
      const output = res.output.replace(/npm error Clean install a project[\s\S]*?npm error Run "npm help ci"[^\n]*\n/, '');
      throw new Error(`npm ci for fixture ${name} failed (exit ${res.code}):\n${output}`);
    }
    const durationMs = Date.now() - started;
    await fs.writeFile(
      join(tmp, MARKER),
      JSON.stringify({ name, key, durationMs, node: process.version, installedAt: new Date().toISOString() }, null, 2) +
        '\n',
    );
    try {
      await fs.rename(tmp, finalDir);
    } catch (err) {
      const code = /** @type {NodeJS.ErrnoException} */ (err).code;
      if ((code === 'ENOTEMPTY' || code === 'EEXIST') && (await isComplete(finalDir))) {
        log(`[fixtures] ${name}: another process finished first; using its install`);
        await fs.rm(tmp, { recursive: true, force: true });
        return { durationMs: 0 };
      }
      throw err;
    }
    return { durationMs };
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true }).catch(() => {});
    throw err;
  }
}

/** @type {Map<string, Promise<string>>} */
const inFlight = new Map();

/**
 * Installs the fixture into the cache once (npm ci in a temp sibling, renamed
 * into place) and returns the cache dir `<root>/<name>-<key>`. Concurrent calls
 * in one process share one promise; other processes wait on the lock dir, and
 * if two installs do run, the first rename wins and the other is discarded.
 * @param {string} name
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string>}
 */
export function ensureFixtureInstalled(name, options = {}) {
  const log = options.log ?? (() => {});
  const pending = inFlight.get(name);
  if (pending) return pending;
  const promise = (async () => {
    const key = await fixtureKey(name);
    const finalDir = join(fixtureCacheRoot(), `${name}-${key}`);
    if (await isComplete(finalDir)) return finalDir;
    const root = dirname(finalDir);
    await fs.mkdir(root, { recursive: true });
    const lockDir = `${finalDir}.lock`;
    const waitStarted = Date.now();
    let announced = false;
    for (;;) {
      if (await isComplete(finalDir)) return finalDir;
      if (await tryLock(lockDir)) break;
      if (!announced) {
        log(`[fixtures] ${name}: waiting for another process installing ${finalDir}`);
        announced = true;
      }
      if (Date.now() - waitStarted > INSTALL_TIMEOUT_MS + 60_000) {
        throw new Error(`Timed out waiting for the lock ${lockDir}`);
      }
      await sleep(500);
    }
    try {
      if (await isComplete(finalDir)) return finalDir;
      await sweepTemps(root);
      if (existsSync(finalDir)) {
        // A dir without the marker cannot come from installInto (the marker is written
        // before the rename); it was made by hand or damaged. Replace it.
        await fs.rm(finalDir, { recursive: true, force: true });
      }
      await installInto(name, key, finalDir, log);
      return finalDir;
    } finally {
      await fs.rm(lockDir, { recursive: true, force: true }).catch(() => {});
    }
  })();
  inFlight.set(name, promise);
  promise.catch(() => inFlight.delete(name));
  return promise;
}

// Real-app harness for the end-to-end tests: throwaway working copies of the
// fixture apps in test/fixtures/apps and of the scaffolder-made apps in
// test/fixtures/scaffolds, with node_modules from the fixture cache,
// and helpers to typecheck, build, test and serve them.
//
//   const app = await createApp('next16');
//   await app.writeFile('src/app/api/ping/route.ts', '…');
//   expect((await app.typecheck()).code).toBe(0);
//   expect((await app.build()).code).toBe(0);
//   const server = await app.start();
//   const res = await server.fetch('/api/ping', { method: 'POST', … });
//   await server.stop();
//   await app.remove();
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  allFixtureNames,
  authAppInfo,
  cleanEnv,
  databaseAppInfo,
  ensureFixtureInstalled,
  fixtureCacheRoot,
  fixtureDir,
  fixtureInfo,
  prismaAppInfo,
  scaffoldInfo,
  type AnyFixtureName,
  type AuthAppName,
  type DatabaseAppName,
  type FixtureInfo,
  type FixtureName,
  type PrismaAppName,
  type ScaffoldName,
} from './fixtures.mjs';

export {
  cleanEnv,
  ensureFixtureInstalled,
  fixtureCacheDir,
  fixtureCacheRoot,
  fixtureDir,
  fixtureInfo,
  fixtureKey,
  fixtureNames,
  fixturesRoot,
  allFixtureNames,
  authAppInfo,
  authAppNames,
  betterAuthAppNames,
  databaseAppInfo,
  databaseAppNames,
  prismaAppInfo,
  prismaAppNames,
  scaffoldInfo,
  scaffoldNames,
  scaffoldsRoot,
  type AnyFixtureName,
  type AuthAppInfo,
  type AuthAppName,
  type AuthProvider,
  type BetterAuthAppInfo,
  type BetterAuthAppName,
  type DatabaseAppInfo,
  type DatabaseAppName,
  type FixtureInfo,
  type FixtureName,
  type PrismaAppInfo,
  type PrismaAppName,
  type ScaffoldInfo,
  type ScaffoldName,
} from './fixtures.mjs';

export interface RunOptions {
  /** Extra environment variables (an undefined value removes one). */
  env?: Record<string, string | undefined>;
  /** Kill the whole process group after this long. Default 5 minutes. */
  timeoutMs?: number;
  /** Text written to the command's stdin (stdin is closed either way). */
  input?: string;
  /** Working directory, relative to the app (or absolute). Default: the app dir. */
  cwd?: string;
}

export interface RunResult {
  /** Exit code; null when the command was killed by a signal (see `timedOut`). */
  code: number | null;
  stdout: string;
  stderr: string;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** The port to listen on (default: a free one); for an app that must be told its own URL. */
  port?: number;
  /** How long to wait for the first HTTP answer. Default 90 s. */
  timeoutMs?: number;
}

export interface Server {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /**
   * The origin the server considers its own: equal to `url`. SvelteKit's CSRF
   * check rejects POST/PUT/PATCH/DELETE that have no Content-Type or a form one
   * (x-www-form-urlencoded, multipart/form-data, text/plain) unless the request
   * carries `Origin: <origin>`; JSON and other types pass without it.
   */
  origin: string;
  port: number;
  pid: number;
  /**
   * fetch() relative to `url`. For SvelteKit apps it adds `Origin: <origin>` to
   * POST/PUT/PATCH/DELETE that do not set an Origin themselves, as a browser
   * would for a same-origin request. Pass `origin` explicitly to test
   * cross-origin behaviour, or use the global fetch for a bare request.
   */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Everything the server printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Stops the server: SIGTERM to its process group, SIGKILL after 5 s. Idempotent. */
  stop(): Promise<void>;
}

export interface App {
  name: AnyFixtureName;
  /** Absolute path of the working copy (a fresh temp dir). */
  dir: string;
  info: FixtureInfo;
  framework: FixtureInfo['framework'];
  /** Absolute path inside the app. */
  path(...segments: string[]): string;
  writeFile(relPath: string, content: string): Promise<void>;
  readFile(relPath: string): Promise<string>;
  /**
   * Runs a command in the app with its node_modules/.bin first on PATH (so
   * `node` is Node 24 in sveltekit3, and next / vite / tsc / vitest are the
   * app's own). Never throws on a non-zero exit or a missing command (code 127).
   */
  run(cmd: string, args: string[], opts?: RunOptions): Promise<RunResult>;
  /** Runs a package.json script through `sh -c`, as npm would, without npm. */
  script(name: string, opts?: RunOptions): Promise<RunResult>;
  /** The `typecheck` script: `next typegen && tsc --noEmit`, `svelte-kit sync && tsc --noEmit`, … */
  typecheck(opts?: RunOptions): Promise<RunResult>;
  /** The `build` script: `next build` or `vite build`. */
  build(opts?: RunOptions): Promise<RunResult>;
  /** `vitest run [...args]` (fixtures with vitest: next16, sveltekit3). */
  test(args?: string[], opts?: RunOptions): Promise<RunResult>;
  /** Production server on 127.0.0.1 and a free port; call build() first. */
  start(opts?: StartOptions): Promise<Server>;
  /** Stops its servers and running commands, then deletes the working copy. */
  remove(): Promise<void>;
}

const harnessDir = dirname(fileURLToPath(import.meta.url));
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** What tools generate inside node_modules per project: svelte-kit sync (kit 3), vite, caches. */
const PER_PROJECT = ['$app', '.vite', '.vite-temp', '.cache', '.svelte-kit'];

/** Fixture files never copied into a working copy (install and build output). */
const SKIP = new Set(['node_modules', '.next', '.svelte-kit', 'build', 'dist', 'next-env.d.ts', '.turbo']);

// Process groups still alive, killed when this process exits however it exits.
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function track(pid: number): void {
  liveGroups.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    const killAll = (): void => {
      for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
      liveGroups.clear();
    };
    process.on('exit', killAll);
    // Servers run in their own process groups, so a signal that ends this process
    // does not reach them: take them along, then let the signal do what it would have.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        killAll();
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    }
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

function appEnv(dir: string, extra?: Record<string, string | undefined>): Record<string, string> {
  const env = cleanEnv(extra);
  env.PATH = `${join(dir, 'node_modules', '.bin')}${delimiter}${env.PATH ?? ''}`;
  return env;
}

interface Spawned {
  pid: number;
  done: Promise<RunResult>;
}

function spawnInGroup(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
  input: string | undefined,
  onOutput?: (chunk: string) => void,
): Spawned {
  const started = Date.now();
  const child = spawn(cmd, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const pid = child.pid ?? -1;
  if (pid > 0) track(pid);
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    stdout += d;
    onOutput?.(d);
  });
  child.stderr.on('data', (d: string) => {
    stderr += d;
    onOutput?.(d);
  });
  child.stdin.on('error', () => {});
  child.stdin.end(input ?? '');
  const done = new Promise<RunResult>((resolve) => {
    let settled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stderr += `\n[harness] ${cmd} ${args.join(' ')} timed out after ${timeoutMs} ms; killed its process group`;
      if (pid > 0) killGroup(pid, 'SIGKILL');
    }, timeoutMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (pid > 0) {
        // Leftover children of the command (workers, servers) go with it.
        killGroup(pid, 'SIGKILL');
        liveGroups.delete(pid);
      }
      resolve({ code, stdout, stderr, signal, timedOut, durationMs: Date.now() - started });
    };
    child.on('error', (err) => {
      stderr += String(err);
      finish(127, null);
    });
    child.on('close', (code, signal) => finish(code, signal));
    // A grandchild holding the pipes open must not keep us waiting for 'close'.
    child.on('exit', (code, signal) => {
      setTimeout(() => finish(code, signal), 2000).unref();
    });
  });
  return { pid, done };
}

/** A free TCP port on 127.0.0.1 (the OS picks it; closed again before it is returned). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A folder for working copies on the cache's file system, so node_modules can be hard-linked. */
async function appsBase(cacheRoot: string): Promise<string> {
  const fromEnv = process.env.CREATE_ENDPOINT_APP_TMP;
  const base = fromEnv && fromEnv.length > 0 ? fromEnv : tmpdir();
  await fs.mkdir(base, { recursive: true });
  await fs.mkdir(cacheRoot, { recursive: true });
  const [a, b] = await Promise.all([fs.stat(base), fs.stat(cacheRoot)]);
  if (a.dev === b.dev) return fs.realpath(base);
  const inCache = join(cacheRoot, 'apps');
  await fs.mkdir(inCache, { recursive: true });
  return fs.realpath(inCache);
}

/**
 * node_modules for a working copy: a tree of hard links to the cached install
 * (`cp -al`, ~0.2 s for next's 12k files). Not a symlink: Turbopack refuses a
 * node_modules that resolves outside the project root ("Could not find the
 * Next.js package"), and SvelteKit 3's `svelte-kit sync` writes per-project
 * files into node_modules/$app, which must not be shared. Hard links share
 * inodes with the cache, so nothing may rewrite an installed file in place: the
 * builds and checks of all five fixtures were verified to leave the cache
 * untouched (they only create new files, which land in the copy's own
 * directories); per-project output inside node_modules is dropped from the copy.
 * Falls back to a real copy when hard links are impossible.
 */
async function provideNodeModules(from: string, to: string): Promise<void> {
  const res = await spawnInGroup('cp', ['-al', from, to], dirname(to), cleanEnv(), 120_000, undefined).done;
  if (res.code !== 0) {
    await fs.rm(to, { recursive: true, force: true });
    await fs.cp(from, to, { recursive: true, verbatimSymlinks: true });
  }
  // Per-project files tools write into node_modules, rewritten in place on the next
  // run: never share them with the cache (they are only there if someone ran a tool
  // in the cache dir itself), let each copy make its own.
  await Promise.all(PER_PROJECT.map((entry) => fs.rm(join(to, entry), { recursive: true, force: true })));
}

/**
 * Creates a fresh working copy of the fixture (installing it into the cache first
 * if needed): one of test/fixtures/apps or of test/fixtures/scaffolds.
 */
export async function createApp(name: AnyFixtureName): Promise<App> {
  if (!allFixtureNames.includes(name)) throw new Error(`Unknown fixture "${name}"`);
  const info: FixtureInfo =
    name in fixtureInfo
      ? fixtureInfo[name as FixtureName]
      : name in scaffoldInfo
        ? scaffoldInfo[name as ScaffoldName]
        : name in databaseAppInfo
          ? databaseAppInfo[name as DatabaseAppName]
          : name in prismaAppInfo
            ? prismaAppInfo[name as PrismaAppName]
            : authAppInfo[name as AuthAppName];
  const cacheDir = await ensureFixtureInstalled(name);
  const base = await appsBase(fixtureCacheRoot());
  const dir = await fs.mkdtemp(join(base, `create-endpoint-${name}-`));
  await fs.cp(fixtureDir(name), dir, {
    recursive: true,
    filter: (src) => {
      const b = basename(src);
      return !SKIP.has(b) && !b.endsWith('.tsbuildinfo');
    },
  });
  await provideNodeModules(join(cacheDir, 'node_modules'), join(dir, 'node_modules'));

  const pkg = JSON.parse(await fs.readFile(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const running = new Set<number>();
  const servers = new Set<Server>();

  const run = async (cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> => {
    const cwd = opts.cwd === undefined ? dir : isAbsolute(opts.cwd) ? opts.cwd : join(dir, opts.cwd);
    const spawned = spawnInGroup(cmd, args, cwd, appEnv(dir, opts.env), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, opts.input);
    running.add(spawned.pid);
    try {
      return await spawned.done;
    } finally {
      running.delete(spawned.pid);
    }
  };

  const script = (scriptName: string, opts?: RunOptions): Promise<RunResult> => {
    const body = pkg.scripts?.[scriptName];
    if (body === undefined) {
      return Promise.resolve({
        code: 127,
        stdout: '',
        stderr: `[harness] fixture ${name} has no "${scriptName}" script`,
        signal: null,
        timedOut: false,
        durationMs: 0,
      });
    }
    return run('sh', ['-c', body], opts);
  };

  const startOnce = async (opts: StartOptions): Promise<Server | 'port-in-use'> => {
    const port = opts.port ?? (await freePort());
    const url = `http://127.0.0.1:${port}`;
    let cmd: string;
    let args: string[];
    const env: Record<string, string | undefined> = { PORT: String(port), HOST: '127.0.0.1' };
    if (info.framework === 'next') {
      cmd = 'next';
      args = ['start', '-p', String(port), '-H', '127.0.0.1'];
    } else if (info.major >= 3) {
      // See sveltekit3-server.mjs: adapter-node 6 + PROTOCOL_HEADER behind a front that says http.
      cmd = 'node';
      args = [join(harnessDir, 'sveltekit3-server.mjs')];
    } else {
      // adapter-node 5 takes the origin from ORIGIN at run time.
      cmd = 'node';
      args = ['build'];
      env.ORIGIN = url;
    }
    let output = '';
    const spawned = spawnInGroup(
      cmd,
      args,
      dir,
      appEnv(dir, { NODE_ENV: 'production', ...env, ...opts.env }),
      24 * 60 * 60_000,
      undefined,
      (chunk) => (output += chunk),
    );
    let exited = false;
    void spawned.done.then(() => (exited = true));

    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopped ??= (async () => {
        if (!exited) {
          killGroup(spawned.pid, 'SIGTERM');
          const killer = setTimeout(() => killGroup(spawned.pid, 'SIGKILL'), 5000);
          await spawned.done;
          clearTimeout(killer);
        }
        servers.delete(server);
      })();
      return stopped;
    };

    const kit = info.framework === 'sveltekit';
    const server: Server = {
      url,
      origin: url,
      port,
      pid: spawned.pid,
      output: () => output,
      stop,
      fetch: (path, init = {}) => {
        const headers = new Headers(init.headers);
        const method = (init.method ?? 'GET').toUpperCase();
        if (kit && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) && !headers.has('origin')) {
          headers.set('origin', url);
        }
        return fetch(new URL(path, `${url}/`), { ...init, headers });
      },
    };

    const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
    for (;;) {
      if (exited) {
        const res = await spawned.done;
        if (/EADDRINUSE/.test(output)) return 'port-in-use';
        throw new Error(
          `${name}: server exited before answering (code ${res.code}, signal ${res.signal}):\n${output}`,
        );
      }
      try {
        const res = await fetch(`${url}/`, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        servers.add(server);
        return server;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${name}: server did not answer HTTP on ${url} within ${opts.timeoutMs ?? 90_000} ms:\n${output}`);
      }
      await sleep(150);
    }
  };

  const app: App = {
    name,
    dir,
    info,
    framework: info.framework,
    path: (...segments) => join(dir, ...segments),
    writeFile: async (relPath, content) => {
      const file = join(dir, relPath);
      await fs.mkdir(dirname(file), { recursive: true });
      await fs.writeFile(file, content);
    },
    readFile: (relPath) => fs.readFile(join(dir, relPath), 'utf8'),
    run,
    script,
    typecheck: (opts) => script('typecheck', opts),
    build: (opts) => script('build', opts),
    test: (args = [], opts) => run('vitest', ['run', ...args], opts),
    start: async (opts = {}) => {
      if (info.framework === 'next' ? !existsSync(join(dir, '.next')) : !existsSync(join(dir, 'build'))) {
        throw new Error(`${name}: nothing to serve in ${dir}; run build() first`);
      }
      for (let attempt = 1; ; attempt++) {
        const result = await startOnce(opts);
        if (result !== 'port-in-use') return result;
        if (opts.port !== undefined) throw new Error(`${name}: port ${opts.port} is in use`);
        if (attempt >= 3) throw new Error(`${name}: could not find a free port in 3 tries`);
      }
    },
    remove: async () => {
      await Promise.all([...servers].map((s) => s.stop()));
      for (const pid of running) killGroup(pid, 'SIGKILL');
      await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  return app;
}

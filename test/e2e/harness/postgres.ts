// A throwaway PostgreSQL server for one test file, from Debian's `postgresql`
// package (.ci/run installs it when missing):
//
//   const pg = await startPostgres();          // beforeAll
//   const url = await pg.createDatabase('shop'); // postgres://postgres@127.0.0.1:PORT/shop
//   await pg.psql(url, 'select 1');
//   await pg.stop();                            // afterAll: always, also after a failed test
//
// The cluster lives in a fresh temp folder (data, unix socket, log) and listens on
// 127.0.0.1 and a free port only; trust authentication, so URLs carry no password.
// PostgreSQL refuses to run as root: when the tests run as root (the machines and
// CI do), initdb and pg_ctl run as the `postgres` user through `runuser`, and the
// folder is handed to that user. Durability is switched off (fsync, synchronous
// commit, full-page writes): the data is thrown away, and a test that needs data
// to survive restarts its *app* server, not this one.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { freePort } from './index.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  /** Always 127.0.0.1. */
  host: string;
  port: number;
  /** The superuser every URL connects as. */
  user: string;
  /** The PostgreSQL major version that runs (Debian's folder name, e.g. "15"). */
  version: string;
  /** The postmaster's process id. */
  pid: number;
  /** The temp folder holding data/, the unix socket and server.log (removed by stop()). */
  dir: string;
  /** Creates a database and returns its URL, `postgres://postgres@127.0.0.1:PORT/<name>`. */
  createDatabase(name: string): Promise<string>;
  /** Runs SQL through psql against a URL (or a database name of this server); returns its unaligned, tuples-only output. */
  psql(urlOrDatabase: string, sql: string): Promise<string>;
  /** What the server logged so far. */
  log(): Promise<string>;
  /** Stops the server (immediate shutdown) and removes its folder. Idempotent; never throws. */
  stop(): Promise<void>;
}

const POSTGRES_USER = 'postgres';
const COMMAND_TIMEOUT_MS = 120_000;

interface Exec {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Exec> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 127;
      resolve({ code, stdout, stderr: stderr + (error && typeof error.code !== 'number' ? String(error) : '') });
    });
  });
}

/** Debian's binaries of the newest installed major version, or a message saying how to get them. */
async function findBinaries(): Promise<{ bin: string; version: string }> {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? (await fs.readdir(root)).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  const version = versions[0];
  if (version === undefined) {
    throw new Error(`No PostgreSQL server found (${root}/*/bin/initdb). Install Debian's package: apt-get install -y --no-install-recommends postgresql (.ci/run does).`);
  }
  return { bin: join(root, version, 'bin'), version };
}

/** uid and gid of a user, from /etc/passwd. */
function userIds(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const fields = line?.split(':');
  if (!fields || fields.length < 4) throw new Error(`No "${name}" user on this machine (Debian's postgresql package creates it).`);
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** The postmaster's pid from its lock file (first line of data/postmaster.pid). */
function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

// Servers still running, shut down when this process exits however it exits
// (pg_ctl daemonizes the postmaster, so it is in no process group of ours).
const running = new Map<number, string>();
let exitHookInstalled = false;
function track(pid: number, dir: string): void {
  running.set(pid, dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const shutDownAll = (): void => {
    for (const [postmaster, folder] of running) {
      try {
        process.kill(postmaster, 'SIGQUIT'); // immediate shutdown: the postmaster takes its backends along
      } catch {
        // already gone
      }
      rmSync(folder, { recursive: true, force: true });
    }
    running.clear();
  };
  process.on('exit', shutDownAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      shutDownAll();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const FOLDER_PREFIX = 'create-endpoint-pg-';
const OWNER_FILE = 'owner.pid';

/**
 * Servers whose test process died without running its exit hook (SIGKILL, a
 * crash of the machine's session): shut down and removed by the next start.
 */
async function sweepOrphans(): Promise<void> {
  const entries = await fs.readdir(tmpdir()).catch(() => [] as string[]);
  for (const entry of entries.filter((e) => e.startsWith(FOLDER_PREFIX))) {
    const folder = join(tmpdir(), entry);
    const owner = Number.parseInt(await fs.readFile(join(folder, OWNER_FILE), 'utf8').catch(() => ''), 10);
    if (!Number.isInteger(owner) || owner === process.pid || alive(owner)) continue;
    const postmaster = postmasterPid(join(folder, 'data'));
    if (postmaster !== undefined && alive(postmaster)) {
      try {
        process.kill(postmaster, 'SIGQUIT');
      } catch {
        // gone meanwhile
      }
      const deadline = Date.now() + 10_000;
      while (alive(postmaster) && Date.now() < deadline) await sleep(100);
    }
    await fs.rm(folder, { recursive: true, force: true }).catch(() => {});
  }
}

/** Starts a fresh cluster; on any failure it leaves no server and no folder behind. */
export async function startPostgres(): Promise<PostgresServer> {
  const { bin, version } = await findBinaries();
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL's programs run as the postgres user; otherwise as ourselves.
  const asServerUser = (cmd: string, args: string[]) =>
    asRoot ? exec('runuser', ['-u', POSTGRES_USER, '--', join(bin, cmd), ...args]) : exec(join(bin, cmd), args);

  await sweepOrphans();
  const dir = await fs.mkdtemp(join(tmpdir(), FOLDER_PREFIX));
  await fs.writeFile(join(dir, OWNER_FILE), `${process.pid}\n`);
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  let pid: number | undefined;
  const removeAll = async (): Promise<void> => {
    if (pid !== undefined && alive(pid)) {
      await asServerUser('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      // pg_ctl failed or timed out: end the postmaster ourselves.
      const deadline = Date.now() + 10_000;
      if (alive(pid)) process.kill(pid, 'SIGQUIT');
      while (alive(pid) && Date.now() < deadline) await sleep(100);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    if (pid !== undefined) running.delete(pid);
    await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    if (asRoot) {
      const { uid, gid } = userIds(POSTGRES_USER);
      await fs.chown(dir, uid, gid);
    }
    const init = await asServerUser('initdb', ['-D', dataDir, '-U', POSTGRES_USER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}):\n${init.stdout}${init.stderr}`);

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const options = [
        '-c listen_addresses=127.0.0.1',
        `-p ${port}`,
        `-k ${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ');
      const start = await asServerUser('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
      pid = postmasterPid(dataDir);
      if (pid !== undefined) track(pid, dir);
      if (start.code === 0 && pid !== undefined) break;
      const log = await fs.readFile(logFile, 'utf8').catch(() => '');
      // Someone took the port between our probe and the server's bind: try another.
      if (/could not bind|Address already in use/.test(log) && attempt < 3 && (pid === undefined || !alive(pid))) continue;
      throw new Error(`pg_ctl start failed (exit ${start.code}):\n${start.stdout}${start.stderr}\n${log}`);
    }
    const serverPid = pid;
    if (serverPid === undefined) throw new Error('unreachable: started without a pid');

    const host = '127.0.0.1';
    const urlFor = (database: string) => `postgres://${POSTGRES_USER}@${host}:${port}/${database}`;
    const psql = async (urlOrDatabase: string, sql: string): Promise<string> => {
      const target = urlOrDatabase.includes('://') ? urlOrDatabase : urlFor(urlOrDatabase);
      const res = await exec(join(bin, 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', target, '-c', sql]);
      if (res.code !== 0) throw new Error(`psql failed (exit ${res.code}) on ${target}: ${sql}\n${res.stderr}`);
      return res.stdout.trimEnd();
    };

    let stopped: Promise<void> | undefined;
    return {
      host,
      port,
      user: POSTGRES_USER,
      version,
      pid: serverPid,
      dir,
      async createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a plain database name: "${name}" (lower-case letters, digits, _)`);
        await psql('postgres', `CREATE DATABASE ${name}`);
        return urlFor(name);
      },
      psql,
      log: () => fs.readFile(logFile, 'utf8').catch(() => ''),
      stop() {
        stopped ??= removeAll().catch(() => {
          // Best effort: stop() runs in afterAll and must not hide the test's own failure.
        });
        return stopped;
      },
    };
  } catch (error) {
    await removeAll().catch(() => {});
    throw error;
  }
}

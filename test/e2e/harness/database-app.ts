// A database app (test/fixtures/scaffolds/sv-drizzle, next16-drizzle) wired to a
// real database: a libsql file inside the working copy, or a database of its own
// on a throwaway PostgreSQL server (postgres.ts). Every step a user would run
// gets that database's URL as DATABASE_URL: the app's own `drizzle-kit push`,
// the build (Next.js and SvelteKit load server modules while building) and the
// production server, which can be stopped and started again on the same data.
//
//   const pg = await startPostgres();
//   const db = await createDatabaseApp('next16-drizzle', { postgres: pg });
//   await db.push();  await db.build();
//   let server = await db.start();
//   server = await db.restart(server);
//   await db.remove();  await pg.stop();
import { afterAll, beforeAll } from 'vitest';
import {
  authAppInfo,
  createApp,
  databaseAppInfo,
  databaseAppNames,
  type App,
  type BetterAuthAppName,
  type DatabaseAppInfo,
  type DatabaseAppName,
  type RunResult,
  type Server,
} from './index.js';
import { startPostgres, type PostgresServer } from './postgres.js';

export interface DatabaseApp {
  app: App;
  info: DatabaseAppInfo;
  /** The DATABASE_URL every step gets: `file:/…/local.db` (libsql) or `postgres://postgres@127.0.0.1:PORT/<db>`. */
  databaseUrl: string;
  /** Runs SQL against the app's database and returns the rows (through the app's own driver). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** `drizzle-kit push --force` with the app's drizzle.config.ts; throws with drizzle-kit's output when it fails. */
  push(): Promise<RunResult>;
  /** The app's `build` script; throws with the output when it fails. */
  build(): Promise<RunResult>;
  /** The production server (next start / node build) on 127.0.0.1 and a free port (or `port`); `env` adds to DATABASE_URL. Call it twice for two instances on one database. */
  start(env?: Record<string, string>, port?: number): Promise<Server>;
  /** Stops the server and starts a new one on the same build and database (a new port). */
  restart(server: Server): Promise<Server>;
  /** Stops its servers and deletes the working copy (with a libsql file in it). */
  remove(): Promise<void>;
}

function orThrow(step: string, result: RunResult): RunResult {
  if (result.code !== 0) {
    throw new Error(`${step} failed (exit ${result.code}${result.timedOut ? ', timed out' : ''})\n${result.stdout}\n${result.stderr}`.slice(0, 20_000));
  }
  return result;
}

/**
 * Runs SQL through the app's installed driver in a child process (Node 20 has
 * no SQLite of its own; the repository has no database driver).
 */
const QUERY_SCRIPT = `
const [driver, url, sql] = process.argv.slice(1);
let rows;
if (driver === 'libsql') {
  const { createClient } = await import('@libsql/client');
  const client = createClient({ url });
  const result = await client.execute(sql);
  rows = result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i]])));
  client.close();
} else {
  const { default: postgres } = await import('postgres');
  const client = postgres(url, { max: 1, onnotice: () => {} });
  rows = [...(await client.unsafe(sql))];
  await client.end();
}
process.stdout.write(JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? Number(value) : value)));
`;

/**
 * Apps with a database: the Drizzle apps, and the better-auth apps (their users live in a libsql file).
 * `env` is given to every step with DATABASE_URL (push, build, servers): an app's secrets.
 */
export async function createDatabaseApp(
  name: DatabaseAppName | BetterAuthAppName,
  options: { postgres?: PostgresServer; env?: Record<string, string> } = {},
): Promise<DatabaseApp> {
  const info: DatabaseAppInfo = name in databaseAppInfo ? databaseAppInfo[name as DatabaseAppName] : authAppInfo[name as BetterAuthAppName];
  if (info.dialect === 'postgresql' && !options.postgres) throw new Error(`${name} needs a PostgreSQL server: pass { postgres: await startPostgres() }`);
  const app = await createApp(name);
  let databaseUrl: string;
  try {
    databaseUrl =
      info.dialect === 'sqlite'
        ? `file:${app.path('local.db')}`
        : await options.postgres!.createDatabase(`${name.replace(/\W/g, '_')}_${Date.now().toString(36)}`);
  } catch (error) {
    await app.remove();
    throw error;
  }
  const env = { ...options.env, DATABASE_URL: databaseUrl };
  const servers = new Set<Server>();

  const start = async (extra: Record<string, string> = {}, port?: number): Promise<Server> => {
    const server = await app.start({ env: { ...extra, ...env }, port });
    servers.add(server);
    return server;
  };

  return {
    app,
    info,
    databaseUrl,
    async query(sql) {
      const result = orThrow('query', await app.run('node', ['--input-type=module', '-e', QUERY_SCRIPT, info.driver, databaseUrl, sql], { timeoutMs: 60_000 }));
      return JSON.parse(result.stdout) as Record<string, unknown>[];
    },
    // --force: apply without asking (sv's config sets `strict: true`, which asks before every statement).
    push: async () => orThrow('drizzle-kit push', await app.run('drizzle-kit', ['push', '--force'], { env, timeoutMs: 120_000 })),
    build: async () => orThrow('build', await app.build({ env, timeoutMs: 600_000 })),
    start,
    async restart(server) {
      await server.stop();
      servers.delete(server);
      return start();
    },
    async remove() {
      await Promise.all([...servers].map((s) => s.stop()));
      await app.remove();
    },
  };
}

/** The database apps a test file covers: `E2E_DATABASE_APPS=sv-drizzle`, else every one. */
export function databaseAppsOfRun(): DatabaseAppName[] {
  const requested = process.env.E2E_DATABASE_APPS?.split(',').map((s) => s.trim()).filter(Boolean);
  const apps = (requested ?? [...databaseAppNames]) as DatabaseAppName[];
  const unknown = apps.filter((a) => !databaseAppNames.includes(a));
  if (unknown.length > 0) throw new Error(`E2E_DATABASE_APPS: unknown app(s) ${unknown.join(', ')} (known: ${databaseAppNames.join(', ')})`);
  return apps;
}

/**
 * A throwaway PostgreSQL server for a test file whose apps need one, started
 * before its tests and stopped after them: the getter gives it (undefined when
 * no app of the run is on PostgreSQL).
 */
export function postgresForApps(apps: readonly DatabaseAppName[]): () => PostgresServer | undefined {
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    if (apps.some((name) => databaseAppInfo[name].dialect === 'postgresql')) server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => server;
}

/** Throws with the command's output unless it exited 0. */
export function ok(step: string, result: { code: number | null; stdout: string; stderr: string }): void {
  if (result.code !== 0) throw new Error(`${step} failed (exit ${result.code})\n${result.stdout}\n${result.stderr}`.slice(0, 20_000));
}

// A database app (test/fixtures/scaffolds/sv-drizzle, next16-drizzle) wired to a
// real database: a libsql file inside the working copy, or a database of its own
// on a throwaway PostgreSQL server (postgres.ts). Every step a user would run
// gets that database's URL as DATABASE_URL: the app's own `drizzle-kit push`,
// the build (Next.js and SvelteKit load server modules while building) and the
// production server, which can be stopped and started again on the same data.
//
// Two more rows are next16-drizzle with another driver (`databaseAppVariants`):
// a copy of the installed app (its lockfile holds `pg` and
// `@electric-sql/pglite`) whose db module and drizzle.config.ts are written as
// a user of that driver writes them:
//   - next16-node-postgres: `pg`'s Pool on the PostgreSQL server, DATABASE_URL;
//   - next16-pglite: PGlite in the server's own process on a data folder in the
//     working copy, PGLITE_DIR. drizzle-kit pushes to that folder through its
//     `driver: "pglite"`. One process at a time may open the folder: push and
//     query() run while no server does (both refuse otherwise), and the build
//     gets no PGLITE_DIR (Next.js's build may load route modules, in several
//     workers: without it PGlite is in memory there).
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
  databaseAppNames as fixtureDatabaseAppNames,
  type App,
  type BetterAuthAppName,
  type DatabaseAppInfo,
  type DatabaseAppName as FixtureDatabaseAppName,
  type RunResult,
  type Server,
} from './index.js';
import { startPostgres, type PostgresServer } from './postgres.js';

/** A row of the database matrix made from an installed database app with another driver. */
interface DatabaseAppVariant {
  /** The installed app it is a copy of. */
  fixture: FixtureDatabaseAppName;
  driver: DatabaseAppInfo['driver'];
  /** Files written over the copy's, as a user of the driver has them. */
  files: Record<string, string>;
}

const NEXT16_SCHEMA_IMPORT = 'import * as schema from "./schema";\n';

export const databaseAppVariants = {
  'next16-node-postgres': {
    fixture: 'next16-drizzle',
    driver: 'node-postgres',
    files: {
      // A Pool as in Drizzle's node-postgres guide, with the fixture's check of DATABASE_URL.
      'src/db/index.ts': `import { drizzle } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
${NEXT16_SCHEMA_IMPORT}
if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set");

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export const db = drizzle(pool, { schema });
`,
    },
  },
  'next16-pglite': {
    fixture: 'next16-drizzle',
    driver: 'pglite',
    files: {
      // Drizzle's PGlite guide, on a data folder (in memory when PGLITE_DIR is unset).
      'src/db/index.ts': `import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
${NEXT16_SCHEMA_IMPORT}
const client = new PGlite(process.env.PGLITE_DIR);

export const db = drizzle(client, { schema });
`,
      'drizzle.config.ts': `import { defineConfig } from "drizzle-kit";

if (!process.env.PGLITE_DIR) throw new Error("PGLITE_DIR is not set");

export default defineConfig({
  out: "./drizzle",
  schema: "./src/db/schema.ts",
  dialect: "postgresql",
  driver: "pglite",
  dbCredentials: { url: process.env.PGLITE_DIR },
});
`,
    },
  },
} as const satisfies Record<string, DatabaseAppVariant>;

/** A row of the database matrix: an installed database app, or a variant of one. */
export type DatabaseAppName = FixtureDatabaseAppName | keyof typeof databaseAppVariants;
export const databaseAppNames: readonly DatabaseAppName[] = [...fixtureDatabaseAppNames, ...(Object.keys(databaseAppVariants) as (keyof typeof databaseAppVariants)[])];

/** The facts of a row: its fixture's, with the variant's driver. */
export function databaseRowInfo(name: DatabaseAppName): DatabaseAppInfo {
  if (name in databaseAppVariants) {
    const variant: DatabaseAppVariant = databaseAppVariants[name as keyof typeof databaseAppVariants];
    return { ...databaseAppInfo[variant.fixture], driver: variant.driver };
  }
  return databaseAppInfo[name as FixtureDatabaseAppName];
}

/** A database in the server's own process (PGlite): one process at a time opens it, so two instances of the app cannot share it. */
export function inProcessDatabase(info: DatabaseAppInfo): boolean {
  return info.driver === 'pglite';
}

/** Whether the row's database lives on the harness's PostgreSQL server. */
function needsPostgresServer(info: DatabaseAppInfo): boolean {
  return info.dialect === 'postgresql' && !inProcessDatabase(info);
}

export interface DatabaseApp {
  app: App;
  info: DatabaseAppInfo;
  /** The DATABASE_URL every step gets: `file:/…/local.db` (libsql) or `postgres://postgres@127.0.0.1:PORT/<db>`; PGlite: its data folder (PGLITE_DIR). */
  databaseUrl: string;
  /** Runs SQL against the app's database and returns the rows (through the app's own driver). PGlite: only while no server of the app runs. */
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
} else if (driver === 'pglite') {
  const { PGlite } = await import('@electric-sql/pglite');
  const client = new PGlite(url);
  rows = (await client.query(sql)).rows;
  await client.close();
} else if (driver === 'node-postgres') {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  rows = (await client.query(sql)).rows;
  await client.end();
} else {
  const { default: postgres } = await import('postgres');
  const client = postgres(url, { max: 1, onnotice: () => {} });
  rows = [...(await client.unsafe(sql))];
  await client.end();
}
process.stdout.write(JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? Number(value) : value)));
`;

/**
 * A row of the database matrix, or a better-auth app (its users live in a libsql file).
 * `env` is given to every step with the database's URL (push, build, servers): an app's secrets.
 */
export async function createDatabaseApp(
  name: DatabaseAppName | BetterAuthAppName,
  options: { postgres?: PostgresServer; env?: Record<string, string> } = {},
): Promise<DatabaseApp> {
  const info: DatabaseAppInfo = name in authAppInfo ? authAppInfo[name as BetterAuthAppName] : databaseRowInfo(name as DatabaseAppName);
  if (needsPostgresServer(info) && !options.postgres) throw new Error(`${name} needs a PostgreSQL server: pass { postgres: await startPostgres() }`);
  const variant: DatabaseAppVariant | undefined = name in databaseAppVariants ? databaseAppVariants[name as keyof typeof databaseAppVariants] : undefined;
  const app = await createApp(variant?.fixture ?? (name as FixtureDatabaseAppName | BetterAuthAppName));
  let databaseUrl: string;
  try {
    for (const [file, text] of Object.entries(variant?.files ?? {})) await app.writeFile(file, text);
    databaseUrl =
      info.dialect === 'sqlite'
        ? `file:${app.path('local.db')}`
        : inProcessDatabase(info)
          ? app.path('pgdata')
          : await options.postgres!.createDatabase(`${name.replace(/\W/g, '_')}_${Date.now().toString(36)}`);
  } catch (error) {
    await app.remove();
    throw error;
  }
  const env: Record<string, string> = { ...options.env, ...(inProcessDatabase(info) ? { PGLITE_DIR: databaseUrl } : { DATABASE_URL: databaseUrl }) };
  // PGlite's folder is the server's alone: the build's workers get none (PGlite in memory).
  const buildEnv: Record<string, string> = inProcessDatabase(info) ? { ...options.env } : env;
  const servers = new Set<Server>();
  const exclusive = (step: string): void => {
    if (inProcessDatabase(info) && servers.size > 0) throw new Error(`${step}: a server of ${name} has PGlite's folder open; stop it first`);
  };

  const start = async (extra: Record<string, string> = {}, port?: number): Promise<Server> => {
    exclusive('start');
    const started = await app.start({ env: { ...extra, ...env }, port });
    const server: Server = {
      ...started,
      stop: async () => {
        await started.stop();
        servers.delete(server);
      },
    };
    servers.add(server);
    return server;
  };

  return {
    app,
    info,
    databaseUrl,
    async query(sql) {
      exclusive('query');
      const result = orThrow('query', await app.run('node', ['--input-type=module', '-e', QUERY_SCRIPT, info.driver, databaseUrl, sql], { timeoutMs: 60_000 }));
      return JSON.parse(result.stdout) as Record<string, unknown>[];
    },
    // --force: apply without asking (sv's config sets `strict: true`, which asks before every statement).
    push: async () => {
      exclusive('drizzle-kit push');
      return orThrow('drizzle-kit push', await app.run('drizzle-kit', ['push', '--force'], { env, timeoutMs: 120_000 }));
    },
    build: async () => orThrow('build', await app.build({ env: buildEnv, timeoutMs: 600_000 })),
    start,
    async restart(server) {
      await server.stop();
      return start();
    },
    async remove() {
      await Promise.all([...servers].map((s) => s.stop()));
      await app.remove();
    },
  };
}

/**
 * The database apps a test file covers: `E2E_DATABASE_APPS=sv-drizzle,next16-pglite`,
 * else every one (`among` narrows both: the rows a test file can run at all).
 */
export function databaseAppsOfRun(among: readonly DatabaseAppName[] = databaseAppNames): DatabaseAppName[] {
  const requested = process.env.E2E_DATABASE_APPS?.split(',').map((s) => s.trim()).filter(Boolean);
  const apps = (requested ?? [...databaseAppNames]) as DatabaseAppName[];
  const unknown = apps.filter((a) => !databaseAppNames.includes(a));
  if (unknown.length > 0) throw new Error(`E2E_DATABASE_APPS: unknown app(s) ${unknown.join(', ')} (known: ${databaseAppNames.join(', ')})`);
  return apps.filter((a) => among.includes(a));
}

/**
 * A throwaway PostgreSQL server for a test file whose apps need one, started
 * before its tests and stopped after them: the getter gives it (undefined when
 * no app of the run is on PostgreSQL).
 */
export function postgresForApps(apps: readonly DatabaseAppName[]): () => PostgresServer | undefined {
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    if (apps.some((name) => needsPostgresServer(databaseRowInfo(name)))) server = await startPostgres();
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

// Types for fixtures.mjs (plain ESM so scripts/install-fixtures.mjs can use it without a build).

export type FixtureName = 'next14' | 'next15' | 'next16' | 'sveltekit2' | 'sveltekit3';
/** The scaffolder-made apps of test/fixtures/scaffolds. */
export type ScaffoldName = 'cna-ts' | 'cna-js' | 'next-auto-tsconfig' | 'sv-ts' | 'sv-jsdoc' | 'sv-kit3';
/** The scaffolder-made apps with a database (Drizzle). */
export type DatabaseAppName = 'sv-drizzle' | 'next16-drizzle';
/** The scaffolder-made apps with Prisma. */
export type PrismaAppName = 'next16-prisma';
/** The scaffolder-made apps with an auth library. */
export type AuthAppName = 'sv-better-auth' | 'next16-better-auth' | 'next16-auth-libs' | 'sv-authjs';
/** The auth apps with better-auth and a database, which are served. */
export type BetterAuthAppName = 'sv-better-auth' | 'next16-better-auth';
/** Any app the cache installs. */
export type AnyFixtureName = FixtureName | ScaffoldName | DatabaseAppName | PrismaAppName | AuthAppName;
/** A provider of `--auth`. */
export type AuthProvider = 'better-auth' | 'authjs' | 'clerk' | 'supabase' | 'locals';

export interface FixtureInfo {
  readonly framework: 'next' | 'sveltekit';
  /** Major version of next or @sveltejs/kit. */
  readonly major: number;
  /** Where routes live, relative to the app root: 'app', 'src/app' or 'src/routes'. */
  readonly appDir: string;
  /** Whether the fixture has vitest set up (`npm test` / `vitest run`). */
  readonly hasVitest: boolean;
  /** The validation library the app depends on, which generated resources then use. */
  readonly validator: 'zod' | 'valibot' | null;
}

export interface ScaffoldInfo extends FixtureInfo {
  /** The language of the project's own source: `js` for create-next-app --js and sv --types jsdoc. */
  readonly language: 'ts' | 'js';
  /** Whether the app has Prettier configured (then generated files must pass `prettier --check`). */
  readonly hasPrettier: boolean;
}

export interface DatabaseAppInfo extends ScaffoldInfo {
  /** drizzle-kit's dialect, as in the app's drizzle.config.ts. */
  readonly dialect: 'sqlite' | 'postgresql';
  /** The driver the app's db module uses (pglite and node-postgres: variants of next16-drizzle, harness/database-app.ts). */
  readonly driver: 'libsql' | 'postgres-js' | 'node-postgres' | 'pglite';
  /** The Drizzle schema file drizzle.config.ts names, relative to the app root. */
  readonly schemaFile: string;
  /** The module exporting `db`, relative to the app root. */
  readonly dbModule: string;
}

export interface AuthAppInfo extends ScaffoldInfo {
  /** The auth libraries the app is wired for, as its own docs' quickstart writes it. */
  readonly providers: readonly AuthProvider[];
}

export type BetterAuthAppInfo = AuthAppInfo & DatabaseAppInfo;

export declare const fixtureNames: readonly FixtureName[];
export declare const fixtureInfo: Readonly<Record<FixtureName, FixtureInfo>>;
/** Absolute path of test/fixtures/apps. */
export declare const fixturesRoot: string;
export declare const scaffoldNames: readonly ScaffoldName[];
export declare const scaffoldInfo: Readonly<Record<ScaffoldName, ScaffoldInfo>>;
/** Absolute path of test/fixtures/scaffolds. */
export declare const scaffoldsRoot: string;
export declare const databaseAppNames: readonly DatabaseAppName[];
export declare const databaseAppInfo: Readonly<Record<DatabaseAppName, DatabaseAppInfo>>;

export interface PrismaAppInfo extends ScaffoldInfo {
  /** The schema prisma7.config.ts names, relative to the app root. */
  readonly schemaFile: string;
  /** The module exporting the client, relative to the app root. */
  readonly clientModule: string;
}
export declare const prismaAppNames: readonly PrismaAppName[];
export declare const prismaAppInfo: Readonly<Record<PrismaAppName, PrismaAppInfo>>;
export declare const authAppNames: readonly AuthAppName[];
export declare const betterAuthAppNames: readonly BetterAuthAppName[];
export declare const authAppInfo: Readonly<Record<BetterAuthAppName, BetterAuthAppInfo> & Record<Exclude<AuthAppName, BetterAuthAppName>, AuthAppInfo>>;
/** fixtureNames, then scaffoldNames, then databaseAppNames, prismaAppNames, then authAppNames. */
export declare const allFixtureNames: readonly AnyFixtureName[];

/** $CREATE_ENDPOINT_FIXTURE_CACHE or ~/.cache/create-endpoint/fixtures. */
export declare function fixtureCacheRoot(): string;
/** Absolute path of test/fixtures/apps/<name> or test/fixtures/scaffolds/<name>. */
export declare function fixtureDir(name: AnyFixtureName): string;
/** First 12 hex digits of sha256(package.json + "\0" + package-lock.json). */
export declare function fixtureKey(name: AnyFixtureName): Promise<string>;
/** `<cache root>/<name>-<key>` (whether or not it is installed yet). */
export declare function fixtureCacheDir(name: AnyFixtureName): Promise<string>;
/**
 * process.env without what a surrounding vitest / npm run adds (NODE_ENV, VITEST*,
 * TEST, MODE, npm_package_*, …), plus NO_COLOR=1 and NEXT_TELEMETRY_DISABLED=1,
 * then `extra` (an undefined value deletes the variable).
 */
export declare function cleanEnv(extra?: Record<string, string | undefined>): Record<string, string>;
/**
 * Installs the fixture into the cache once and returns `<cache root>/<name>-<key>`,
 * which holds node_modules/. A second call installs nothing; safe across processes.
 */
export declare function ensureFixtureInstalled(
  name: AnyFixtureName,
  options?: { log?: (line: string) => void },
): Promise<string>;

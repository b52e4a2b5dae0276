// Types for fixtures.mjs (plain ESM so scripts/install-fixtures.mjs can use it without a build).

export type FixtureName = 'next14' | 'next15' | 'next16' | 'sveltekit2' | 'sveltekit3';

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

export declare const fixtureNames: readonly FixtureName[];
export declare const fixtureInfo: Readonly<Record<FixtureName, FixtureInfo>>;
/** Absolute path of test/fixtures/apps. */
export declare const fixturesRoot: string;

/** $CREATE_ENDPOINT_FIXTURE_CACHE or ~/.cache/create-endpoint/fixtures. */
export declare function fixtureCacheRoot(): string;
/** Absolute path of test/fixtures/apps/<name>. */
export declare function fixtureDir(name: FixtureName): string;
/** First 12 hex digits of sha256(package.json + "\0" + package-lock.json). */
export declare function fixtureKey(name: FixtureName): Promise<string>;
/** `<cache root>/<name>-<key>` (whether or not it is installed yet). */
export declare function fixtureCacheDir(name: FixtureName): Promise<string>;
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
  name: FixtureName,
  options?: { log?: (line: string) => void },
): Promise<string>;

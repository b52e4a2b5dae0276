import { join, posix } from 'node:path';
import { readTextOrNull } from '../util/files.js';
import { declaredRange, type PackageJson } from './package-json.js';
import { readDrizzleSchema, type DrizzleDialect, type DrizzleTable } from './drizzle-schema.js';
import { readConfigStrings, exportsName } from './module-syntax.js';

/** The drivers whose Drizzle databases the generated stores run on, by package. */
const drivers = {
  '@libsql/client': 'sqlite',
  'better-sqlite3': 'sqlite',
  postgres: 'postgresql',
  pg: 'postgresql',
  '@electric-sql/pglite': 'postgresql',
  mysql2: 'mysql',
} as const satisfies Record<string, DrizzleDialect>;

export type DrizzleDriver = keyof typeof drivers;

/** A project's Drizzle set-up, as far as a generated store needs it. */
export interface DrizzleSetup {
  dialect: DrizzleDialect;
  /** The driver package the project depends on, when one of those the stores know. */
  driver: DrizzleDriver | null;
  /** The config file, project-relative, when there is one. */
  configFile: string | null;
  /** The schema module (project-relative) that new tables go into. */
  schemaFile: string;
  schemaText: string;
  tables: DrizzleTable[];
  /** The module that exports the database instance, and the name it exports. */
  dbModule: string;
  dbExport: string;
}

/** Why a project that depends on drizzle-orm still has no set-up a store can use. */
export interface DrizzleMissing {
  missing: string;
}

const configFiles = ['drizzle.config.ts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.mts', 'drizzle.config.cjs', 'drizzle.config.json'];
/** Where schemas usually live (in TypeScript, else JavaScript): `sv add drizzle`, then the layouts the Drizzle docs show. */
const usualSchemas = ['src/lib/server/db/schema.ts', 'src/db/schema.ts', 'db/schema.ts', 'src/server/db/schema.ts', 'src/lib/db/schema.ts', 'src/schema.ts', 'drizzle/schema.ts'];
/** Where the `db` instance usually lives, besides an `index` beside the schema. */
const usualDbModules = ['src/lib/server/db/index.ts', 'src/db/index.ts', 'src/db.ts', 'src/lib/db.ts', 'src/lib/server/db.ts', 'src/server/db/index.ts', 'src/server/db.ts', 'db/index.ts', 'lib/db.ts', 'src/lib/db/index.ts'];

/**
 * Reads the project's Drizzle set-up: null when it does not depend on
 * drizzle-orm; what is missing when it does but has no schema or no module
 * exporting `db`. The schema comes from the config's `schema` (a file), else
 * the usual places; the `db` module from beside the schema, else the usual
 * places, in TypeScript or JavaScript.
 */
export function readDrizzleSetup(root: string, packageJson: PackageJson | null): DrizzleSetup | DrizzleMissing | null {
  if (declaredRange(packageJson, 'drizzle-orm') === undefined) return null;
  const configFile = configFiles.find((file) => readTextOrNull(join(root, file)) !== null) ?? null;
  const config = configFile === null ? {} : readConfigStrings(readTextOrNull(join(root, configFile)) ?? '', configFile, ['schema', 'dialect']);
  const schemaFile = schemaFromConfig(root, config.schema) ?? [...usualSchemas, ...usualSchemas.map((file) => file.replace(/\.ts$/, '.js'))].find((file) => readTextOrNull(join(root, file)) !== null);
  if (schemaFile === undefined) {
    return { missing: config.schema ? `its schema ${config.schema} (from ${configFile}) is not one file create-endpoint can read and add to` : `a schema module (${configFile ? `${configFile} names none, and ` : ''}none of ${usualSchemas.join(', ')} exists)` };
  }
  const schemaText = readTextOrNull(join(root, schemaFile)) ?? '';
  const tables = readDrizzleSchema(schemaText, schemaFile);
  const driver = (Object.keys(drivers) as DrizzleDriver[]).find((name) => declaredRange(packageJson, name) !== undefined) ?? null;
  const dialect = dialectOf(config.dialect) ?? tables[0]?.dialect ?? (driver ? drivers[driver] : undefined);
  if (dialect === undefined) return { missing: `its dialect (${configFile ?? 'no drizzle.config'} names none, the schema has no table and no driver is installed)` };
  const dbModule = dbModuleBeside(root, schemaFile);
  if (dbModule === undefined) return { missing: `a module exporting \`db\` (looked beside ${schemaFile} and in ${usualDbModules.join(', ')})` };
  return { dialect, driver, configFile, schemaFile, schemaText, tables, dbModule, dbExport: 'db' };
}

function schemaFromConfig(root: string, schema: string | undefined): string | undefined {
  if (schema === undefined || /[*{]/.test(schema)) return undefined;
  const file = posix.normalize(schema.replace(/^\.\//, ''));
  return /\.[cm]?[jt]s$/.test(file) && readTextOrNull(join(root, file)) !== null ? file : undefined;
}

function dialectOf(value: string | undefined): DrizzleDialect | undefined {
  if (value === 'sqlite' || value === 'turso') return 'sqlite';
  if (value === 'postgresql') return 'postgresql';
  if (value === 'mysql' || value === 'singlestore') return 'mysql';
  return undefined;
}

function dbModuleBeside(root: string, schemaFile: string): string | undefined {
  const dir = posix.dirname(schemaFile);
  const beside = ['index.ts', 'index.js', 'db.ts', 'db.js', 'client.ts', 'client.js'].map((name) => posix.join(dir, name));
  const candidates = [...beside, ...usualDbModules, ...usualDbModules.map((file) => file.replace(/\.ts$/, '.js'))];
  return candidates.find((file) => {
    const text = readTextOrNull(join(root, file));
    return text !== null && exportsName(text, file, 'db');
  });
}

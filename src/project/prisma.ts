import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { isDirectory, readTextOrNull } from '../util/files.js';
import { declaredRange, type PackageJson } from './package-json.js';
import { readPrismaSchema, type PrismaGenerator, type PrismaSchema } from './prisma-schema.js';
import { exportsName, readConfigStrings } from './module-syntax.js';

/** A project's Prisma set-up, as far as a generated store needs it. */
export interface PrismaSetup {
  /** The datasource's provider: postgresql, sqlite, mysql, sqlserver, cockroachdb. */
  provider: string;
  configFile: string | null;
  /** The schema file new models go into (in a schema folder, the one with the generator). */
  schemaFile: string;
  /** Every file of the schema, project-relative, with its text. */
  schemaFiles: Map<string, string>;
  schema: PrismaSchema;
  generator: PrismaGenerator;
  /** The module the client's types come from: `@prisma/client`, or the generated client's file (project-relative). */
  clientTypes: { package: string } | { file: string };
  /** The module that exports the client instance, and the name it exports (`default`: as the Prisma guides write `lib/prisma.ts`). */
  clientModule: string;
  clientExport: 'prisma' | 'db' | 'default';
}

export interface PrismaMissing {
  missing: string;
}

/** Prisma 7's config files, in the order it looks for them: `prisma7.config.*` (what `prisma init` writes), then the older names. */
const configFiles = ['prisma7.config', '.config/prisma7', 'prisma.config', '.config/prisma', '.config/prisma.config'].flatMap((base) => ['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs'].map((ext) => `${base}${ext}`));
/** Where the client instance usually lives: the Prisma docs' `lib/prisma.ts`, and SvelteKit's server folder. */
const usualClientModules = ['src/lib/prisma.ts', 'lib/prisma.ts', 'src/lib/server/prisma.ts', 'src/lib/server/db.ts', 'src/lib/server/db/index.ts', 'src/lib/db.ts', 'src/db.ts', 'src/server/db.ts', 'lib/db.ts', 'src/prisma.ts', 'prisma/client.ts'];

/**
 * Reads the project's Prisma set-up: null when it depends on neither `prisma`
 * nor `@prisma/client`; what is missing when it does but has no schema, no
 * generator, no datasource or no module exporting the client (`prisma` or
 * `db`). The schema comes from prisma.config's `schema`, else package.json's
 * `prisma.schema`, else `prisma/schema.prisma`, the folder `prisma/schema/`
 * or `schema.prisma`.
 */
export function readPrismaSetup(root: string, packageJson: PackageJson | null): PrismaSetup | PrismaMissing | null {
  if (declaredRange(packageJson, 'prisma') === undefined && declaredRange(packageJson, '@prisma/client') === undefined) return null;
  const configFile = configFiles.find((file) => readTextOrNull(join(root, file)) !== null) ?? null;
  const configured = configFile === null ? undefined : readConfigStrings(readTextOrNull(join(root, configFile)) ?? '', configFile, ['schema']).schema;
  const fromPackage = packageJson?.prisma;
  const packageSchema = typeof fromPackage === 'object' && fromPackage !== null && 'schema' in fromPackage && typeof fromPackage.schema === 'string' ? fromPackage.schema : undefined;
  const named = configured ?? packageSchema;
  const location = named === undefined ? undefined : posix.normalize(named.replace(/^\.\//, ''));
  const schemaFiles = filesOf(root, location === undefined ? ['prisma/schema.prisma', 'prisma/schema', 'schema.prisma'] : [location]);
  if (schemaFiles.size === 0) return { missing: `a Prisma schema (${location ?? 'prisma/schema.prisma or prisma/schema/'}${named !== undefined ? `, from ${configured !== undefined ? configFile : 'package.json'}` : ''} does not exist)` };
  const schema = readPrismaSchema(schemaFiles);
  const generator = schema.generators.find((g) => g.provider === 'prisma-client' || g.provider === 'prisma-client-js');
  if (!generator) return { missing: 'a generator of the client (provider "prisma-client" or "prisma-client-js") in its schema' };
  if (schema.provider === undefined) return { missing: 'a datasource with a provider in its schema' };
  if (generator.provider === 'prisma-client' && generator.output === undefined) return { missing: `the output of its "prisma-client" generator (${generator.file}), which Prisma 7 requires` };
  const clientModule = [...usualClientModules, ...usualClientModules.map((file) => file.replace(/\.ts$/, '.js'))].find((file) => {
    const text = readTextOrNull(join(root, file));
    return text !== null && clientExportOf(text, file) !== undefined;
  });
  const clientExport = clientModule === undefined ? undefined : clientExportOf(readTextOrNull(join(root, clientModule)) ?? '', clientModule);
  if (clientModule === undefined || clientExport === undefined) return { missing: `a module exporting the client as \`prisma\` or \`db\` (looked in ${usualClientModules.join(', ')})` };
  const output = generator.output === undefined ? undefined : posix.normalize(posix.join(posix.dirname(generator.file), generator.output));
  return {
    provider: schema.provider,
    configFile,
    schemaFile: generator.file,
    schemaFiles,
    schema,
    generator,
    // prisma-client writes `client.ts` into its output; prisma-client-js a package there, or in @prisma/client.
    clientTypes: output === undefined ? { package: '@prisma/client' } : generator.provider === 'prisma-client' ? { file: `${output}/client.ts` } : { file: `${output}/index.d.ts` },
    clientModule,
    clientExport,
  };
}

/** How a module exports the client: as `prisma` or `db`, or by default from a module named for Prisma. */
function clientExportOf(text: string, file: string): PrismaSetup['clientExport'] | undefined {
  if (exportsName(text, file, 'prisma')) return 'prisma';
  if (exportsName(text, file, 'db')) return 'db';
  return /prisma/.test(file) && /^export default\b/m.test(text) ? 'default' : undefined;
}

/** The `.prisma` files of a file or folder (a folder's, recursively), project-relative. */
function filesOf(root: string, locations: string[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const location of locations) {
    if (isDirectory(join(root, location))) {
      for (const entry of readdirSync(join(root, location), { recursive: true, encoding: 'utf8' }).sort()) {
        const file = posix.join(location, entry.split('\\').join('/'));
        const text = file.endsWith('.prisma') ? readTextOrNull(join(root, file)) : null;
        if (text !== null) files.set(file, text);
      }
    } else {
      const text = readTextOrNull(join(root, location));
      if (text !== null) files.set(location, text);
    }
    if (files.size > 0) break;
  }
  return files;
}

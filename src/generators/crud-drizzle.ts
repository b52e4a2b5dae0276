import type { StyledProject } from '../project/detect.js';
import type { GeneratorInput } from './generator.js';
import type { RenderedFile } from './rendered.js';
import type { ResolvedStore } from './crud-store.js';

type DrizzleStore = Extract<ResolvedStore, { kind: 'drizzle' }>;

/**
 * The files of a resource on the project's Drizzle database: its module
 * (validation, and a Store that runs queries through the project's `db`),
 * the module every database resource shares (how the database's refusals
 * are answered), and the schema with the resource's table when it is new.
 */
export async function renderDrizzleFiles(input: GeneratorInput, store: DrizzleStore, locals: Record<string, unknown>, resourcesImport: string): Promise<RenderedFile[]> {
  const { project, style, resource, templates } = input;
  const { setup, table } = store;
  const ext = project.typescript ? 'ts' : 'js';
  const databaseFile = `${style.serverLibDir(project)}/database.${ext}`;
  // `$lib/server/db`, not `$lib/server/db/index`.
  const from = (file: string) => style.importSpecifier(project, resource.moduleFile, file).replace(/\/index(\.js)?$/, (_, js?: string) => (js && !project.typescript ? '/index.js' : ''));
  const text = await templates.render('crud/drizzle/resource.ts.ejs', {
    ...locals,
    resourcesImport,
    store: {
      dialect: setup.dialect,
      schemaFile: setup.schemaFile,
      table,
      parents: store.parents,
      dbExport: setup.dbExport,
      local: (table: string) => (moduleLocals.has(table) || Object.values(locals.fn as Record<string, string>).includes(table) ? `${table}Table` : table),
      dbImport: from(setup.dbModule),
      schemaImport: from(setup.schemaFile),
      databaseImport: sibling(resourcesImport, 'database', project),
    },
  });
  const files: RenderedFile[] = [
    // Not laid out as Prettier prints it: always formatted.
    { kind: 'module', path: resource.moduleFile, text, perResource: true, prettierLayout: false },
    { kind: 'module', path: databaseFile, text: await templates.render('crud/drizzle/database.ts.ejs', {}) },
  ];
  if (store.schemaInsert) files.push(store.schemaInsert);
  return files;
}

/**
 * The names the Drizzle resource module declares or imports besides the
 * resource's own: a table exported under one of them (`items`, `values`) is
 * imported under an alias.
 */
const moduleLocals = new Set([
  'items', 'counted', 'where', 'total', 'values', 'row', 'rows', 'key', 'columns', 'store', 'write', 'refused', 'recordOf', 'byId', 'inScope',
  'filtersOf', 'columnsOf', 'changesOf', 'keyOf', 'UUID', 'db', 'and', 'asc', 'count', 'eq', 'sql', 'SQL', 'updated', 'input', 'patch', 'scope',
  'query', 'id', 'error', 'answer', 'absent', 'filter', 'result', 'inserted', 'schema', 'patchSchema', 'fields', 'z', 'v', 'refusal', 'insertedRow',
  'isoTimestamp', 'parseFields', 'parseListQuery', 'fromZod', 'fromValibot', 'isoDate', 'finiteNumber',
]);

/** What the report says after a run on Drizzle: the store and why, and the command that creates a new table. */
export function drizzleNotes(store: DrizzleStore): string[] {
  const notes = [`Store: Drizzle (${store.setup.dialect}), because ${store.why}.`];
  if (store.schemaInsert) {
    const config = store.setup.configFile ? '' : ' (with a drizzle.config that names the schema)';
    notes.push(`Next: create the table ${store.table.exportName} in the database: npx drizzle-kit push${config}, or npx drizzle-kit generate and then migrate.`);
  }
  notes.push('No Vitest file is written for a database store: its tests would write to your database.');
  return notes;
}

/** `../resources` → `../database`: the shared database module sits beside the shared resources module. */
function sibling(resourcesImport: string, name: string, project: StyledProject): string {
  return resourcesImport.replace(/resources(\.js)?$/, `${name}${project.typescript ? '' : '.js'}`);
}

import { FailedError, UsageError } from '../util/errors.js';
import { formatFields, type Field } from '../model/fields.js';
import type { Segment } from '../model/route-path.js';
import { readDrizzleSchema, type DrizzleTable } from '../project/drizzle-schema.js';
import { readDrizzleSetup, type DrizzleMissing, type DrizzleSetup } from '../project/drizzle.js';
import { largestKey, storeTableOf, type StoreTable } from './drizzle-columns.js';
import { resourceNames } from '../model/resource-names.js';
import { renderDrizzleTable, schemaStyle, snakeCase, type ParentColumn } from './drizzle-table.js';
import type { GeneratorInput } from './generator.js';
import type { RenderedModule } from './rendered.js';
import type { StoreName } from './registry.js';
import { prismaSetupOfRun, resolvePrismaStore, type PrismaStore } from './prisma-store.js';
import type { PrismaSetup } from '../project/prisma.js';

/** Where a CRUD resource's records live, as this run resolved it. */
export type ResolvedStore =
  | { kind: 'memory'; why: string }
  | {
      kind: 'drizzle';
      why: string;
      setup: DrizzleSetup;
      table: StoreTable;
      fields: Field[];
      /** The schema module with the new table inserted, when the table is new. */
      schemaInsert?: RenderedModule;
      /** The parent tables a nested resource's create checks. */
      parents: ParentCheck[];
    }
  | PrismaStore;

/** A parent a nested resource's create checks: its table and key, and the words of its 404. */
export interface ParentCheck {
  param: string;
  table: string;
  key: string;
  integer: boolean;
  max: number;
  label: string;
  Label: string;
  found: string;
}

/**
 * The store of a CRUD resource: `--store` when given, else Drizzle when the
 * project depends on drizzle-orm and has a schema and a `db` module, else
 * memory. With Drizzle, a table of the resource's name in the schema gives
 * the fields (and `--fields` is refused); else a table for the fields is
 * added to the schema.
 */
export async function resolveStore(input: GeneratorInput): Promise<ResolvedStore> {
  const { resource } = input;
  const chosen = chooseStore(input);
  if (chosen.kind === 'memory') return chosen;
  if (chosen.kind === 'prisma') return resolvePrismaStore(input, chosen.setup, chosen.source);
  const { setup, source } = chosen;
  const parents = parentTables(resource.collection, setup.tables);
  const existing = tableFor(setup.tables, resource.names.plural, resource.names.pluralCamel);
  if (existing) {
    const table = storeTableOf(existing, parents.map((p) => ({ param: p.param, column: scopeKey(p.param, p.folder), parentTable: p.table?.exportName })), setup.schemaFile);
    // The same --fields again (the run that added the table, repeated) is no conflict.
    if (input.fieldsGiven && formatFields(input.fields) !== formatFields(table.fields.map((c) => c.field))) {
      throw new UsageError(
        `--fields: ${setup.schemaFile} already has the table ${existing.exportName}, whose columns are the fields (${formatFields(table.fields.map((c) => c.field))}).`,
        'Leave out --fields, or change the table and run again.',
      );
    }
    return { kind: 'drizzle', why: `${source}; the table ${existing.exportName} is there`, setup, table, fields: table.fields.map((c) => c.field), parents: parentChecks(table, parents, setup) };
  }
  const { table, schemaInsert } = await addTable(input, setup, parents);
  return {
    kind: 'drizzle',
    why: `${source}; the table ${table.exportName} is added to ${setup.schemaFile}`,
    setup,
    table,
    fields: input.fields,
    schemaInsert,
    parents: parentChecks(table, parents, setup),
  };
}

/** A store chosen for a run, before a resource is read against it. */
export type ChosenStore = { kind: 'memory'; why: string } | { kind: 'drizzle'; setup: DrizzleSetup; source: string } | { kind: 'prisma'; setup: PrismaSetup; source: string };

/**
 * The store `--store` names, else the one the project has: its Drizzle
 * set-up (with the tables this run added), else its Prisma set-up when
 * complete, or memory and why. Refuses `--store drizzle` and `--store prisma`
 * without a set-up a store runs on. The webhook template's delivery ledger
 * is chosen the same way.
 */
export function chooseStore(input: GeneratorInput): ChosenStore {
  const wanted: StoreName | undefined = input.store;
  if (wanted === 'memory') return { kind: 'memory', why: '--store memory' };
  const setup = wanted === 'prisma' ? null : setupOfRun(input);
  const prisma = wanted === 'drizzle' || (setup !== null && !('missing' in setup)) ? null : prismaSetupOfRun(input);
  if (wanted === 'prisma') {
    if (prisma === null) throw new FailedError('--store prisma: the project depends on neither prisma nor @prisma/client.', 'Add Prisma (npm install prisma @prisma/client, npx prisma init), or use --store memory.');
    if ('missing' in prisma) throw new FailedError(`--store prisma: the project depends on Prisma but lacks ${prisma.missing}.`);
    return { kind: 'prisma', setup: prisma, source: '--store prisma' };
  }
  if (wanted === undefined && prisma !== null && !('missing' in prisma)) return { kind: 'prisma', setup: prisma, source: `prisma and ${prisma.schemaFile}` };
  if (wanted === undefined && setup === null) return { kind: 'memory', why: prisma !== null && 'missing' in prisma ? `prisma is a dependency, but the project lacks ${prisma.missing}` : 'the project does not depend on drizzle-orm' };
  if (wanted === undefined && setup !== null && 'missing' in setup) return { kind: 'memory', why: `drizzle-orm is a dependency, but the project lacks ${setup.missing}` };
  if (setup === null) throw new FailedError('--store drizzle: the project does not depend on drizzle-orm.', 'Add Drizzle (npx sv add drizzle, or npm install drizzle-orm and a schema), or use --store memory.');
  if ('missing' in setup) throw new FailedError(`--store drizzle: the project depends on drizzle-orm but lacks ${setup.missing}.`);
  return { kind: 'drizzle', setup, source: wanted === 'drizzle' ? '--store drizzle' : `drizzle-orm and ${setup.schemaFile}` };
}

/** The table of a resource: exported as its plural (`staffMembers`), or named so in SQL (`staff_members`). */
function tableFor(tables: DrizzleTable[], plural: string, pluralCamel: string): DrizzleTable | undefined {
  return tables.find((t) => t.exportName === pluralCamel || t.exportName === plural) ?? tables.find((t) => t.sqlName === snakeCase(pluralCamel));
}

/** The column of a parent parameter: its name, unless that is a generic `id` (`todos/[id]/notes` → `todoId`). */
function scopeKey(param: string, folder: string | undefined): string {
  return param === 'id' && folder !== undefined ? `${resourceNames(folder).singular}Id` : param;
}

/** Each parent parameter, with the table of the folder before it when the schema has one (`todos` of `todos/[todoId]/notes`). */
function parentTables(collection: readonly Segment[], tables: DrizzleTable[]) {
  const parents: { param: string; folder?: string; table?: DrizzleTable }[] = [];
  collection.forEach((segment, i) => {
    if (segment.kind === 'static') return;
    const before = collection[i - 1];
    const folder = before?.kind === 'static' ? before.name : undefined;
    parents.push({ param: segment.name, folder, table: folder === undefined ? undefined : tableOfFolder(tables, folder) });
  });
  return parents;
}

function parentChecks(table: StoreTable, parents: ReturnType<typeof parentTables>, setup: DrizzleSetup): ParentCheck[] {
  return parents.flatMap(({ param, folder, table: parent }) => {
    const key = parent?.columns.find((c) => c.primaryKey);
    const scope = table.scope.find((s) => s.param === param);
    if (!parent || !key || !scope || folder === undefined) return [];
    const { label } = resourceNames(folder);
    return [{ param, table: parent.exportName, key: key.key, integer: scope.integer, max: largestKey(key, setup.dialect), label, Label: label[0]!.toUpperCase() + label.slice(1), found: `${param}Rows` }];
  });
}

/**
 * Renders the resource's table into the schema, through the AST: the table
 * after the last statement, its builders into the import, every other byte of
 * the schema kept. The table is formatted with the project's Prettier when
 * the schema is formatted so (its `prettier --check` still passes).
 */
async function addTable(input: GeneratorInput, setup: DrizzleSetup, parents: ReturnType<typeof parentTables>): Promise<{ table: StoreTable; schemaInsert: RenderedModule }> {
  const { resource } = input;
  const exportName = resource.names.pluralCamel;
  const style = schemaStyle(setup.schemaText, setup.dialect);
  const parentColumns: ParentColumn[] = parents.map(({ param, folder, table }) => {
    const key = table?.columns.find((c) => c.primaryKey);
    const integer = key !== undefined && !['text', 'varchar', 'char', 'uuid'].includes(key.builder);
    const big = key !== undefined && integer && largestKey(key, setup.dialect) > 2 ** 32 && setup.dialect !== 'sqlite';
    const unsigned = key?.unsigned === true || (setup.dialect === 'mysql' && key?.builder === 'serial');
    return { param, key: scopeKey(param, folder), integer, ...(big ? { big: { unsigned } } : {}), ...(table && key ? { references: { table: table.exportName, key: key.key } } : {}) };
  });
  let code = renderDrizzleTable({ exportName, sqlName: snakeCase(exportName), dialect: setup.dialect, fields: input.fields, parents: parentColumns, style });
  const [rendered] = readDrizzleSchema(code, setup.schemaFile);
  if (!rendered) throw new Error(`The table rendered for ${exportName} does not read back`);
  const table = storeTableOf(rendered, parents.map((p) => ({ param: p.param, column: scopeKey(p.param, p.folder), parentTable: p.table?.exportName })), setup.schemaFile);
  return { table, schemaInsert: await insertTable(input, setup, exportName, code) };
}

/**
 * The schema with a new table's code (its import and declaration) inserted
 * through the AST, every other byte kept, formatted as the schema was; later
 * resources of the run see it.
 */
export async function insertTable(input: GeneratorInput, setup: DrizzleSetup, exportName: string, code: string): Promise<RenderedModule> {
  const { addMissingDeclarations } = await import('../patch/merge-module.js');
  const merged = addMissingDeclarations(setup.schemaText, code, setup.schemaFile);
  if (input.format !== false) merged.text = await inSchemaFormat(merged.text, setup, input.project.root);
  if (!merged.added.includes(exportName)) {
    throw new FailedError(`${setup.schemaFile} already declares ${exportName}, but not as a table create-endpoint can read.`, 'Rename it, or make it a table of drizzle-orm.');
  }
  setupsOfRuns.set(input.templates, { ...setup, schemaText: merged.text, tables: readDrizzleSchema(merged.text, setup.schemaFile) });
  return { kind: 'module', path: setup.schemaFile, text: merged.text, insertedInto: setup.schemaText };
}

/**
 * The project's Drizzle set-up, read (its config and schema parsed) once a
 * run, with the tables the run's earlier resources added: a run that adds
 * `todos` and then `todos/[id]/notes` puts notes after todos, referencing
 * it. Keyed by the run's template source, one per run.
 */
const setupsOfRuns = new WeakMap<object, DrizzleSetup | DrizzleMissing | null>();

function setupOfRun(input: GeneratorInput): DrizzleSetup | DrizzleMissing | null {
  if (!setupsOfRuns.has(input.templates)) setupsOfRuns.set(input.templates, readDrizzleSetup(input.project.root, input.project.packageJson));
  return setupsOfRuns.get(input.templates) ?? null;
}

/** The table of the resource whose folder is `folder` (`staff-members`), when the schema has one. */
export function tableOfFolder(tables: DrizzleTable[], folder: string): DrizzleTable | undefined {
  const { plural, pluralCamel } = resourceNames(folder);
  return tableFor(tables, plural, pluralCamel);
}

/**
 * The schema with the table, formatted with the project's Prettier when the
 * schema was formatted with it before (its `prettier --check` still passes),
 * and only when that changes none of the schema's own bytes.
 */
async function inSchemaFormat(merged: string, setup: DrizzleSetup, root: string): Promise<string> {
  const { formatFile } = await import('../render/format.js');
  const { isSubsequence } = await import('../patch/text-edits.js');
  if ((await formatFile(setup.schemaText, root, setup.schemaFile)).text !== setup.schemaText) return merged;
  const formatted = (await formatFile(merged, root, setup.schemaFile)).text;
  return isSubsequence(setup.schemaText, formatted) ? formatted : merged;
}

import { siblingSpecifier } from '../frameworks/imports.js';
import type { DrizzleDialect } from '../project/drizzle-schema.js';
import type { DrizzleSetup } from '../project/drizzle.js';
import { chooseStore, insertTable } from './crud-store.js';
import { schemaStyle, tableWriter, type SchemaStyle } from './drizzle-table.js';
import type { GeneratorInput } from './generator.js';
import type { RenderedModule } from './rendered.js';
import { serverModuleFile } from './server-module.js';

/** The table of the webhook endpoints' delivery ledger, as the schema exports it. */
export const ledgerTable = 'webhookDeliveries';

/** Where the webhook endpoints record the deliveries they handle, as this run resolved it. */
export type ResolvedLedger =
  | { kind: 'memory'; why: string }
  | {
      kind: 'drizzle';
      why: string;
      setup: DrizzleSetup;
      /** The schema module with the ledger's table inserted, when the schema lacks it. */
      schemaInsert?: RenderedModule;
    };

/**
 * The delivery ledger of a webhook run, chosen as a CRUD resource's store
 * is (`--store`, else the project's Drizzle set-up, else memory): on Drizzle,
 * the `webhookDeliveries` table, added to the schema when it is not there.
 */
export async function resolveLedger(input: GeneratorInput): Promise<ResolvedLedger> {
  const chosen = chooseStore(input);
  if (chosen.kind === 'memory') return chosen;
  if (chosen.kind === 'prisma') return { kind: 'memory', why: `${chosen.source}: the delivery ledger is not generated for Prisma yet` };
  const { setup, source } = chosen;
  if (setup.tables.some((t) => t.exportName === ledgerTable)) {
    return { kind: 'drizzle', why: `${source}; the table ${ledgerTable} is there`, setup };
  }
  const code = renderLedgerTable(setup.dialect, schemaStyle(setup.schemaText, setup.dialect));
  return { kind: 'drizzle', why: `${source}; the table ${ledgerTable} is added to ${setup.schemaFile}`, setup, schemaInsert: await insertTable(input, setup, ledgerTable, code) };
}

/**
 * The ledger's table in the schema's dialect and style: the delivery id as
 * the primary key (MySQL: a varchar, which a key needs; 255 characters, more
 * than any provider's ids), its state, when it was claimed and when handled
 * (milliseconds kept, as the leases are compared to them).
 */
export function renderLedgerTable(dialect: DrizzleDialect, style: SchemaStyle): string {
  const { q, builder, declare } = tableWriter(dialect, style);
  const states = `[${q('pending')}, ${q('handled')}]`;
  const stamp = (name: string) =>
    ({
      sqlite: `${builder('integer')}(${q(name)}, { mode: ${q('timestamp_ms')} })`,
      postgresql: `${builder('timestamp')}(${q(name)}, { withTimezone: true, precision: 3 })`,
      mysql: `${builder('datetime')}(${q(name)}, { fsp: 3 })`,
    })[dialect];
  const lines =
    dialect === 'mysql'
      ? [`id: ${builder('varchar')}(${q('id')}, { length: 255 }).primaryKey(),`, `state: ${builder('varchar')}(${q('state')}, { length: 7, enum: ${states} }).notNull(),`]
      : [`id: ${builder('text')}(${q('id')}).primaryKey(),`, `state: ${builder('text')}(${q('state')}, { enum: ${states} }).notNull(),`];
  lines.push(`claimedAt: ${stamp('claimed_at')}.notNull(),`, `handledAt: ${stamp('handled_at')},`);
  const comment = '// The deliveries the webhook endpoints claimed and handled (create-endpoint): one row per delivery id.\n';
  return declare(ledgerTable, 'webhook_deliveries', lines, comment);
}

/** The module that implements DeliveryLog on the project's database, and the schema when the table is new. */
export async function renderLedgerFiles(input: GeneratorInput, ledger: Extract<ResolvedLedger, { kind: 'drizzle' }>, sharedFile: string): Promise<RenderedModule[]> {
  const { project, style, templates } = input;
  const file = ledgerModuleFile(input);
  const { setup } = ledger;
  // `$lib/server/db`, not `$lib/server/db/index`.
  const from = (target: string) => style.importSpecifier(project, file, target).replace(/\/index(\.js)?$/, (_, js?: string) => (js && !project.typescript ? '/index.js' : ''));
  const text = await templates.render('webhook/deliveries.ts.ejs', {
    project,
    dialect: setup.dialect,
    schemaFile: setup.schemaFile,
    table: ledgerTable,
    dbExport: setup.dbExport,
    dbImport: from(setup.dbModule),
    schemaImport: from(setup.schemaFile),
    shared: siblingSpecifier(project, file, sharedFile),
  });
  const files: RenderedModule[] = [{ kind: 'module', path: file, text, prettierLayout: false }];
  if (ledger.schemaInsert) files.push(ledger.schemaInsert);
  return files;
}

/** The module of the database ledger, beside the webhooks module. */
export function ledgerModuleFile(input: Pick<GeneratorInput, 'project' | 'style'>): string {
  return serverModuleFile(input, 'webhook-deliveries');
}

/** What the report says of the ledger: where deliveries are de-duplicated, and the command that creates the table. */
export function ledgerNotes(ledger: ResolvedLedger): string[] {
  if (ledger.kind === 'memory') {
    return ["Deliveries are de-duplicated in the server process's memory (deliveryLog in the webhooks module): on several instances, replace it with one in shared storage (the module says how)."];
  }
  const notes = [`Delivery ledger: Drizzle (${ledger.setup.dialect}), because ${ledger.why}: every instance of the app claims each delivery in the table ${ledgerTable}, so one of them handles it.`];
  if (ledger.schemaInsert) {
    const config = ledger.setup.configFile ? '' : ' (with a drizzle.config that names the schema)';
    notes.push(`Next: create the table ${ledgerTable} in the database: npx drizzle-kit push${config}, or npx drizzle-kit generate and then migrate.`);
  }
  notes.push('No Vitest file is written for a webhook on the database: its tests would write to your database.');
  return notes;
}

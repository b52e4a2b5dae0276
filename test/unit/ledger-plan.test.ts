// The webhook template's delivery ledger (issue #14), planned in process: on a
// project with Drizzle, the webhookDeliveries table goes into the schema (every
// byte of it kept, in its dialect and style, a second run a no-op) and a module
// implements DeliveryLog through the project's `db`; without Drizzle, or with
// --store memory, the in-memory log stays and no database file is written.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotTree, useTempProjects } from '../cli/run-cli.js';
import { isSubsequence } from '../patch/subsequence.js';
import { add, expectIdempotent, generate, planAddRun, planRun, read } from './plan-runs.js';
import { changes } from '../../src/index.js';

const project = useTempProjects();

const pgSchema = `import { pgTable, serial, text } from "drizzle-orm/pg-core";

// Our courses.
export const courses = pgTable("courses", {
  id: serial("id").primaryKey(),
  title: text("title").notNull(),
});
`;
const nextProject = (schema: string, driver: Record<string, string>, dialect: string) =>
  project({
    'package.json': JSON.stringify({ dependencies: { next: '16.4.5', 'drizzle-orm': '0.45.1', ...driver } }),
    'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
    'drizzle.config.ts': `import { defineConfig } from "drizzle-kit";\nexport default defineConfig({ schema: "./src/db/schema.ts", dialect: "${dialect}" });\n`,
    'src/db/schema.ts': schema,
    'src/db/index.ts': 'export const db = {};\n',
  });

// As `sv add drizzle` writes it: tabs, single quotes, SQLite through libsql.
const svSchema = `import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';

export const task = sqliteTable('task', {
\tid: text('id')
\t\t.primaryKey()
\t\t.$defaultFn(() => crypto.randomUUID()),
\ttitle: text('title').notNull(),
\tpriority: integer('priority').notNull().default(1)
});
`;
const svProject = () =>
  project({
    'package.json': JSON.stringify({ devDependencies: { '@sveltejs/kit': '2.49.0', svelte: '5.0.0', 'drizzle-orm': '0.45.1', '@libsql/client': '0.15.0' } }),
    'drizzle.config.ts': "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ schema: './src/lib/server/db/schema.ts', dialect: 'sqlite' });\n",
    'src/lib/server/db/schema.ts': svSchema,
    'src/lib/server/db/index.ts': "export const db = {};\n",
  });

const webhook = (provider = 'standard', store?: string) => ({ resources: ['webhooks'], template: 'webhook' as const, flags: { provider, ...(store ? { store } : {}) } });

describe('the webhook delivery ledger', () => {
  it("on PostgreSQL: the table is inserted into the schema (every byte kept), the ledger runs on the project's db, the report says how to create the table", async () => {
    const dir = nextProject(pgSchema, { postgres: '3.4.10' }, 'postgresql');
    const { notes } = await generate(dir, webhook());
    const schema = read(dir, 'src/db/schema.ts');
    expect(isSubsequence(pgSchema, schema)).toBe(true);
    expect(schema).toContain('import { pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";');
    expect(schema).toContain(`export const webhookDeliveries = pgTable("webhook_deliveries", {
  id: text("id").primaryKey(),
  state: text("state", { enum: ["pending", "handled"] }).notNull(),
  claimedAt: timestamp("claimed_at", {
    withTimezone: true,
    precision: 3,
  }).notNull(),
  handledAt: timestamp("handled_at", { withTimezone: true, precision: 3 }),
});`);
    const ledger = read(dir, 'src/lib/server/webhook-deliveries.ts');
    expect(ledger).toContain('import { db } from "@/db";');
    expect(ledger).toContain('import { webhookDeliveries } from "@/db/schema";');
    expect(ledger).toContain('import type { DeliveryLog } from "./webhooks";');
    expect(ledger).toMatch(/\.onConflictDoNothing\(\)\s+\.returning\(/);
    const shared = read(dir, 'src/lib/server/webhooks.ts');
    expect(shared).toContain('import { databaseDeliveryLog } from "./webhook-deliveries";');
    expect(shared).toContain('export const deliveryLog: DeliveryLog = databaseDeliveryLog();');
    // Its Vitest file would write to the user's database: none is written.
    expect(existsSync(join(dir, 'src/app/api/webhooks/route.test.ts'))).toBe(false);
    expect(existsSync(join(dir, 'src/app/api/webhooks/route.ts'))).toBe(true);
    expect(notes).toContain('Delivery ledger: Drizzle (postgresql), because drizzle-orm and src/db/schema.ts; the table webhookDeliveries is added to src/db/schema.ts');
    expect(notes).toContain('Next: create the table webhookDeliveries in the database: npx drizzle-kit push');
    expect(notes).not.toContain("in the server process's memory");
    await expectIdempotent(dir, webhook());
    // A second provider later: the table is there, the schema stays as it is.
    const { notes: later } = await generate(dir, { ...webhook('github'), resources: ['hooks/github'] });
    expect(read(dir, 'src/db/schema.ts')).toBe(schema);
    expect(later).toContain('the table webhookDeliveries is there');
    expect(later).not.toContain('drizzle-kit push');
  });

  it("on SQLite (sv's schema): the table in the file's style, tabs and single quotes", async () => {
    const dir = svProject();
    await generate(dir, webhook('stripe'));
    const schema = read(dir, 'src/lib/server/db/schema.ts');
    expect(isSubsequence(svSchema, schema)).toBe(true);
    expect(schema).toContain(`export const webhookDeliveries = sqliteTable('webhook_deliveries', {
\tid: text('id').primaryKey(),
\tstate: text('state', { enum: ['pending', 'handled'] }).notNull(),
\tclaimedAt: integer('claimed_at', { mode: 'timestamp_ms' }).notNull(),
\thandledAt: integer('handled_at', { mode: 'timestamp_ms' }),
});`);
    const ledger = read(dir, 'src/lib/server/webhook-deliveries.ts');
    expect(ledger).toContain('import { db } from "$lib/server/db";');
    expect(ledger).toContain('import { webhookDeliveries } from "$lib/server/db/schema";');
    await expectIdempotent(dir, webhook('stripe'));
  });

  it('on MySQL: a varchar key, and the claim checks the rows INSERT IGNORE inserted', async () => {
    const mysqlSchema = 'import { int, mysqlTable, varchar } from "drizzle-orm/mysql-core";\n\nexport const courses = mysqlTable("courses", {\n  id: int("id").primaryKey().autoincrement(),\n  title: varchar("title", { length: 255 }).notNull(),\n});\n';
    const dir = nextProject(mysqlSchema, { mysql2: '3.15.0' }, 'mysql');
    await generate(dir, webhook());
    const schema = read(dir, 'src/db/schema.ts');
    expect(isSubsequence(mysqlSchema, schema)).toBe(true);
    expect(schema).toContain('id: varchar("id", { length: 255 }).primaryKey(),');
    expect(schema).toContain('claimedAt: datetime("claimed_at", { fsp: 3 }).notNull(),');
    const ledger = read(dir, 'src/lib/server/webhook-deliveries.ts');
    expect(ledger).toMatch(/\.ignore\(\)\s+\.values\(\{ id, state: "pending", claimedAt \}\);\s+if \(inserted\.affectedRows === 1\) return "new";/);
    expect(ledger).not.toContain('returning');
  });

  it('--store memory, or no Drizzle: the in-memory log, the schema untouched, no ledger module', async () => {
    const dir = nextProject(pgSchema, { postgres: '3.4.10' }, 'postgresql');
    const { notes } = await generate(dir, webhook('standard', 'memory'));
    expect(read(dir, 'src/db/schema.ts')).toBe(pgSchema);
    expect(read(dir, 'src/lib/server/webhooks.ts')).toContain('export const deliveryLog: DeliveryLog = memoryDeliveryLog();');
    expect(read(dir, 'src/lib/server/webhooks.ts')).not.toContain('databaseDeliveryLog');
    expect(existsSync(join(dir, 'src/lib/server/webhook-deliveries.ts'))).toBe(false);
    expect(notes).toContain("Deliveries are de-duplicated in the server process's memory");
    const plain = project({ 'package.json': JSON.stringify({ dependencies: { next: '16.4.5' } }) });
    await generate(plain, webhook());
    expect(existsSync(join(plain, 'lib/server/webhook-deliveries.js'))).toBe(false);
    expect(read(plain, 'lib/server/webhooks.js')).toContain('memoryDeliveryLog();');
  });

  it('add --template webhook writes the ledger module and its table with the webhooks module that imports them', async () => {
    const dir = nextProject(pgSchema, { postgres: '3.4.10' }, 'postgresql');
    mkdirSync(join(dir, 'src/app/api/hooks'), { recursive: true });
    writeFileSync(join(dir, 'src/app/api/hooks/route.ts'), 'export async function GET() {\n  return new Response("hi");\n}\n');
    await add(dir, { route: 'src/app/api/hooks/route.ts', methods: ['POST'], template: 'webhook' });
    expect(read(dir, 'src/lib/server/webhooks.ts')).toContain('import { databaseDeliveryLog } from "./webhook-deliveries";');
    expect(read(dir, 'src/lib/server/webhook-deliveries.ts')).toContain('import { webhookDeliveries } from "@/db/schema";');
    const schema = read(dir, 'src/db/schema.ts');
    expect(isSubsequence(pgSchema, schema)).toBe(true);
    expect(schema).toContain('export const webhookDeliveries = pgTable("webhook_deliveries", {');
    const again = await planAddRun(dir, { route: 'src/app/api/hooks/route.ts', methods: ['POST'], template: 'webhook' });
    expect(changes(again.plan)).toEqual([]);
  });

  it('refuses --store drizzle without Drizzle and --store prisma; nothing is planned', async () => {
    const plain = project({ 'package.json': JSON.stringify({ dependencies: { next: '16.4.5' } }) });
    const before = snapshotTree(plain);
    await expect(planRun(plain, webhook('standard', 'drizzle'))).rejects.toThrow(/--store drizzle: the project does not depend on drizzle-orm/);
    await expect(planRun(plain, webhook('standard', 'prisma'))).rejects.toThrow(/--store prisma: the project depends on neither prisma nor @prisma\/client/);
    expect(snapshotTree(plain)).toEqual(before);
  });
});

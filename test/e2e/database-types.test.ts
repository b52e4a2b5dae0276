// The Drizzle store on the driver this machine has no server for, MySQL through
// mysql2 (no RETURNING: the store reads a row back after each write), and on
// PGlite with a schema of other column kinds than databases.test.ts serves it
// with (a uuid key, a varchar, a smallint, a string-mode timestamp). In a copy of the
// next16-drizzle app, whose node_modules hold the real drizzle-orm, mysql2 and
// @electric-sql/pglite, the db module is made with that driver and the schema
// in its dialect; the CLI generates a resource from an existing table and one
// with a table it adds, and a webhook whose delivery ledger is a table it adds;
// the app's strict TypeScript must accept every file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { createApp, type App } from './harness/index.js';

interface Variant {
  name: string;
  dialect: string;
  db: string;
  schema: string;
}

const variants: Variant[] = [
  {
    name: 'MySQL (mysql2)',
    dialect: 'mysql',
    db: 'import { drizzle } from "drizzle-orm/mysql2";\nimport mysql from "mysql2/promise";\n\nexport const db = drizzle(mysql.createPool(process.env.DATABASE_URL ?? ""));\n',
    schema: `import { boolean, datetime, int, mysqlEnum, mysqlTable, serial, varchar } from "drizzle-orm/mysql-core";

export const shops = mysqlTable("shops", {
  id: serial("id").primaryKey(),
  name: varchar("name", { length: 100 }).notNull(),
});

export const courses = mysqlTable("courses", {
  id: int("id").autoincrement().primaryKey(),
  title: varchar("title", { length: 200 }).notNull().unique(),
  level: mysqlEnum("level", ["intro", "advanced"]),
  done: boolean("done").notNull().default(false),
  startsAt: datetime("starts_at"),
});
`,
  },
  {
    name: 'PGlite',
    dialect: 'postgresql',
    db: 'import { PGlite } from "@electric-sql/pglite";\nimport { drizzle } from "drizzle-orm/pglite";\n\nexport const db = drizzle(new PGlite("./pgdata"));\n',
    schema: `import { boolean, integer, pgTable, serial, smallint, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

export const courses = pgTable("courses", {
  id: serial("id").primaryKey(),
  title: text("title").notNull().unique(),
  seats: integer("seats"),
  done: boolean("done").notNull().default(false),
  startsAt: timestamp("starts_at", { mode: "string", withTimezone: true }),
});

export const tags = pgTable("tags", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: varchar("slug", { length: 20 }).notNull().unique(),
  weight: smallint("weight"),
});
`,
  },
];

describe.each(variants)('the Drizzle store type-checks on $name', (variant) => {
  let app: App;
  beforeAll(async () => {
    app = await createApp('next16-drizzle');
  });
  afterAll(async () => {
    await app?.remove();
  });

  it('generates from an existing table, with a table it adds, and a webhook ledger; strict tsc accepts the app', async () => {
    await app.writeFile('src/db/index.ts', variant.db);
    await app.writeFile('src/db/schema.ts', variant.schema);
    await app.writeFile('drizzle.config.ts', `import { defineConfig } from "drizzle-kit";\n\nexport default defineConfig({ schema: "./src/db/schema.ts", dialect: "${variant.dialect}" });\n`);
    const cli = (args: string[]) => runCli(args, { cwd: app.dir });
    const runs = [
      ['courses'],
      // Nested under a table with an integer key: the parent's id is parsed and checked.
      ['courses/[id]/lessons', '--param', 'lessonId', '--fields', 'topic:string'],
      ['todos', '--fields', 'title:string,done:boolean,due?:date'],
      ['todos/[id]/notes', '--param', 'noteId', '--fields', 'body:string'],
      ...(variant.dialect === 'postgresql' ? [['tags']] : [['shops/[id]/items', '--param', 'itemId', '--fields', 'label:string']]),
    ];
    for (const args of runs) {
      const result = await cli([...args, '--store', 'drizzle', '--yes']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Store: Drizzle (${variant.dialect})`);
    }
    // The webhook template's delivery ledger on the same database (MySQL: INSERT IGNORE and affected rows, no RETURNING).
    const webhook = await cli(['webhooks', '--template', 'webhook', '--store', 'drizzle', '--yes']);
    expect(webhook.code, webhook.stderr).toBe(0);
    expect(webhook.stdout).toContain(`Delivery ledger: Drizzle (${variant.dialect})`);
    expect(await app.readFile('src/lib/server/webhook-deliveries.ts')).toContain(variant.dialect === 'mysql' ? '.ignore()' : '.onConflictDoNothing()');
    const module = await app.readFile('src/lib/server/resources/courses.ts');
    if (variant.dialect === 'mysql') {
      expect(module).not.toContain('.returning()');
      // MySQL's serial is BIGINT UNSIGNED: a foreign key to it must be one too, or MySQL refuses it.
      expect(await app.readFile('src/db/schema.ts')).toMatch(/shopId: bigint\("shop_id", \{ mode: "number", unsigned: true \}\)/);
    }
    if (variant.dialect === 'postgresql') {
      // A UUID key, a varchar's length and a smallint's range bound what reaches the database.
      const tags = await app.readFile('src/lib/server/resources/tags.ts');
      expect(tags).toContain('if (!UUID.test(id)) return undefined;');
      expect(tags).toMatch(/slug: \{ type: "string", optional: false, maxLength: 20 \}/);
      expect(tags).toMatch(/weight: \{\s*type: "number",\s*optional: true,\s*range: \[-32768, 32767\],?\s*\}/);
      expect(module).toContain('isoTimestamp(row.startsAt)');
    }
    expect(await app.readFile('src/db/schema.ts')).toContain('export const notes =');
    const typegen = await app.run('next', ['typegen']);
    expect(typegen.code, typegen.stdout + typegen.stderr).toBe(0);
    const tsc = await app.run('tsc', ['--noEmit', '-p', 'tsconfig.json']);
    expect(tsc.code, tsc.stdout + tsc.stderr).toBe(0);
  });
});

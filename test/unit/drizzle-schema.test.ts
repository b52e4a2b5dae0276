// The Drizzle schema reader, on schemas in the shapes people write them: sv's
// sample as `sv add drizzle` writes it, aliased and namespace imports, columns
// without names, the callback form, enums, references, and what is not a table.
import { describe, expect, it } from 'vitest';
import { readDrizzleSchema } from '../../src/project/drizzle-schema.js';

describe('readDrizzleSchema', () => {
  it("reads sv's sample table as sv writes it", () => {
    const schema = `import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const task = sqliteTable('task', {
\tid: text('id')
\t\t.primaryKey()
\t\t.$defaultFn(() => crypto.randomUUID()),
\ttitle: text('title').notNull(),
\tpriority: integer('priority').notNull().default(1)
});
`;
    expect(readDrizzleSchema(schema, 'schema.ts')).toEqual([
      {
        exportName: 'task',
        sqlName: 'task',
        dialect: 'sqlite',
        columns: [
          expect.objectContaining({ key: 'id', sqlName: 'id', builder: 'text', primaryKey: true, notNull: true, hasDefault: true }),
          expect.objectContaining({ key: 'title', builder: 'text', notNull: true, hasDefault: false, primaryKey: false }),
          expect.objectContaining({ key: 'priority', builder: 'integer', notNull: true, hasDefault: true }),
        ],
      },
    ]);
  });

  it('reads aliases, namespaces, unnamed columns, modes, enums, references and $onUpdate', () => {
    const schema = `import { pgTable as table, pgEnum, serial, text as str, timestamp } from "drizzle-orm/pg-core";
import * as t from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

export const status = pgEnum("status", ["draft", "published"]);

export const authors = table("authors", {
  id: serial().primaryKey(),
  name: str().notNull().unique(),
});

export const posts = t.pgTable("blog_posts", {
  id: t.uuid("id").primaryKey().defaultRandom(),
  authorId: t.integer("author_id").notNull().references(() => authors.id, { onDelete: "cascade" }),
  state: status("state").notNull(),
  kind: t.text({ enum: ["a", "b"] }),
  tags: t.text().array(),
  publishedAt: timestamp("published_at", { mode: "string", withTimezone: true }),
  updatedAt: t.timestamp().notNull().defaultNow().$onUpdate(() => new Date()),
});

export const callback = t.pgTable("callback", (c) => ({
  id: c.integer().primaryKey().generatedAlwaysAsIdentity(),
  score: c.doublePrecision(),
}));

export const notATable = sql\`select 1\`;
const privateTable = table("hidden", { id: serial().primaryKey() });
`;
    const tables = readDrizzleSchema(schema, 'schema.ts');
    expect(tables.map((t) => [t.exportName, t.sqlName, t.dialect])).toEqual([
      ['authors', 'authors', 'postgresql'],
      ['posts', 'blog_posts', 'postgresql'],
      ['callback', 'callback', 'postgresql'],
    ]);
    const [authors, posts, callback] = tables;
    expect(authors!.columns).toEqual([
      expect.objectContaining({ key: 'id', sqlName: 'id', builder: 'serial', primaryKey: true, hasDefault: true }),
      expect.objectContaining({ key: 'name', sqlName: 'name', builder: 'text', unique: true, notNull: true }),
    ]);
    const column = (key: string) => posts!.columns.find((c) => c.key === key);
    expect(column('id')).toMatchObject({ builder: 'uuid', hasDefault: true, primaryKey: true });
    expect(column('authorId')).toMatchObject({ sqlName: 'author_id', builder: 'integer', notNull: true, references: { table: 'authors', column: 'id' } });
    expect(column('state')).toMatchObject({ builder: 'enum', enumValues: ['draft', 'published'], notNull: true });
    expect(column('kind')).toMatchObject({ builder: 'text', enumValues: ['a', 'b'], notNull: false });
    expect(column('tags')).toMatchObject({ array: true });
    expect(column('publishedAt')).toMatchObject({ sqlName: 'published_at', mode: 'string', notNull: false });
    expect(column('updatedAt')).toMatchObject({ hasDefault: true, onUpdate: true });
    expect(callback!.columns).toEqual([
      expect.objectContaining({ key: 'id', builder: 'integer', primaryKey: true, hasDefault: true, notNull: true }),
      expect.objectContaining({ key: 'score', builder: 'doublePrecision', notNull: false }),
    ]);
  });

  it('reads MySQL tables, and leaves out a table whose column it cannot read', () => {
    const schema = `import { int, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { customColumn } from './custom';

export const users = mysqlTable('users', {
  id: int('id').autoincrement().primaryKey(),
  role: mysqlEnum('role', ['admin', 'user']).notNull(),
  email: varchar('email', { length: 255 }).notNull().unique(),
});

export const odd = mysqlTable('odd', { id: int().primaryKey(), data: customColumn('data') });
`;
    const tables = readDrizzleSchema(schema, 'schema.ts');
    expect(tables.map((t) => t.exportName)).toEqual(['users']);
    expect(tables[0]!.columns).toEqual([
      expect.objectContaining({ key: 'id', builder: 'int', primaryKey: true, hasDefault: true }),
      expect.objectContaining({ key: 'role', builder: 'mysqlEnum', enumValues: ['admin', 'user'] }),
      expect.objectContaining({ key: 'email', builder: 'varchar', unique: true }),
    ]);
  });

  it('finds nothing in a module without drizzle tables, and never runs the code', () => {
    expect(readDrizzleSchema('throw new Error("never run");\nexport const x = 1;\n', 'schema.ts')).toEqual([]);
  });
});

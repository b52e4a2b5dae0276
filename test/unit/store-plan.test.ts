// Where a CRUD resource's records live (--store), planned in process: what
// the run writes for each store, the schema it adds a table to (every byte
// kept, a second run a no-op), and the refusals, with nothing written.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailedError, UsageError } from '../../src/util/errors.js';
import { snapshotTree, useTempProjects } from '../cli/run-cli.js';
import { isSubsequence } from '../patch/subsequence.js';
import { expectIdempotent, generate, planRun, read } from './plan-runs.js';

const project = useTempProjects();

const nextDrizzle = JSON.stringify({ dependencies: { next: '16.4.5', 'drizzle-orm': '0.45.1', postgres: '3.4.10' } });
const pgSchema = `import {
  pgTable,
  pgEnum,
  serial,
  text,
  boolean,
  integer,
} from "drizzle-orm/pg-core";

export const level = pgEnum("level", ["intro", "advanced"]);

// Our courses; the title is unique.
export const courses = pgTable("courses", {
  id: serial("id").primaryKey(),
  title: text("title").notNull().unique(),
  done: boolean("done").notNull().default(false),
  seats: integer("seats"),
  level: level("level"),
});
`;
const pgProject = () =>
  project({
    'package.json': nextDrizzle,
    'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
    'drizzle.config.ts': 'import { defineConfig } from "drizzle-kit";\nexport default defineConfig({ schema: "./src/db/schema.ts", dialect: "postgresql" });\n',
    'src/db/schema.ts': pgSchema,
    'src/db/index.ts': 'import { drizzle } from "drizzle-orm/postgres-js";\nimport postgres from "postgres";\nexport const db = drizzle(postgres(process.env.DATABASE_URL ?? ""));\n',
  });

describe('--store: where a CRUD resource lives', () => {
  it("an existing table gives the fields; the module queries the project's db; the report says why", async () => {
    const dir = pgProject();
    const { notes } = await generate(dir, { resources: ['courses'] });
    const module = read(dir, 'src/lib/server/resources/courses.ts');
    expect(module).toContain('import { db } from "@/db";');
    expect(module).toContain('import { courses } from "@/db/schema";');
    expect(module).toMatch(/export interface CourseInput \{\n {2}title: string;\n {2}done: boolean;\n {2}seats\?: number;\n {2}level\?: "intro" \| "advanced";\n\}/);
    // The enum's values bound the field, so the database never sees another.
    expect(module).toContain('level: { type: "string", optional: true, values: ["intro", "advanced"] },');
    // serial is a 32-bit column: a larger id is no row, and never reaches the database.
    expect(module).toContain('const key = keyOf(id, 2147483647);');
    expect(read(dir, 'src/lib/server/database.ts')).toContain('export function refusal(');
    expect(read(dir, 'src/db/schema.ts')).toBe(pgSchema);
    expect(notes).toContain('Store: Drizzle (postgresql), because drizzle-orm and src/db/schema.ts; the table courses is there.');
    await expectIdempotent(dir, { resources: ['courses'] });
  });

  it('a resource without a table gets one in the schema: inserted, every byte kept, formatted like the file; a second run adds nothing', async () => {
    const dir = pgProject();
    await generate(dir, { resources: ['todos'], fields: 'title:string,due?:date' });
    const { notes } = await generate(dir, { resources: ['todos/[id]/notes'], param: 'noteId', fields: 'title:string,due?:date' });
    const schema = read(dir, 'src/db/schema.ts');
    expect(isSubsequence(pgSchema, schema)).toBe(true);
    // The builders join the schema's import, and the file stays as Prettier prints it.
    expect(schema).toContain('import {\n  pgTable,\n  pgEnum,\n  serial,\n  text,\n  boolean,\n  integer,\n  timestamp,\n} from "drizzle-orm/pg-core";');
    expect(schema).toContain('export const todos = pgTable("todos", {\n  id: text("id")\n    .primaryKey()\n    .$defaultFn(() => crypto.randomUUID()),');
    expect(schema).toContain('due: timestamp("due", { withTimezone: true, precision: 3 }),');
    // The notes of a todo: a column for the parent, referencing its table.
    expect(schema).toContain('todoId: text("todo_id")\n    .notNull()\n    .references(() => todos.id, { onDelete: "cascade" }),');
    expect(notes).toContain('Next: create the table notes in the database: npx drizzle-kit push, or npx drizzle-kit generate and then migrate.');
    expect(read(dir, 'src/lib/server/resources/todos-notes.ts')).toContain('eq(notes.todoId, scope.id)');
    await expectIdempotent(dir, { resources: ['todos/[id]/notes'], param: 'noteId', fields: 'title:string,due?:date' });
    // Two tables in one run: the second goes after the first.
    const both = pgProject();
    await generate(both, { resources: ['todos', 'courses/[id]/lessons'], param: 'itemId', fields: 'title:string' });
    expect(read(both, 'src/db/schema.ts')).toMatch(/export const todos = [^]*export const lessons = pgTable\("lessons", \{[^]*courseId: integer\("course_id"\)[^]*\.references\(\(\) => courses\.id/);
  });

  it('--store memory keeps the in-memory store in a project with Drizzle', async () => {
    const dir = pgProject();
    const { notes } = await generate(dir, { resources: ['courses'], flags: { store: 'memory' } });
    expect(read(dir, 'src/lib/server/resources/courses.ts')).toContain('inMemoryStore("courses")');
    expect(read(dir, 'src/db/schema.ts')).toBe(pgSchema);
    expect(notes).toContain('because --store memory');
  });

  it('refuses --fields against an existing table, --store drizzle without Drizzle, and --store prisma without Prisma; nothing is planned', async () => {
    const dir = pgProject();
    const before = snapshotTree(dir);
    await expect(planRun(dir, { resources: ['courses'], fields: 'title:string' })).rejects.toThrow(UsageError);
    await expect(planRun(dir, { resources: ['courses'], flags: { store: 'prisma' } })).rejects.toThrow(/--store prisma: the project depends on neither prisma nor @prisma\/client/);
    const plain = project({ 'package.json': JSON.stringify({ dependencies: { next: '16.4.5' } }) });
    await expect(planRun(plain, { resources: ['todos'], flags: { store: 'drizzle' } })).rejects.toThrow(FailedError);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('refuses a table it cannot run on: a composite key, a required column of a type no field carries', async () => {
    const composite = `import { pgTable, text, integer, primaryKey, jsonb } from "drizzle-orm/pg-core";
export const pairs = pgTable("pairs", { a: text("a").primaryKey(), b: text("b").primaryKey() });
export const docs = pgTable("docs", { id: text("id").primaryKey(), body: jsonb("body").notNull() });
`;
    const dir = pgProject();
    writeFileSync(join(dir, 'src/db/schema.ts'), composite);
    await expect(planRun(dir, { resources: ['pairs'] })).rejects.toThrow(/composite primary key/);
    await expect(planRun(dir, { resources: ['docs'] })).rejects.toThrow(/its column body \(jsonb\) is required and not a string, number, boolean or date/);
  });

  it('refuses a parameter folder beside another one (todos/[todoId] beside todos/[id])', async () => {
    const dir = pgProject();
    await generate(dir, { resources: ['todos'], fields: 'title:string' });
    await expect(planRun(dir, { resources: ['todos/[todoId]/notes'], fields: 'body:string' })).rejects.toThrow(/todos\/\[todoId\] would sit beside .*todos\/\[id\]/);
    // Within one run too: --param names every resource's item folder.
    await expect(planRun(pgProject(), { resources: ['todos', 'todos/[id]/notes'], param: 'noteId' })).rejects.toThrow(/would sit beside/);
  });
});

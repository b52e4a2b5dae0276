// CRUD resources stored in the project's own database (`--store drizzle`), proved
// on real apps and real databases: an sv-made SvelteKit app (`sv add drizzle`,
// SQLite through libsql, a file in the app) and a create-next-app app with Drizzle
// on PostgreSQL (postgres.js, a throwaway server from Debian's package on
// 127.0.0.1). In each app, as a user would:
//   - a `courses` table already in the app's schema and database, and
//     `create-endpoint courses --store drizzle` reading its fields from it;
//   - `todos` and `todos/[id]/notes`, whose tables do not exist: the
//     generator adds them to the schema (notes with a foreign key to todos);
//   - the app's own `drizzle-kit push`, one build, the production server.
// Then, over HTTP: the in-memory CRUD's whole contract on both top-level
// resources, 409 for a unique violation, 50 concurrent POSTs and PATCHes losing
// nothing, nested notes scoped by their todo, and every record still there after
// the server restarts.
// Two more rows are the Next.js app with another driver in its db module
// (harness/database-app.ts): node-postgres (`pg`'s Pool) on the same kind of
// server, and PGlite in the server's process on a data folder, where every SQL
// statement of the test's own runs while the server is stopped (one process
// opens the folder at a time).
//
//   E2E_DATABASE_APPS=sv-drizzle,next16-pglite   some rows (default: all four:
//   sv-drizzle, next16-drizzle, next16-node-postgres, next16-pglite)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { checkCrudContract, type IdKind } from './crud-contract.js';
import { checkConcurrentPatches, checkConcurrentPosts, checkNestedScoping, jsonClient } from './database-contract.js';
import { createDatabaseApp, databaseAppsOfRun, inProcessDatabase, ok, postgresForApps, type DatabaseApp } from './harness/database-app.js';
import type { DatabaseAppInfo, Server } from './harness/index.js';

const apps = databaseAppsOfRun();

const crudFields = 'title:string,done:boolean,priority?:number,due?:date';

/**
 * The `courses` table as a user would have written it in the schema drizzle.config.ts
 * names, in the file's own style: an integer key the database assigns, a unique
 * title, a boolean with a default, nullable integer and timestamp, and created/updated
 * timestamps with defaults. `imports` replaces the schema's import line.
 */
function coursesTable(info: DatabaseAppInfo): { schemaImports: string; imports: string; table: string } {
  if (info.dialect === 'sqlite') {
    const schemaImports = "import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';";
    return {
      schemaImports,
      imports: `import { sql } from 'drizzle-orm';\n${schemaImports}`,
      table: `export const courses = sqliteTable('courses', {
\tid: integer('id').primaryKey({ autoIncrement: true }),
\ttitle: text('title').notNull().unique(),
\tdone: integer('done', { mode: 'boolean' }).notNull().default(false),
\tpriority: integer('priority'),
\tdue: integer('due', { mode: 'timestamp_ms' }),
\tcreatedAt: integer('created_at', { mode: 'timestamp_ms' })
\t\t.notNull()
\t\t.default(sql\`(unixepoch() * 1000)\`),
\tupdatedAt: integer('updated_at', { mode: 'timestamp_ms' })
\t\t.notNull()
\t\t.$defaultFn(() => new Date())
\t\t.$onUpdate(() => new Date())
});
`,
    };
  }
  return {
    schemaImports: 'import { integer, pgTable, serial, text } from "drizzle-orm/pg-core";',
    imports: 'import { boolean, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";',
    table: `export const courses = pgTable("courses", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  title: text("title").notNull().unique(),
  done: boolean("done").notNull().default(false),
  priority: integer("priority"),
  due: timestamp("due", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true })
    .notNull()
    .defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});
`,
  };
}

/** Table names in the app's database. */
async function tables(db: DatabaseApp): Promise<string[]> {
  const sql =
    db.info.dialect === 'sqlite'
      ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '\\_\\_%' escape '\\' order by name"
      : "select table_name as name from information_schema.tables where table_schema = 'public' order by table_name";
  return (await db.query(sql)).map((row) => String(row.name));
}

/** The tables a table's foreign keys point to. */
async function referencedTables(db: DatabaseApp, table: string): Promise<string[]> {
  const sql =
    db.info.dialect === 'sqlite'
      ? `select "table" as name from pragma_foreign_key_list('${table}')`
      : `select ccu.table_name as name from information_schema.table_constraints tc join information_schema.constraint_column_usage ccu on tc.constraint_name = ccu.constraint_name where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = '${table}'`;
  return (await db.query(sql)).map((row) => String(row.name));
}


const postgres = postgresForApps(apps);

for (const name of apps) {
  describe(name, () => {
    let db: DatabaseApp | undefined;
    let server: Server | undefined;
    const need = <T>(value: T | undefined, what: string): T => {
      if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
      return value;
    };
    const app = () => need(db, 'the app').app;
    const live = () => need(server, 'the server');
    const { send, read, list } = jsonClient(live);
    /**
     * SQL of the test's own while the app is served. PGlite's folder is open in the
     * server's process: the server stops for the statements and starts again on the
     * same data (a restart more), as another program would have to wait for it.
     */
    const sqlBesideServer = async (...statements: string[]): Promise<Record<string, unknown>[][]> => {
      const d = need(db, 'the app');
      if (!inProcessDatabase(d.info)) return Promise.all(statements.map((sql) => d.query(sql)));
      await live().stop();
      try {
        const results: Record<string, unknown>[][] = [];
        for (const sql of statements) results.push(await d.query(sql));
        return results;
      } finally {
        server = await d.start();
      }
    };
    /** The kind of key the generator gave the todos table it added (the contract learns it from the first record). */
    let todoIdKind: IdKind = 'string-or-integer';
    /** The name of the table the generator added for todos. */
    let todosTable: string | undefined;

    beforeAll(async () => {
      db = await createDatabaseApp(name, { postgres: postgres() });
    });
    afterAll(async () => {
      await db?.remove();
    });

    it('has a courses table in its schema and database before create-endpoint runs', async () => {
      const { info } = need(db, 'the app');
      // The db module is made with the row's driver.
      const drizzleEntry = { libsql: 'drizzle-orm/libsql', 'postgres-js': 'drizzle-orm/postgres-js', 'node-postgres': 'drizzle-orm/node-postgres', pglite: 'drizzle-orm/pglite' }[info.driver];
      expect(await app().readFile(info.dbModule)).toMatch(new RegExp(`from ["']${drizzleEntry}["']`));
      const { schemaImports, imports, table } = coursesTable(info);
      const schema = await app().readFile(info.schemaFile);
      if (!schema.includes(schemaImports)) throw new Error(`${info.schemaFile} changed; expected ${schemaImports}`);
      await app().writeFile(info.schemaFile, `${schema.replace(schemaImports, imports)}\n${table}`);
      await need(db, 'the app').push();
      expect(await tables(need(db, 'the app'))).toEqual(['courses', 'task']);
    });

    it('generates courses from the existing table, and todos and their notes with tables it adds', async () => {
      const { info } = need(db, 'the app');
      const cli = (args: string[]) => runCli(args, { cwd: app().dir });
      ok('courses', await cli(['courses', '--store', 'drizzle', '--yes']));
      ok('todos', await cli(['todos', '--store', 'drizzle', '--fields', crudFields, '--yes']));
      // todos/[todoId] beside todos/[id] is a route both frameworks refuse (Next.js only at start-up): refused, nothing written.
      const sibling = await cli(['todos/[todoId]/notes', '--store', 'drizzle', '--fields', 'body:string', '--yes']);
      expect(sibling.code).toBe(1);
      expect(sibling.stderr).toMatch(/beside .*\[id\].*Use the name that is there: \[id\] in place of \[todoId\]/s);
      ok('notes', await cli(['todos/[id]/notes', '--param', 'noteId', '--store', 'drizzle', '--fields', 'body:string', '--yes']));
      // The user's table is still there as written; the new tables are in the same schema file.
      const schema = await app().readFile(info.schemaFile);
      expect(schema).toContain(coursesTable(info).table);
    });

    it("pushes the generator's tables with the app's own drizzle-kit: todos, and notes with a foreign key to todos", async () => {
      await need(db, 'the app').push();
      const names = await tables(need(db, 'the app'));
      const todos = names.filter((t) => /todo/i.test(t) && !/note/i.test(t));
      const notes = names.filter((t) => /note/i.test(t));
      expect(todos).toHaveLength(1);
      expect(notes).toHaveLength(1);
      todosTable = todos[0];
      expect(names).toEqual(expect.arrayContaining(['courses', 'task']));
      expect(await referencedTables(need(db, 'the app'), notes[0]!)).toEqual(todos);
    });

    it.runIf(name === 'sv-drizzle')("passes the app's own check (svelte-kit sync && svelte-check)", async () => {
      ok('npm run check', await app().script('check'));
    });

    // sv: `prettier --check .` (the written files in the app's own style); create-next-app: `eslint`.
    // Both pass on the untouched app with the courses table added.
    it("passes the app's own lint", async () => {
      ok('npm run lint', await app().script('lint'));
    });

    it("builds with the framework's own build and starts the production server", async () => {
      await need(db, 'the app').build();
      server = await need(db, 'the app').start();
    });

    it('courses (an existing table, an integer key): the whole CRUD contract', async () => {
      await checkCrudContract(live().url, '/api/courses', null, live().origin, { id: 'integer' });
    });

    it('todos (a table the generator added): the whole CRUD contract', async () => {
      await checkCrudContract(live().url, '/api/todos', null, live().origin, { id: 'string-or-integer' });
      const first = (await list('/api/todos?limit=1')).items[0];
      todoIdKind = typeof first?.id === 'number' ? 'integer' : 'string';
    });

    it("courses: the API reads and writes the rows of the user's own table", async () => {
      const d = need(db, 'the app');
      const due = '2026-06-15T12:30:00.000Z';
      // A row written by other code of the app, straight into the table.
      await sqlBesideServer(
        d.info.dialect === 'sqlite'
          ? `insert into courses (title, done, priority, due, updated_at) values ('Written in SQL', 1, 3, ${Date.parse(due)}, ${Date.now()})`
          : `insert into courses (title, done, priority, due) values ('Written in SQL', true, 3, '${due}')`,
      );
      const found = await list('/api/courses?title=Written%20in%20SQL');
      expect(found).toMatchObject({ total: 1, items: [{ title: 'Written in SQL', done: true, priority: 3, due }] });
      const patched = await send('PATCH', `/api/courses/${String(found.items[0]!.id)}`, { priority: 4, due: null });
      expect(patched.status).toBe(200);
      const [written, countRows] = await sqlBesideServer("select priority, due from courses where title = 'Written in SQL'", 'select count(*) as n from courses');
      expect(written).toEqual([{ priority: 4, due: null }]);
      const counted = countRows?.[0];
      expect(Number(counted?.n)).toBe((await list('/api/courses?limit=1')).total);
    });

    it('todos: the records are the rows of the table the generator added', async () => {
      const [countRows] = await sqlBesideServer(`select count(*) as n from ${need(todosTable, 'the todos table')}`);
      const counted = countRows?.[0];
      const total = (await list('/api/todos?limit=1')).total;
      expect(total).toBeGreaterThan(0);
      expect(Number(counted?.n)).toBe(total);
    });

    it('courses: a duplicate title is a 409 with a JSON error, on POST, PUT and PATCH, and nothing is written', async () => {
      const before = (await list('/api/courses?limit=1')).total;
      const original = await read(await send('POST', '/api/courses', { title: 'Unique title', done: false }));
      expect(original.status).toBe(201);
      const other = await read(await send('POST', '/api/courses', { title: 'Another title', done: false }));
      expect(other.status).toBe(201);
      const duplicate = await read(await send('POST', '/api/courses', { title: 'Unique title', done: true }));
      expect(duplicate).toMatchObject({ status: 409, body: { error: expect.any(String) } });
      expect(duplicate.type).toContain('application/json');
      const patched = await read(await send('PATCH', `/api/courses/${other.body.id}`, { title: 'Unique title' }));
      expect(patched).toMatchObject({ status: 409, body: { error: expect.any(String) } });
      const put = await read(await send('PUT', `/api/courses/${other.body.id}`, { title: 'Unique title', done: true }));
      expect(put).toMatchObject({ status: 409, body: { error: expect.any(String) } });
      expect((await list('/api/courses?limit=1')).total).toBe(before + 2);
      expect(await read(await live().fetch(`/api/courses/${other.body.id}`))).toMatchObject({ status: 200, body: { title: 'Another title', done: false } });
    });

    for (const resource of ['courses', 'todos']) {
      it(`${resource}: 50 concurrent POSTs are all created, with 50 distinct ids`, () => checkConcurrentPosts(live, resource));
      it(`${resource}: 50 concurrent PATCHes of one record all answer 200, leave one whole patched state, and lose no field`, () => checkConcurrentPatches(live, resource));
    }

    it('notes are scoped by their todo: listed, read, changed and deleted only through it', () => checkNestedScoping(live, todoIdKind === 'integer'));

    it('keeps every record across a server restart', async () => {
      const snapshot = async () => {
        const todosList = await list('/api/todos?limit=5');
        const owner = (await list('/api/todos?title=owner%20A')).items[0];
        return {
          courses: await list('/api/courses?limit=5'),
          lastCourses: await list(`/api/courses?limit=5&offset=${(await list('/api/courses?limit=1')).total - 5}`),
          todos: todosList,
          notes: await list(`/api/todos/${String(owner?.id)}/notes`),
        };
      };
      const before = await snapshot();
      expect(before.courses.total).toBeGreaterThan(50);
      expect(before.todos.total).toBeGreaterThan(50);
      expect(before.notes.total).toBe(2);
      server = await need(db, 'the app').restart(live());
      expect(await snapshot()).toEqual(before);
      // And it goes on: a new record gets a key of its own.
      const created = await read(await send('POST', '/api/courses', { title: 'After the restart', done: false }));
      expect(created.status).toBe(201);
      expect([...before.courses.items, ...before.lastCourses.items].map((c) => c.id)).not.toContain(created.body.id);
      expect((await list('/api/courses?limit=1')).total).toBe(before.courses.total + 1);
    });
  });
}

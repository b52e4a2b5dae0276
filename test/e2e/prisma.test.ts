// CRUD resources on the project's Prisma client (`--store prisma`), proved on a
// create-next-app 16 app with Prisma 7 as `prisma init` sets it up (the
// `prisma-client` generator writing into src/generated/prisma, prisma7.config.ts,
// `@prisma/adapter-pg`, the client exported by src/lib/prisma.ts as Prisma's
// Next.js guide writes it), on a throwaway PostgreSQL server. As a user would:
//   - a `Course` model already in the schema and its table in the database, and
//     `create-endpoint courses` detecting Prisma and reading the fields from it;
//   - `todos` and `todos/[id]/notes`, whose models do not exist: the generator
//     appends them to schema.prisma (notes with a relation to todos);
//   - `prisma generate`, the app's strict `tsc`, its lint, one build, the
//     production server; then the same HTTP contract as the Drizzle apps
//     (databases.test.ts).
// Prisma 7 runs without any binary (the query compiler is WASM inside
// @prisma/client, the driver adapter speaks to PostgreSQL through `pg`), but its
// CLI downloads a schema engine first and fails offline (`getaddrinfo
// ENOTFOUND binaries.prisma.sh`). `prisma generate` does not use that engine:
// the harness points PRISMA_SCHEMA_ENGINE_BINARY at /bin/true to skip the
// download (the tool itself never runs Prisma). `prisma db push` does use it,
// so the tables are created here with the SQL it would run.
//
//   E2E_PRISMA_APPS=none   skip this file (default: next16-prisma)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { isSubsequence } from '../patch/subsequence.js';
import { checkCrudContract } from './crud-contract.js';
import { checkConcurrentPatches, checkConcurrentPosts, checkNestedScoping, jsonClient } from './database-contract.js';
import { ok } from './harness/database-app.js';
import { createApp, prismaAppInfo, prismaAppNames, type App, type PrismaAppName, type Server } from './harness/index.js';
import { startPostgres, type PostgresServer } from './harness/postgres.js';

const requested = process.env.E2E_PRISMA_APPS?.split(',').map((s) => s.trim()).filter(Boolean);
const apps = (requested ?? [...prismaAppNames]).filter((name): name is PrismaAppName => prismaAppNames.some((known) => known === name));

const crudFields = 'title:string,done:boolean,priority?:number,due?:date';

// What `prisma db push` creates for the app's Course model and for the models the generator adds.
const stamps = `"createdAt" timestamp(3) not null default current_timestamp, "updatedAt" timestamp(3) not null`;
const courseTable = `create table "Course" (id serial primary key, title text not null, done boolean not null default false, priority integer, due timestamp(3), ${stamps}); create unique index "Course_title_key" on "Course"(title);`;
const newTables = [
  `create table "Todo" (id text primary key, title text not null, done boolean not null, priority double precision, due timestamp(3), ${stamps});`,
  `create table "Note" (id text primary key, body text not null, "todoId" text not null references "Todo"(id) on delete cascade on update cascade, ${stamps});`,
  `create index "Note_todoId_idx" on "Note"("todoId");`,
].join(' ');


for (const name of apps) {
  describe(name, () => {
    const info = prismaAppInfo[name];
    let pg: PostgresServer | undefined;
    let app: App | undefined;
    let server: Server | undefined;
    let databaseUrl = '';
    let originalSchema = '';
    const need = <T>(value: T | undefined, what: string): T => {
      if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
      return value;
    };
    const env = () => ({ DATABASE_URL: databaseUrl, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true' });
    const live = () => need(server, 'the server');
    const { send, read, list } = jsonClient(live);

    beforeAll(async () => {
      pg = await startPostgres();
      databaseUrl = await pg.createDatabase('prisma_app');
      app = await createApp(name);
    });
    afterAll(async () => {
      await server?.stop();
      await app?.remove();
      await pg?.stop();
    });

    it('has a Course model in its schema and its table in the database before create-endpoint runs', async () => {
      originalSchema = await need(app, 'the app').readFile(info.schemaFile);
      expect(originalSchema).toContain('model Course {');
      await need(pg, 'PostgreSQL').psql(databaseUrl, courseTable);
    });

    it('detects Prisma, generates courses from the model, and todos and their notes with models it appends', async () => {
      const cli = (args: string[]) => runCli(args, { cwd: need(app, 'the app').dir });
      const courses = await cli(['courses', '--yes']);
      ok('courses', courses);
      expect(courses.stdout).toContain('Store: Prisma (postgresql), because prisma and prisma/schema.prisma; the model Course is there.');
      const todos = await cli(['todos', '--fields', crudFields, '--yes']);
      ok('todos', todos);
      expect(todos.stdout).toContain('npx prisma migrate dev (or npx prisma db push), then npx prisma generate');
      ok('notes', await cli(['todos/[id]/notes', '--param', 'noteId', '--store', 'prisma', '--fields', 'body:string', '--yes']));
      const schema = await need(app, 'the app').readFile(info.schemaFile);
      expect(isSubsequence(originalSchema, schema)).toBe(true);
      expect(schema).toMatch(/model Todo \{[^}]*notes +Note\[\][^}]*\}/);
      expect(schema).toMatch(/model Note \{[^}]*todo +Todo +@relation\(fields: \[todoId\], references: \[id\], onDelete: Cascade\)/);
      // A second run changes nothing.
      const again = await cli(['todos', '--fields', crudFields, '--yes']);
      ok('todos again', again);
      expect(await need(app, 'the app').readFile(info.schemaFile)).toBe(schema);
    });

    it('generates the client offline (prisma generate, its schema engine skipped) and creates the new tables', async () => {
      ok('prisma generate', await need(app, 'the app').run('prisma', ['generate'], { env: env(), timeoutMs: 120_000 }));
      await need(pg, 'PostgreSQL').psql(databaseUrl, newTables);
    });

    it("passes the app's strict type-check (next typegen && tsc --noEmit) and its lint", async () => {
      ok('next typegen', await need(app, 'the app').run('next', ['typegen'], { timeoutMs: 120_000 }));
      ok('tsc', await need(app, 'the app').run('tsc', ['--noEmit'], { timeoutMs: 300_000 }));
      ok('npm run lint', await need(app, 'the app').script('lint'));
    });

    it("builds with the framework's own build and starts the production server", async () => {
      ok('build', await need(app, 'the app').build({ env: env(), timeoutMs: 600_000 }));
      server = await need(app, 'the app').start({ env: env() });
    });

    it('courses (an existing model, an Int id): the whole CRUD contract', async () => {
      await checkCrudContract(live().url, '/api/courses', null, live().origin, { id: 'integer' });
    });

    it('todos (a model the generator added, a String id): the whole CRUD contract', async () => {
      await checkCrudContract(live().url, '/api/todos', null, live().origin, { id: 'string' });
    });

    it("courses: the API reads and writes the rows of the user's own table", async () => {
      const psql = (sql: string) => need(pg, 'PostgreSQL').psql(databaseUrl, sql);
      const due = '2026-06-15T12:30:00.000Z';
      await psql(`insert into "Course" (title, done, priority, due, "updatedAt") values ('Written in SQL', true, 3, '2026-06-15 12:30:00', now())`);
      const found = await list('/api/courses?title=Written%20in%20SQL');
      expect(found).toMatchObject({ total: 1, items: [{ title: 'Written in SQL', done: true, priority: 3, due }] });
      expect((await send('PATCH', `/api/courses/${String(found.items[0]!.id)}`, { priority: 4, due: null })).status).toBe(200);
      expect((await psql(`select priority, due is null from "Course" where title = 'Written in SQL'`)).trim()).toBe('4|t');
      expect(Number(await psql('select count(*) from "Course"'))).toBe((await list('/api/courses?limit=1')).total);
    });

    it('courses: a duplicate title is a 409 naming the field, on POST, PUT and PATCH; a value the column cannot hold is a 400', async () => {
      const original = await read(await send('POST', '/api/courses', { title: 'Unique title', done: false }));
      expect(original.status).toBe(201);
      const other = await read(await send('POST', '/api/courses', { title: 'Another title', done: false }));
      expect(other.status).toBe(201);
      const duplicate = await read(await send('POST', '/api/courses', { title: 'Unique title', done: true }));
      expect(duplicate).toMatchObject({ status: 409, body: { error: expect.any(String), fields: { title: expect.any(String) } } });
      expect(duplicate.type).toContain('application/json');
      expect(await read(await send('PATCH', `/api/courses/${other.body.id}`, { title: 'Unique title' }))).toMatchObject({ status: 409 });
      expect(await read(await send('PUT', `/api/courses/${other.body.id}`, { title: 'Unique title', done: true }))).toMatchObject({ status: 409 });
      expect(await read(await live().fetch(`/api/courses/${other.body.id}`))).toMatchObject({ status: 200, body: { title: 'Another title' } });
      // Int is 32 bits: the field's range says so before the database does.
      expect(await read(await send('POST', '/api/courses', { title: 'Too many', done: false, priority: 2 ** 31 }))).toMatchObject({ status: 400, body: { fields: { priority: expect.any(String) } } });
    });

    for (const resource of ['courses', 'todos']) {
      it(`${resource}: 50 concurrent POSTs are all created, with 50 distinct ids`, () => checkConcurrentPosts(live, resource));
      it(`${resource}: 50 concurrent PATCHes of one record all answer 200, leave one whole patched state, and lose no field`, () => checkConcurrentPatches(live, resource));
    }

    it('notes are scoped by their todo: listed, read, changed and deleted only through it', () => checkNestedScoping(live, false));

    it('keeps every record across a server restart', async () => {
      const snapshot = async () => ({ courses: await list('/api/courses?limit=5'), todos: await list('/api/todos?limit=5') });
      const before = await snapshot();
      expect(before.courses.total).toBeGreaterThan(50);
      await live().stop();
      server = await need(app, 'the app').start({ env: env() });
      expect(await snapshot()).toEqual(before);
    });

    // Type-checked, not served: the shapes the served models do not have.
    it('type-checks models with a @db.Uuid id, an enum, a VarChar, a SmallInt, a Float, and a resource nested under a Uuid-keyed model', async () => {
      const a = need(app, 'the app');
      const models = `
enum Level {
  intro
  advanced
}

model Badge {
  id    String  @id @default(uuid()) @db.Uuid
  name  String  @unique @db.VarChar(40)
  level Level?
  seats Int?    @db.SmallInt
  score Float   @default(0)
}
`;
      await a.writeFile(info.schemaFile, `${await a.readFile(info.schemaFile)}${models}`);
      const cli = (args: string[]) => runCli(args, { cwd: a.dir });
      ok('badges', await cli(['badges', '--yes']));
      ok('stickers', await cli(['badges/[id]/stickers', '--param', 'stickerId', '--fields', 'label:string,placedOn?:date', '--yes']));
      expect(await a.readFile(info.schemaFile)).toMatch(/model Sticker \{[^}]*badgeId +String +@db\.Uuid\n/);
      expect(await a.readFile('src/lib/server/resources/badges-stickers.ts')).toContain('if (!UUID.test(scope.id))');
      ok('prisma generate', await a.run('prisma', ['generate'], { env: env(), timeoutMs: 120_000 }));
      ok('tsc', await a.run('tsc', ['--noEmit'], { timeoutMs: 300_000 }));
    });

    it('type-checks every resource again on the older prisma-client-js generator (types from its output folder)', async () => {
      const a = need(app, 'the app');
      const schema = await a.readFile(info.schemaFile);
      await a.writeFile(info.schemaFile, schema.replace('provider = "prisma-client"', 'provider = "prisma-client-js"').replace('../src/generated/prisma', '../src/generated/client-js'));
      await a.writeFile(info.clientModule, (await a.readFile(info.clientModule)).replace('../generated/prisma/client', '../generated/client-js'));
      const cli = (args: string[]) => runCli(args, { cwd: a.dir });
      for (const [resource, param] of [['courses', 'id'], ['todos', 'id'], ['todos/[id]/notes', 'noteId'], ['badges', 'id'], ['badges/[id]/stickers', 'stickerId']] as const) {
        ok(resource, await cli([resource, '--param', param, '--force', '--yes']));
      }
      expect(await a.readFile('src/lib/server/resources/courses.ts')).toContain('from "@/generated/client-js";');
      ok('prisma generate', await a.run('prisma', ['generate'], { env: env(), timeoutMs: 120_000 }));
      ok('tsc', await a.run('tsc', ['--noEmit'], { timeoutMs: 300_000 }));
    });
  });
}

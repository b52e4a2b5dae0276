// `--store prisma`, planned in process: detection of a Prisma set-up (its
// config, schema, generator and client module), a model read as fields, a
// model appended to schema.prisma (every byte kept, a second run a no-op), the
// imports the resource module takes from the client's output, and the
// refusals, with nothing written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailedError, UsageError } from '../../src/util/errors.js';
import { readPrismaSetup } from '../../src/project/prisma.js';
import { readPrismaSchema } from '../../src/project/prisma-schema.js';
import { snapshotTree, useTempProjects } from '../cli/run-cli.js';
import { isSubsequence } from '../patch/subsequence.js';
import { expectIdempotent, generate, planRun, read } from './plan-runs.js';

const project = useTempProjects();

const nextPrisma = JSON.stringify({ dependencies: { next: '16.4.5', '@prisma/client': '7.10.1', '@prisma/adapter-pg': '7.10.1' }, devDependencies: { prisma: '7.10.1' } });
const schema = `// This is your Prisma schema file,
// learn more about it in the docs: https://pris.ly/d/prisma-schema

generator client {
  provider = "prisma-client"
  output   = "../src/generated/prisma"
}

datasource db {
  provider = "postgresql"
}

enum Level {
  intro
  advanced
}

model Course {
  id        Int       @id @default(autoincrement())
  title     String    @unique @db.VarChar(80)
  done      Boolean   @default(false)
  seats     Int?      @db.SmallInt
  level     Level?
  startsOn  DateTime?
  createdAt DateTime  @default(now())
  updatedAt DateTime  @updatedAt
  lessons   Lesson[]
}

model Lesson {
  id       String @id @default(uuid()) @db.Uuid
  name     String
  courseId Int
  course   Course @relation(fields: [courseId], references: [id])
}
`;
const clientModule = 'import { PrismaClient } from "../generated/prisma/client";\nexport const prisma = new PrismaClient();\n';
const prismaProject = (extra: Record<string, string> = {}) =>
  project({
    'package.json': nextPrisma,
    'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
    'prisma.config.ts': 'import { defineConfig } from "prisma/config";\nexport default defineConfig({ schema: "prisma/schema.prisma" });\n',
    'prisma/schema.prisma': schema,
    'src/lib/prisma.ts': clientModule,
    ...extra,
  });

describe('--store prisma: where a CRUD resource lives', () => {
  it("is detected; an existing model gives the fields; the module queries the project's client, importing from the generator's output", async () => {
    const dir = prismaProject();
    const { notes } = await generate(dir, { resources: ['courses'] });
    const module = read(dir, 'src/lib/server/resources/courses.ts');
    expect(module).toContain('import { prisma } from "@/lib/prisma";');
    expect(module).toContain('import type { Prisma, Course as CourseRow } from "@/generated/prisma/client";');
    expect(module).toMatch(/export interface CourseInput \{\n {2}title: string;\n {2}done: boolean;\n {2}seats\?: number;\n {2}level\?: "intro" \| "advanced";\n {2}startsOn\?: string;[^\n]*\n\}/);
    // The column's own checks bound the fields, so the database never sees a value it refuses.
    expect(module).toContain('title: { type: "string", optional: false, maxLength: 80 },');
    expect(module).toContain('seats: { type: "number", optional: true, range: [-32768, 32767] },');
    expect(module).toContain('level: { type: "string", optional: true, values: ["intro", "advanced"] },');
    // An Int id: anything else is no record, and never reaches the database.
    expect(module).toContain('const key = keyOf(id, 2147483647);');
    expect(module).toContain('prisma.$transaction([');
    expect(module).toContain('startsOn: input.startsOn === undefined ? absent : new Date(input.startsOn),');
    expect(read(dir, 'src/lib/server/prisma-errors.ts')).toContain('if (code === "P2002")');
    expect(read(dir, 'prisma/schema.prisma')).toBe(schema);
    expect(notes).toContain('Store: Prisma (postgresql), because prisma and prisma/schema.prisma; the model Course is there.');
    await expectIdempotent(dir, { resources: ['courses'] });
  });

  it('a nested resource on an existing model is scoped by its relation; a @db.Uuid id that is no UUID is no record', async () => {
    const dir = prismaProject();
    await generate(dir, { resources: ['courses/[courseId]/lessons'], param: 'lessonId' });
    const module = read(dir, 'src/lib/server/resources/courses-lessons.ts');
    expect(module).toContain('const courseId = keyOf(scope.courseId, 2147483647);');
    expect(module).toContain('return { courseId };');
    expect(module).toContain('if (!UUID.test(id)) return undefined;');
    expect(module).toMatch(/const courseIdFound = await prisma\.course\.findUnique\(\{\n\s+where: \{ id: courseId \},/);
  });

  it('a resource without a model gets one appended to schema.prisma, with the back-relation its parent needs; every byte kept; a second run adds nothing', async () => {
    const dir = prismaProject();
    const first = await generate(dir, { resources: ['todos'], fields: 'title:string,due?:date' });
    expect(first.notes).toContain('Next: create the table Todo in the database and generate the client: npx prisma migrate dev (or npx prisma db push), then npx prisma generate.');
    await generate(dir, { resources: ['todos/[id]/notes'], param: 'noteId', fields: 'body:string' });
    const after = read(dir, 'prisma/schema.prisma');
    expect(isSubsequence(schema, after)).toBe(true);
    expect(after).toContain(`model Todo {
  id        String    @id @default(uuid())
  title     String
  due       DateTime?
  createdAt DateTime  @default(now())
  updatedAt DateTime  @updatedAt
  notes Note[]
}`);
    expect(after).toContain(`model Note {
  id        String   @id @default(uuid())
  body      String
  todoId    String
  todo      Todo     @relation(fields: [todoId], references: [id], onDelete: Cascade)
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt

  @@index([todoId])
}`);
    expect(read(dir, 'src/lib/server/resources/todos-notes.ts')).toContain('return { todoId: scope.id };');
    await expectIdempotent(dir, { resources: ['todos'], fields: 'title:string,due?:date' });
    await expectIdempotent(dir, { resources: ['todos/[id]/notes'], param: 'noteId', fields: 'body:string' });
    // Two models in one run: the second sees the first.
    const both = prismaProject();
    await generate(both, { resources: ['todos', 'courses/[courseId]/chapters'], param: 'itemId', fields: 'title:string' });
    expect(read(both, 'prisma/schema.prisma')).toMatch(/model Todo \{[^]*model Chapter \{[^]*courseId +Int\n[^]*course +Course +@relation/);
    expect(read(both, 'prisma/schema.prisma')).toMatch(/lessons +Lesson\[\]\n  chapters Chapter\[\]\n\}/);
  });

  it('in SvelteKit 2, the client comes from $lib/server and the types from the output, relatively', async () => {
    const dir = project({
      'package.json': JSON.stringify({ type: 'module', devDependencies: { '@sveltejs/kit': '2.70.4', prisma: '7.10.1', typescript: '~5.9.0' }, dependencies: { '@prisma/client': '7.10.1' } }),
      'tsconfig.json': '{ "extends": "./.svelte-kit/tsconfig.json", "compilerOptions": { "strict": true } }',
      'prisma/schema.prisma': schema,
      'src/lib/server/db.ts': clientModule.replace('export const prisma', 'export const db'),
    });
    await generate(dir, { resources: ['courses'] });
    const module = read(dir, 'src/lib/server/resources/courses.ts');
    expect(module).toContain('import { db } from "$lib/server/db";');
    expect(module).toMatch(/import type \{\s+Prisma,\s+Course as CourseRow,\s+\} from "\.\.\/\.\.\/\.\.\/generated\/prisma\/client";/);
    expect(module).toContain('db.$transaction([');
  });

  it('reads the set-up Prisma 7 users have: prisma7.config.ts, package.json prisma.schema, a schema folder, prisma-client-js, a default-exported client', () => {
    const folder = prismaProject({ 'prisma.config.ts': '', 'prisma/schema.prisma': '', 'src/lib/prisma.ts': '' });
    writeFileSync(join(folder, 'prisma7.config.ts'), 'export default { schema: "./db/schema" };\n');
    mkdirSync(join(folder, 'db/schema'), { recursive: true });
    writeFileSync(join(folder, 'db/schema/main.prisma'), 'generator client {\n  provider = "prisma-client-js"\n}\n\ndatasource db {\n  provider = "sqlite"\n}\n');
    writeFileSync(join(folder, 'db/schema/post.prisma'), 'model Post {\n  id Int @id @default(autoincrement())\n}\n');
    mkdirSync(join(folder, 'lib'));
    writeFileSync(join(folder, 'lib/prisma.ts'), 'import { PrismaClient } from "@prisma/client";\nconst prisma = new PrismaClient();\nexport default prisma;\n');
    const setup = readPrismaSetup(folder, JSON.parse(nextPrisma));
    expect(setup).toMatchObject({ provider: 'sqlite', configFile: 'prisma7.config.ts', schemaFile: 'db/schema/main.prisma', clientTypes: { package: '@prisma/client' }, clientModule: 'lib/prisma.ts', clientExport: 'default' });
    expect(setup !== null && 'schema' in setup ? setup.schema.models.map((m) => `${m.file}:${m.name}`) : []).toEqual(['db/schema/post.prisma:Post']);
    const fromPackage = prismaProject({ 'prisma.config.ts': '', 'prisma/schema.prisma': '' });
    mkdirSync(join(fromPackage, 'db'));
    writeFileSync(join(fromPackage, 'db/app.prisma'), schema);
    expect(readPrismaSetup(fromPackage, { ...JSON.parse(nextPrisma), prisma: { schema: 'db/app.prisma' } })).toMatchObject({ schemaFile: 'db/app.prisma', clientTypes: { file: 'src/generated/prisma/client.ts' } });
    // What is missing, said: the output prisma-client requires, a client module.
    expect(readPrismaSetup(prismaProject({ 'prisma/schema.prisma': schema.replace('  output   = "../src/generated/prisma"\n', '') }), JSON.parse(nextPrisma))).toEqual({ missing: expect.stringContaining('the output of its "prisma-client" generator') });
    expect(readPrismaSetup(prismaProject({ 'src/lib/prisma.ts': 'export const client = 1;\n' }), JSON.parse(nextPrisma))).toEqual({ missing: expect.stringContaining('a module exporting the client as `prisma` or `db`') });
    expect(readPrismaSetup(prismaProject(), { dependencies: { next: '16.4.5' } })).toBeNull();
  });

  it('reads models as prisma format lays them out: optional, lists, defaults, native types, relations, composite ids', () => {
    const read = readPrismaSchema(new Map([['s.prisma', `${schema}\nmodel Pair {\n  a String\n  b String\n  tags String[]\n\n  @@id([a, b])\n}\n`]]));
    expect(read.enums.get('Level')).toEqual(['intro', 'advanced']);
    const course = read.models.find((m) => m.name === 'Course')!;
    expect(course.fields.find((f) => f.name === 'id')).toMatchObject({ type: 'Int', id: true, default: 'autoincrement' });
    expect(course.fields.find((f) => f.name === 'title')).toMatchObject({ unique: true, native: { name: 'VarChar', args: ['80'] } });
    expect(course.fields.find((f) => f.name === 'lessons')).toMatchObject({ type: 'Lesson', list: true });
    expect(read.models.find((m) => m.name === 'Lesson')!.fields.find((f) => f.name === 'course')).toMatchObject({ relationFields: ['courseId'], relationReferences: ['id'] });
    expect(read.models.find((m) => m.name === 'Pair')).toMatchObject({ compositeId: true });
  });

  it("a webhook in a Prisma project keeps its delivery ledger in memory (no Prisma ledger yet); the schema is not touched", async () => {
    const dir = prismaProject();
    const { notes } = await generate(dir, { resources: ['hooks/stripe'], template: 'webhook', flags: { provider: 'stripe' } });
    expect(notes).toContain("Deliveries are de-duplicated in the server process's memory");
    expect(read(dir, 'prisma/schema.prisma')).toBe(schema);
  });

  it('in a project with both, Drizzle stays the detected store; --store prisma chooses Prisma', async () => {
    const dir = prismaProject({
      'package.json': JSON.stringify({ dependencies: { ...JSON.parse(nextPrisma).dependencies, 'drizzle-orm': '0.45.1', postgres: '3.4.10' }, devDependencies: { prisma: '7.10.1' } }),
      'src/db/schema.ts': 'import { pgTable, serial } from "drizzle-orm/pg-core";\nexport const things = pgTable("things", { id: serial("id").primaryKey() });\n',
      'src/db/index.ts': 'export const db = {};\n',
    });
    expect((await planRun(dir, { resources: ['courses'] })).nextSteps.join('\n')).toContain('Store: Drizzle');
    expect((await planRun(dir, { resources: ['courses'], flags: { store: 'prisma' } })).nextSteps.join('\n')).toContain('Store: Prisma (postgresql), because --store prisma; the model Course is there.');
  });

  it('refuses what it does not run on (exit 2): MongoDB, a composite id, a required field no field type carries, --fields against a model; and --store prisma without Prisma (exit 1); nothing is planned', async () => {
    const dir = prismaProject();
    const before = snapshotTree(dir);
    await expect(planRun(dir, { resources: ['courses'], fields: 'title:string' })).rejects.toThrow(UsageError);
    const mongo = prismaProject({ 'prisma/schema.prisma': schema.replace('"postgresql"', '"mongodb"') });
    await expect(planRun(mongo, { resources: ['courses'] })).rejects.toThrow(/provider is mongodb/);
    const odd = prismaProject({ 'prisma/schema.prisma': `${schema}\nmodel Pair {\n  a String\n  b String\n\n  @@id([a, b])\n}\n\nmodel Doc {\n  id   Int  @id @default(autoincrement())\n  body Json\n}\n` });
    await expect(planRun(odd, { resources: ['pairs'] })).rejects.toThrow(/has a composite id/);
    await expect(planRun(odd, { resources: ['docs'] })).rejects.toThrow(/its field body \(Json\) is required and not a string, number, boolean or date/);
    await expect(planRun(odd, { resources: ['docs'] })).rejects.toThrow(UsageError);
    // A set-up without its client module: memory, saying why; --store prisma fails.
    const partial = prismaProject({ 'src/lib/prisma.ts': 'export const client = 1;\n' });
    expect((await planRun(partial, { resources: ['courses'] })).nextSteps.join('\n')).toContain('because prisma is a dependency, but the project lacks a module exporting the client as `prisma` or `db`');
    await expect(planRun(partial, { resources: ['courses'], flags: { store: 'prisma' } })).rejects.toThrow(FailedError);
    const plain = project({ 'package.json': JSON.stringify({ dependencies: { next: '16.4.5' } }) });
    await expect(planRun(plain, { resources: ['todos'], flags: { store: 'prisma' } })).rejects.toThrow(FailedError);
    expect(snapshotTree(dir)).toEqual(before);
  });
});

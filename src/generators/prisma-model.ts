import { UsageError } from '../util/errors.js';
import type { Field, FieldType } from '../model/fields.js';
import type { PrismaField, PrismaModel, PrismaSchema } from '../project/prisma-schema.js';

/** A key the URL gives (the record's id, a parent's): an integer key and its largest value, or a UUID column. */
export interface PrismaKey {
  key: string;
  integer: boolean;
  max: number;
  uuid: boolean;
}

/** What the generated store needs to know about the model it runs on. */
export interface PrismaStoreModel {
  name: string;
  /** The client's property for the model: `course` of `Course`. */
  delegate: string;
  id: PrismaKey & { generated: boolean };
  /** The fields the client writes; `date`: a DateTime, written as a `Date`. */
  fields: { field: Field; date: boolean }[];
  scope: (PrismaKey & { param: string })[];
  created?: { key: string; filled: boolean };
  updated?: { key: string; filled: boolean };
  /** Every scalar the record answers, and whether it may be null. */
  columns: { key: string; optional: boolean }[];
}

const INT: readonly [number, number] = [-(2 ** 31), 2 ** 31 - 1];
const reservedFields = new Set(['limit', 'offset', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']);

/** The field type a scalar carries, with its checks; undefined for what no field type carries (BigInt, Decimal, Json, Bytes, lists). */
export function prismaFieldType(field: PrismaField, schema: PrismaSchema): (Pick<Field, 'values' | 'maxLength' | 'range'> & { type: FieldType }) | undefined {
  if (field.list) return undefined;
  const values = schema.enums.get(field.type);
  if (values) return { type: 'string', values };
  const length = field.native && ['VarChar', 'Char', 'NVarChar', 'NChar'].includes(field.native.name) ? Number(field.native.args[0]) : NaN;
  if (field.type === 'String') return Number.isInteger(length) ? { type: 'string', maxLength: length } : { type: 'string' };
  if (field.type === 'Int') {
    const small = field.native?.name === 'SmallInt' ? 2 ** 15 : field.native?.name === 'TinyInt' ? 2 ** 7 : 0;
    return { type: 'number', range: small ? [-small, small - 1] : INT };
  }
  if (field.type === 'Float') return { type: 'number' };
  if (field.type === 'Boolean') return { type: 'boolean' };
  if (field.type === 'DateTime') return { type: 'date' };
  return undefined;
}

/** Whether a field is a relation to another model (no column of its own). */
export function isRelation(field: PrismaField, schema: PrismaSchema): boolean {
  return schema.models.some((m) => m.name === field.type);
}

/** The URL key a scalar is: an Int's range, a `@db.Uuid`. */
export function keyOf(field: PrismaField): PrismaKey {
  const integer = field.type === 'Int';
  return { key: field.name, integer, max: INT[1], uuid: field.native?.name === 'Uuid' };
}

/**
 * Reads a model as a resource: its one `@id`, the scalars the client writes
 * as fields, the timestamps the store keeps, the scalars of the parent
 * parameters. A scalar the field types cannot carry is left out when the
 * database fills it (a default) or it is optional, else the model is refused:
 * the endpoints could not create a record.
 */
export function storeModelOf(model: PrismaModel, schema: PrismaSchema, parents: { param: string; key: string; parentModel?: string }[]): PrismaStoreModel {
  const where = `the model ${model.name} of ${model.file}`;
  const ids = model.fields.filter((f) => f.id);
  const id = ids[0];
  if (model.compositeId || !id || ids.length > 1) throw new UsageError(`${where} has ${model.compositeId ? 'a composite' : 'no'} id; the generated store reads records by one @id field.`, 'Give the model one @id field, or generate with --store memory.');
  if (id.type !== 'String' && id.type !== 'Int') throw new UsageError(`${where}: its id ${id.name} is ${id.type}, not a String or an Int.`, 'Generate with --store memory.');
  if (id.type === 'Int' && id.default !== 'autoincrement') throw new UsageError(`${where}: its Int id ${id.name} has no @default(autoincrement()), so nothing would number a new record.`);
  const scalars = model.fields.filter((f) => !isRelation(f, schema));
  const scope = parents.map(({ param, key, parentModel }) => {
    const named = scalars.find((f) => f.name === key && !f.id);
    const related = model.fields.find((f) => parentModel !== undefined && f.type === parentModel && f.relationFields?.length === 1);
    const field = named ?? scalars.find((f) => f.name === related?.relationFields?.[0]);
    if (!field) throw new UsageError(`${where} has no field for the parent parameter ${param}: a field named ${key}, or a relation to ${parentModel ?? 'the parent model'}.`);
    return { param, ...keyOf(field) };
  });
  const taken = new Set([id.name, ...scope.map((s) => s.key)]);
  const stamp = (pattern: RegExp, filled: (f: PrismaField) => boolean) => {
    const field = scalars.find((f) => !taken.has(f.name) && pattern.test(f.name) && f.type === 'DateTime' && !f.list);
    if (!field) return undefined;
    taken.add(field.name);
    return { key: field.name, filled: filled(field) };
  };
  const created = stamp(/^created(At|_at|On)$/i, (f) => f.default !== undefined);
  const updated = stamp(/^updated(At|_at|On)$/i, (f) => f.updatedAt || f.default !== undefined);
  const fields: PrismaStoreModel['fields'] = [];
  const answered = new Set(taken);
  for (const scalar of scalars) {
    if (taken.has(scalar.name)) continue;
    const type = prismaFieldType(scalar, schema);
    if (!type || reservedFields.has(scalar.name)) {
      if (!scalar.optional && scalar.default === undefined && !scalar.updatedAt) {
        throw new UsageError(`${where}: its field ${scalar.name} (${scalar.type}${scalar.list ? '[]' : ''}) is required and ${type ? 'named like a list parameter' : 'not a string, number, boolean or date'}, so the endpoints could not create a record.`, 'Give it a default, or generate with --store memory.');
      }
      continue;
    }
    answered.add(scalar.name);
    // A required field is required, default or not: a PUT replaces every field.
    fields.push({ field: { name: scalar.name, optional: scalar.optional, ...type }, date: type.type === 'date' });
  }
  return {
    name: model.name,
    delegate: model.name[0]!.toLowerCase() + model.name.slice(1),
    id: { ...keyOf(id), generated: id.default !== undefined },
    fields,
    scope,
    ...(created ? { created } : {}),
    ...(updated ? { updated } : {}),
    columns: scalars.filter((f) => answered.has(f.name)).map((f) => ({ key: f.name, optional: f.optional })),
  };
}

/** A parent of a new model: the scalar holding its key, and the parent model when the schema has it. */
export interface NewModelParent {
  key: string;
  parent?: { model: PrismaModel; id: PrismaField };
}

const prismaTypes: Record<FieldType, string> = { string: 'String', number: 'Float', boolean: 'Boolean', date: 'DateTime' };

/**
 * A model for a resource, as `prisma format` lays it out: a String id the
 * client fills with a UUID, the fields (`?` when optional), a scalar per
 * parent parameter with its relation (`onDelete: Cascade`) when the schema
 * has the parent, and `createdAt`/`updatedAt`.
 */
export function renderPrismaModel(name: string, fields: readonly Field[], parents: readonly NewModelParent[]): string {
  const rows: string[][] = [['id', 'String', '@id @default(uuid())']];
  for (const f of fields) rows.push([f.name, `${prismaTypes[f.type]}${f.optional ? '?' : ''}`, '']);
  for (const { key, parent } of parents) {
    rows.push([key, parent ? `${parent.id.type}` : 'String', parent?.id.native ? `@db.${parent.id.native.name}${parent.id.native.args.length ? `(${parent.id.native.args.join(', ')})` : ''}` : '']);
    if (parent) rows.push([relationName(key), parent.model.name, `@relation(fields: [${key}], references: [${parent.id.name}], onDelete: Cascade)`]);
  }
  rows.push(['createdAt', 'DateTime', '@default(now())'], ['updatedAt', 'DateTime', '@updatedAt']);
  const width = (i: number) => Math.max(...rows.map((r) => r[i]!.length));
  const body = rows.map((r) => `  ${r[0]!.padEnd(width(0))} ${r[2] ? `${r[1]!.padEnd(width(1))} ${r[2]}` : r[1]}`.trimEnd());
  const indexes = parents.map(({ key }) => `  @@index([${key}])`);
  return `model ${name} {\n${[...body, ...(indexes.length ? ['', ...indexes] : [])].join('\n')}\n}\n`;
}

/** The relation field beside a parent's scalar: `todo` beside `todoId`. */
export function relationName(key: string): string {
  return key.replace(/Id$/, '') === key ? `${key}Record` : key.replace(/Id$/, '');
}

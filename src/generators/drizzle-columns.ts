import { FailedError } from '../util/errors.js';
import type { Field, FieldType } from '../model/fields.js';
import type { DrizzleColumn, DrizzleDialect, DrizzleTable } from '../project/drizzle-schema.js';

/** How a field's JSON value becomes the column's: as it is, a `Date`, or an ISO string (a `mode: 'string'` timestamp). */
export type ColumnWrite = 'plain' | 'date' | 'date-string';

/** A column the client writes: the field it is, and how its value is written. */
export interface FieldColumn {
  field: Field;
  write: ColumnWrite;
}

/** A timestamp the store keeps itself (`createdAt`, `updatedAt`). */
export interface StampColumn {
  key: string;
  write: ColumnWrite;
  /** The schema fills it (a default on insert, `$onUpdate` on update): the store leaves it alone. */
  filled: boolean;
}

/** A column that holds a parent route parameter of a nested resource. */
export interface ScopeColumn {
  param: string;
  key: string;
  integer: boolean;
  /** An integer column's largest value: a URL's id past it matches no row. */
  max: number;
  /** A uuid column: a URL's id that is no UUID matches no row. */
  uuid: boolean;
}

/** What the generated store needs to know about the table it runs on. */
export interface StoreTable {
  exportName: string;
  id: { key: string; integer: boolean; generated: boolean; max: number; uuid: boolean };
  /** Every column, whether it may hold null, and a string-mode timestamp's: the record the endpoints answer. */
  columns: { key: string; notNull: boolean; dateString: boolean }[];
  fields: FieldColumn[];
  scope: ScopeColumn[];
  created?: StampColumn;
  updated?: StampColumn;
  /** SQL name → key of every column: how a refusal's column names map back to fields. */
  sqlNames: Record<string, string>;
}

const reservedFields = new Set(['limit', 'offset', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']);

/**
 * Reads a table as a resource: the primary key (one column), the columns the
 * client writes as fields, the timestamps the store keeps, the columns of the
 * parent parameters. A column the field types cannot carry is left out when
 * the database can fill it, else the table is refused: the endpoints could
 * not create a row.
 */
export function storeTableOf(table: DrizzleTable, parents: { param: string; column?: string; parentTable?: string }[], schemaFile: string): StoreTable {
  const where = `the table ${table.exportName} of ${schemaFile}`;
  const keys = table.columns.filter((c) => c.primaryKey);
  const key = keys[0];
  if (!key || keys.length > 1) throw new FailedError(`${where} has ${keys.length === 0 ? 'no' : 'a composite'} primary key; the generated store reads records by one key column.`, 'Give the table one primary key column, or generate with --store memory.');
  const keyType = fieldTypeOf(key, table.dialect);
  if (keyType?.type !== 'string' && keyType?.type !== 'number') throw new FailedError(`${where}: its key ${key.key} is not a text or integer column.`);
  const integer = keyType.type === 'number';
  // An integer key of SQLite is the rowid: the database numbers it.
  const generated = key.hasDefault || (integer && table.dialect === 'sqlite');
  if (integer && !generated) throw new FailedError(`${where}: its integer key ${key.key} has no default, so nothing would number a new record.`, 'Make it serial, an identity or autoIncrement.');
  const scope = parents.map(({ param, column: named = param, parentTable }) => {
    const column = table.columns.find((c) => c.key === named && !c.primaryKey) ?? table.columns.find((c) => parentTable !== undefined && c.references?.table === parentTable);
    if (!column) throw new FailedError(`${where} has no column for the parent parameter ${param}: a column named ${param}, or one that references ${parentTable ?? 'the parent table'}.`);
    return { param, key: column.key, integer: fieldTypeOf(column, table.dialect)?.type === 'number', max: largestKey(column, table.dialect), uuid: column.builder === 'uuid' };
  });
  const taken = new Set([key.key, ...scope.map((s) => s.key)]);
  const stamp = (pattern: RegExp, filled: (c: DrizzleColumn) => boolean): StampColumn | undefined => {
    const column = table.columns.find((c) => !taken.has(c.key) && pattern.test(c.key) && fieldTypeOf(c, table.dialect)?.type === 'date');
    if (!column) return undefined;
    taken.add(column.key);
    return { key: column.key, write: fieldTypeOf(column, table.dialect)!.write, filled: filled(column) };
  };
  const created = stamp(/^created(At|_at|On)$/i, (c) => c.hasDefault);
  const updated = stamp(/^updated(At|_at|On)$/i, (c) => c.onUpdate);
  const fields: FieldColumn[] = [];
  for (const column of table.columns) {
    if (taken.has(column.key)) continue;
    const type = fieldTypeOf(column, table.dialect);
    if (!type || reservedFields.has(column.key)) {
      if (column.notNull && !column.hasDefault) throw new FailedError(`${where}: its column ${column.key} (${column.builder}${column.mode ? `, mode ${column.mode}` : ''}) is required and ${type ? 'named like a list parameter' : 'not a string, number, boolean or date'}, so the endpoints could not create a record.`, 'Give it a default, or generate with --store memory.');
      continue;
    }
    // NOT NULL is required, default or not: a PUT replaces every field, and a
    // PATCH cannot clear it. A column that may be null is optional.
    const field: Field = { name: column.key, type: type.type, optional: !column.notNull, ...constraintsOf(column, table.dialect) };
    fields.push({ field, write: type.write });
  }
  const sqlNames = Object.fromEntries(table.columns.map((c) => [c.sqlName, c.key]));
  const columns = table.columns.map((c) => ({ key: c.key, notNull: c.notNull, dateString: fieldTypeOf(c, table.dialect)?.write === 'date-string' }));
  return { exportName: table.exportName, id: { key: key.key, integer, generated, max: largestKey(key, table.dialect), uuid: key.builder === 'uuid' }, columns, fields, scope, created, updated, sqlNames };
}

/** The field type a column's JSON value has, and how a value is written to it; undefined for what no field type carries. */
export function fieldTypeOf(column: DrizzleColumn, dialect: DrizzleDialect): { type: FieldType; write: ColumnWrite } | undefined {
  if (column.array) return undefined;
  const { builder, mode } = column;
  if (column.enumValues || ['text', 'varchar', 'char', 'uuid', 'citext', 'enum', 'mysqlEnum', 'tinytext', 'mediumtext', 'longtext'].includes(builder)) return { type: 'string', write: 'plain' };
  if (builder === 'boolean' || (builder === 'integer' && mode === 'boolean')) return { type: 'boolean', write: 'plain' };
  if (builder === 'integer' && (mode === 'timestamp' || mode === 'timestamp_ms')) return { type: 'date', write: 'date' };
  if (['timestamp', 'datetime', 'date'].includes(builder)) {
    // PostgreSQL's date() holds a string unless its mode says otherwise; the rest hold Dates.
    const stringMode = mode === 'string' || (builder === 'date' && mode === undefined && dialect === 'postgresql');
    return { type: 'date', write: stringMode ? 'date-string' : 'date' };
  }
  if (['numeric', 'decimal'].includes(builder)) return mode === 'number' ? { type: 'number', write: 'plain' } : { type: 'string', write: 'plain' };
  if (builder === 'bigint' || builder === 'bigserial') return mode === 'number' ? { type: 'number', write: 'plain' } : undefined;
  if (['integer', 'int', 'smallint', 'mediumint', 'tinyint', 'real', 'doublePrecision', 'double', 'float', 'serial', 'smallserial'].includes(builder)) return { type: 'number', write: 'plain' };
  return undefined;
}

/** The values an integer column holds, as far as a JSON number holds them exactly. */
export function integerRange(column: DrizzleColumn, dialect: DrizzleDialect): readonly [number, number] {
  const safe = Number.MAX_SAFE_INTEGER;
  if (dialect === 'sqlite') return [-safe, safe];
  // MySQL's serial is BIGINT UNSIGNED.
  const unsigned = column.unsigned === true || (dialect === 'mysql' && column.builder === 'serial');
  const bits = { tinyint: 8, smallint: 16, smallserial: 16, mediumint: 24, int: 32, integer: 32, serial: dialect === 'mysql' ? 64 : 32 }[column.builder] ?? 64;
  if (bits === 64) return [unsigned ? 0 : -safe, safe];
  return unsigned ? [0, 2 ** bits - 1] : [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1];
}

/** The largest id an integer key column holds. */
export function largestKey(column: DrizzleColumn, dialect: DrizzleDialect): number {
  return integerRange(column, dialect)[1];
}

/** The checks a column puts on its field beyond its type: an enum's values, a varchar's length, an integer's range. */
function constraintsOf(column: DrizzleColumn, dialect: DrizzleDialect): Pick<Field, 'values' | 'maxLength' | 'range'> {
  if (column.enumValues) return { values: column.enumValues };
  if (column.length !== undefined && ['varchar', 'char'].includes(column.builder)) return { maxLength: column.length };
  // An integer column that holds numbers: not SQLite's booleans and timestamps in one.
  const integer = ['integer', 'int', 'smallint', 'mediumint', 'tinyint', 'serial', 'smallserial', 'bigint', 'bigserial'].includes(column.builder);
  return integer && fieldTypeOf(column, dialect)?.type === 'number' ? { range: integerRange(column, dialect) } : {};
}

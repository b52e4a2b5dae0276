import { UsageError } from '../util/errors.js';

export const fieldTypes = ['string', 'number', 'boolean', 'date'] as const;
export type FieldType = (typeof fieldTypes)[number];

export interface Field {
  name: string;
  type: FieldType;
  /** May be left out of a POST or PUT, and removed by a PATCH with null. */
  optional: boolean;
  // Checks a database column puts on its field (no --fields syntax gives them):
  /** A string's allowed values: an enum's. */
  values?: readonly string[];
  /** A string's longest length: a varchar's. */
  maxLength?: number;
  /** A number is whole and within these bounds: an integer column's. */
  range?: readonly [number, number];
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/**
 * Names the store sets itself, that would shadow Object.prototype in a
 * record, or that the list reads as paging (`?limit=&offset=`) and so could
 * not be filters too.
 */
const reserved = new Set(['id', 'createdAt', 'updatedAt', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'limit', 'offset']);

/** Parses `title:string,done:boolean,priority?:number` (a bare name is a string). */
export function parseFields(spec: string): Field[] {
  if (spec.trim() === '') throw new UsageError('--fields is empty.', 'Example: --fields title:string,done:boolean,priority?:number');
  const fields: Field[] = [];
  for (const raw of spec.split(',')) {
    const part = raw.trim();
    const match = /^([^:?]+)(\?)?(?::(.*))?$/.exec(part);
    const name = match?.[1]?.trim() ?? '';
    if (!match || !identifier.test(name)) {
      throw new UsageError(`--fields: "${part}" is not a field; write name:type, or name?:type for an optional field.`);
    }
    if (reserved.has(name)) {
      const why = name === 'limit' || name === 'offset' ? 'the list reads ?limit= and ?offset= as its page' : 'the store sets id, createdAt and updatedAt, and a record keeps Object.prototype names';
      throw new UsageError(`--fields: "${name}" is reserved (${why}).`, 'Name the field otherwise, e.g. maxCount.');
    }
    const type = (match[3]?.trim() || 'string') as FieldType;
    if (!fieldTypes.includes(type)) {
      throw new UsageError(`--fields: "${name}" has unknown type "${type}"; use one of ${fieldTypes.join(', ')}.`);
    }
    if (fields.some((f) => f.name === name)) throw new UsageError(`--fields: "${name}" is given twice.`);
    fields.push({ name, type, optional: match[2] === '?' });
  }
  return fields;
}

export function formatFields(fields: readonly Field[]): string {
  return fields.map((f) => `${f.name}${f.optional ? '?' : ''}:${f.type}`).join(',');
}

import type { FieldType } from './fields.js';

/** A field type's schema in one validation library, and what the schema needs imported from the generated resources module. */
export interface SchemaOf {
  /** The schema expression, e.g. `z.string()`, or the name of a schema the resources module exports. */
  schema: string;
  /** Names the expression takes from the resources module (`isoDate`). */
  imports: readonly string[];
}

/**
 * Everything the CRUD templates write per field type, at render time. Values
 * that go into generated code are code: JSON literals for the test samples.
 */
export interface FieldTypeRow {
  /** The TypeScript type of the field in the resource's interface (without a validation library). */
  tsType: string;
  /** A line comment after the field in that interface ('' for none). */
  tsComment: string;
  /** The `type` of the field in the module's fields table (a FieldSpec of the generated resources module). */
  specType: string;
  zod: SchemaOf;
  valibot: SchemaOf;
  /** The generated tests' value of a field of this type. */
  sample: string;
  /** `sample` as the endpoints store and answer it. */
  storedSample: string;
  /** A second value, unequal to `sample`. */
  other: string;
  /** `other` as the endpoints store and answer it. */
  storedOther: string;
  /** A value of another type, that the endpoints refuse. */
  wrong: string;
  /** Query values a filter on a field of this type refuses with 400 (none for a string, which takes any). */
  badQuery: readonly string[];
}

/**
 * One row per field type: adding a type is a row here (a missing column or
 * type does not compile) and its case in the generated runtime's switches
 * (templates/crud/resources.ts.ejs), which is user code and so keeps its own.
 */
export const fieldTypeRows = {
  string: {
    tsType: 'string',
    tsComment: '',
    specType: 'string',
    zod: { schema: 'z.string()', imports: [] },
    valibot: { schema: 'v.string()', imports: [] },
    sample: '"example"',
    storedSample: '"example"',
    other: '"other"',
    storedOther: '"other"',
    wrong: '1',
    badQuery: [],
  },
  number: {
    tsType: 'number',
    tsComment: '',
    specType: 'number',
    zod: { schema: 'z.number()', imports: [] },
    // JSON.parse reads 1e400 as Infinity, which v.number() takes; the resources module's finiteNumber refuses it.
    valibot: { schema: 'finiteNumber', imports: ['finiteNumber'] },
    sample: '1',
    storedSample: '1',
    other: '2',
    storedOther: '2',
    wrong: '"one"',
    badQuery: ['"one"'],
  },
  boolean: {
    tsType: 'boolean',
    tsComment: '',
    specType: 'boolean',
    zod: { schema: 'z.boolean()', imports: [] },
    valibot: { schema: 'v.boolean()', imports: [] },
    sample: 'true',
    storedSample: 'true',
    other: 'false',
    storedOther: 'false',
    wrong: '"yes"',
    badQuery: ['"maybe"'],
  },
  date: {
    // Dates travel and are stored as ISO strings, normalized to UTC.
    tsType: 'string',
    tsComment: ' // ISO 8601',
    specType: 'date',
    zod: { schema: 'isoDate', imports: ['isoDate'] },
    valibot: { schema: 'isoDate', imports: ['isoDate'] },
    sample: '"2026-01-01"',
    storedSample: '"2026-01-01T00:00:00.000Z"',
    other: '"2026-01-02"',
    storedOther: '"2026-01-02T00:00:00.000Z"',
    wrong: '"not a date"',
    badQuery: ['"2026-02-30"'],
  },
} as const satisfies Record<FieldType, FieldTypeRow>;

/** The field type a fields table's `type` names, or undefined for none of ours. */
export function fieldTypeOfSpec(specType: string): FieldType | undefined {
  for (const [type, row] of Object.entries(fieldTypeRows)) {
    if (row.specType === specType && isFieldType(type)) return type;
  }
  return undefined;
}

function isFieldType(name: string): name is FieldType {
  return Object.hasOwn(fieldTypeRows, name);
}

// One row per field type (src/model/field-types.ts) is all the CRUD templates
// read per type: every type has a row, and every row a value in every column,
// so no template prints `undefined` for a type someone forgot.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldTypeOfSpec, fieldTypeRows } from '../../src/model/field-types.js';
import { fieldTypes } from '../../src/model/fields.js';
import { projectTemplatesDir, TemplateSource } from '../../src/render/templates.js';
import { strictLocals } from '../../src/render/strict-locals.js';

const code = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const names = (value: unknown) => Array.isArray(value) && value.every(code);
const schema = (value: unknown) => typeof value === 'object' && value !== null && 'schema' in value && code(value.schema) && 'imports' in value && names(value.imports);

/** Every column, and what a value of it is. A new column needs its check here. */
const columns: Record<string, (value: unknown) => boolean> = {
  tsType: code,
  // A line comment after the field, or none.
  tsComment: (value) => value === '' || (typeof value === 'string' && /^ \/\/ \S/.test(value)),
  specType: code,
  zod: schema,
  valibot: schema,
  sample: code,
  storedSample: code,
  other: code,
  storedOther: code,
  wrong: code,
  // None for a type whose filter takes any value.
  badQuery: names,
};

describe('field types', () => {
  it('has one row per field type', () => {
    expect(Object.keys(fieldTypeRows).sort()).toEqual([...fieldTypes].sort());
  });

  for (const type of fieldTypes) {
    it(`${type}: a value in every column`, () => {
      const row: Record<string, unknown> = fieldTypeRows[type];
      expect(Object.keys(row).sort()).toEqual(Object.keys(columns).sort());
      for (const [column, valid] of Object.entries(columns)) expect(valid(row[column]), `${type}.${column}: ${JSON.stringify(row[column])}`).toBe(true);
    });
  }

  it('samples differ, and the wrong value is not the sample', () => {
    for (const type of fieldTypes) {
      const row = fieldTypeRows[type];
      expect(row.other, type).not.toBe(row.sample);
      expect(row.wrong, type).not.toBe(row.sample);
    }
  });

  it('a fields table type names its field type back', () => {
    for (const type of fieldTypes) expect(fieldTypeOfSpec(fieldTypeRows[type].specType)).toBe(type);
    expect(fieldTypeOfSpec('integer')).toBeUndefined();
  });
});

describe('template locals', () => {
  const root = mkdtempSync(join(tmpdir(), 'strict-locals-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const template = (name: string, text: string) => {
    mkdirSync(join(root, projectTemplatesDir), { recursive: true });
    writeFileSync(join(root, projectTemplatesDir, name), text);
  };

  it('a missing local throws, naming it, instead of printing undefined', async () => {
    template('missing.ejs', 'const x = <%- ctx.sample %>;');
    await expect(new TemplateSource(root).render('missing.ejs', { other: '1' })).rejects.toThrow('Template local ctx.sample is missing');
  });

  it('a missing column of the field types throws, naming it', async () => {
    template('column.ejs', 'const x = <%- ctx.fieldTypes.date.sampel %>;');
    const locals = { fieldTypes: strictLocals(fieldTypeRows, 'ctx.fieldTypes', true) };
    await expect(new TemplateSource(root).render('column.ejs', locals)).rejects.toThrow('Template local ctx.fieldTypes.date.sampel is missing');
    template('type.ejs', 'const x = <%- ctx.fieldTypes.integer.sample %>;');
    await expect(new TemplateSource(root).render('type.ejs', locals)).rejects.toThrow('Template local ctx.fieldTypes.integer is missing');
  });

  it('locals that are there render as before', async () => {
    template('present.ejs', '<%- ctx.fieldTypes.date.storedSample %> <%- ctx.fieldTypes.number.badQuery.join(", ") %> <%= ctx.flag %>');
    const locals = { fieldTypes: strictLocals(fieldTypeRows, 'ctx.fieldTypes', true), flag: false };
    expect(await new TemplateSource(root).render('present.ejs', locals)).toBe('"2026-01-01T00:00:00.000Z" "one" false');
  });
});

import type { Field, FieldType } from '../model/fields.js';
import type { DrizzleDialect } from '../project/drizzle-schema.js';

/** A parent route parameter's column in a new table, and the table it references when the schema has it. */
export interface ParentColumn {
  param: string;
  /** The column's key: the parameter's name, or `todoId` for the `[id]` of `todos/[id]/notes`. */
  key: string;
  /** The parent's integer key is 64-bit (bigserial, bigint, MySQL's serial, which is unsigned too). */
  big?: { unsigned: boolean };
  integer: boolean;
  references?: { table: string; key: string };
}

/** How a schema module writes its code, so an inserted table reads like the rest. */
export interface SchemaStyle {
  quote: "'" | '"';
  indent: string;
  semi: boolean;
  /** `t` of `import * as t from 'drizzle-orm/sqlite-core'`: the builders are its members. */
  namespace?: string;
}

const coreModule: Record<DrizzleDialect, string> = {
  sqlite: 'drizzle-orm/sqlite-core',
  postgresql: 'drizzle-orm/pg-core',
  mysql: 'drizzle-orm/mysql-core',
};
const tableFunction: Record<DrizzleDialect, string> = { sqlite: 'sqliteTable', postgresql: 'pgTable', mysql: 'mysqlTable' };

/** A field's column in each dialect: the builder and its options (JSON numbers may have fractions; dates keep milliseconds). */
const fieldColumns: Record<FieldType, Record<DrizzleDialect, { builder: string; options?: string }>> = {
  string: { sqlite: { builder: 'text' }, postgresql: { builder: 'text' }, mysql: { builder: 'varchar', options: '{ length: 255 }' } },
  number: { sqlite: { builder: 'real' }, postgresql: { builder: 'doublePrecision' }, mysql: { builder: 'double' } },
  boolean: { sqlite: { builder: 'integer', options: "{ mode: 'boolean' }" }, postgresql: { builder: 'boolean' }, mysql: { builder: 'boolean' } },
  date: {
    sqlite: { builder: 'integer', options: "{ mode: 'timestamp_ms' }" },
    postgresql: { builder: 'timestamp', options: '{ withTimezone: true, precision: 3 }' },
    mysql: { builder: 'datetime', options: '{ fsp: 3 }' },
  },
};

/**
 * The code of a new table for a resource, in the schema's dialect and style,
 * with its import: a text key the app fills with a UUID (as the in-memory
 * store's ids), the fields (NOT NULL unless optional), a column per parent
 * parameter that references the parent's table when the schema has it (its
 * rows go with the parent), and `createdAt`/`updatedAt` that the schema fills.
 */
export function renderDrizzleTable(spec: { exportName: string; sqlName: string; dialect: DrizzleDialect; fields: Field[]; parents: ParentColumn[]; style: SchemaStyle }): string {
  const { dialect, style } = spec;
  const { q, builder, declare } = tableWriter(dialect, style);
  const column = (name: string, type: { builder: string; options?: string }) =>
    `${builder(type.builder)}(${q(snakeCase(name))}${type.options ? `, ${quoted(type.options, style)}` : ''})`;
  const stamp = fieldColumns.date[dialect];
  const fill = dialect === 'postgresql' ? '.defaultNow()' : '.$defaultFn(() => new Date())';
  const idColumn = dialect === 'mysql' ? `${builder('varchar')}(${q('id')}, { length: 36 })` : `${builder('text')}(${q('id')})`;
  const lines = [
    `id: ${idColumn}.primaryKey().$defaultFn(() => crypto.randomUUID()),`,
    ...spec.parents.map((p) => {
      // The referencing column has the parent key's SQL type: MySQL refuses a foreign key between other integer types.
      const bigint = { builder: 'bigint', options: p.big?.unsigned ? "{ mode: 'number', unsigned: true }" : "{ mode: 'number' }" };
      const integer = p.big ? bigint : { builder: dialect === 'mysql' ? 'int' : 'integer' };
      const type = p.integer ? integer : dialect === 'mysql' ? { builder: 'varchar', options: '{ length: 36 }' } : { builder: 'text' };
      const references = p.references ? `.references(() => ${p.references.table}.${p.references.key}, { onDelete: ${q('cascade')} })` : '';
      return `${p.key}: ${column(p.key, type)}.notNull()${references},`;
    }),
    ...spec.fields.map((f) => `${f.name}: ${column(f.name, fieldColumns[f.type][dialect])}${f.optional ? '' : '.notNull()'},`),
    `createdAt: ${column('createdAt', stamp)}.notNull()${fill},`,
    `updatedAt: ${column('updatedAt', stamp)}.notNull()${fill}.$onUpdate(() => new Date()),`,
  ];
  return declare(spec.exportName, spec.sqlName, lines);
}

/**
 * How a new table is written in a schema's dialect and style: `q` quotes a
 * string, `builder` names a column builder (through the schema's namespace
 * import when it has one) and records it for the import, `declare` gives the
 * import of the builders used and the table's declaration, with `comment`
 * above it.
 */
export function tableWriter(dialect: DrizzleDialect, style: SchemaStyle) {
  const q = (text: string) => `${style.quote}${text}${style.quote}`;
  const used = new Set<string>([tableFunction[dialect]]);
  const member = (name: string) => (style.namespace ? `${style.namespace}.${name}` : name);
  const builder = (name: string) => {
    used.add(name);
    return member(name);
  };
  const declare = (exportName: string, sqlName: string, lines: string[], comment = ''): string => {
    const semi = style.semi ? ';' : '';
    const importLine = style.namespace ? '' : `import { ${[...used].sort().join(', ')} } from ${q(coreModule[dialect])}${semi}\n\n`;
    const body = lines.map((line) => style.indent + line).join('\n');
    return `${importLine}${comment}export const ${exportName} = ${member(tableFunction[dialect])}(${q(sqlName)}, {\n${body}\n})${semi}\n`;
  };
  return { q, builder, declare };
}

/** The style a schema module is written in: its quotes, indentation and semicolons, and a namespace import of the core module. */
export function schemaStyle(text: string, dialect: DrizzleDialect): SchemaStyle {
  const single = (text.match(/'/g) ?? []).length > (text.match(/"/g) ?? []).length;
  const indent = /^\t/m.test(text) ? '\t' : (/^( +)\S/m.exec(text)?.[1] ?? '  ');
  const statements = text.match(/^(?:import|export)\b[^\n]*$/gm) ?? [];
  const semi = statements.length === 0 || statements.some((line) => /;\s*$/.test(line));
  const escaped = coreModule[dialect].replace(/[/-]/g, '\\$&');
  const namespace = new RegExp(`import\\s+\\*\\s+as\\s+([A-Za-z_$][\\w$]*)\\s+from\\s+['"]${escaped}['"]`).exec(text)?.[1];
  return { quote: single ? "'" : '"', indent, semi, ...(namespace ? { namespace } : {}) };
}

/** `dueDate` → `due_date`: the column names Drizzle's own examples and sv write. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function quoted(options: string, style: SchemaStyle): string {
  return style.quote === '"' ? options.replace(/'/g, '"') : options;
}

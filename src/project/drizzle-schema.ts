import type { ts as Syntax } from 'ts-morph';
import { parseModule, typescript, type Ts } from './module-syntax.js';

export type DrizzleDialect = 'sqlite' | 'postgresql' | 'mysql';

/** One column of a table, as its builder chain declares it. */
export interface DrizzleColumn {
  /** The property of the table object: what queries and records use. */
  key: string;
  /** The SQL name: the builder's first argument, else the key. */
  sqlName: string;
  /** The column builder: `text`, `integer`, `serial`, `timestamp`, an enum's name … */
  builder: string;
  /** The builder's `mode` option (`boolean`, `timestamp_ms`, `date`, `string`, `number`, `bigint`, `json`). */
  mode?: string;
  /** The allowed values of an enum column (`pgEnum`, `mysqlEnum`, `text({ enum })`). */
  enumValues?: string[];
  /** `varchar('x', { length: 255 })`: the longest string it holds. */
  length?: number;
  /** MySQL's `{ unsigned: true }`, and `serial` (BIGINT UNSIGNED there). */
  unsigned?: boolean;
  notNull: boolean;
  primaryKey: boolean;
  /** Has a default of any kind: `.default()`, `.defaultNow()`, `.$defaultFn()`, a serial, an identity, an autoincrement. */
  hasDefault: boolean;
  /** Set by the database or the app on every update (`.$onUpdate()`). */
  onUpdate: boolean;
  unique: boolean;
  /** The exported table a `.references(() => other.col)` points to, and the column. */
  references?: { table: string; column: string };
  /** `.array()` and other shapes a JSON field cannot carry as one of the field types. */
  array: boolean;
}

export interface DrizzleTable {
  /** The exported name (`courses` of `export const courses = sqliteTable(…)`). */
  exportName: string;
  /** The SQL name (the first argument). */
  sqlName: string;
  dialect: DrizzleDialect;
  columns: DrizzleColumn[];
}

const tableFunctions: Record<string, DrizzleDialect> = { sqliteTable: 'sqlite', pgTable: 'postgresql', mysqlTable: 'mysql' };
const coreModules: Record<string, DrizzleDialect> = {
  'drizzle-orm/sqlite-core': 'sqlite',
  'drizzle-orm/pg-core': 'postgresql',
  'drizzle-orm/mysql-core': 'mysql',
};

/**
 * Reads the tables a Drizzle schema module exports, from its syntax alone:
 * the user's code is never run. It knows the table functions and column
 * builders imported from `drizzle-orm/*-core` by name, by alias or through a
 * namespace (`t.text()`), columns named or not (`text()` takes its key), the
 * callback form `sqliteTable('x', (t) => ({ … }))`, and enums declared in
 * the same module. A table it cannot read is left out.
 */
export function readDrizzleSchema(text: string, fileName: string): DrizzleTable[] {
  const ts = typescript();
  const source = parseModule(text, fileName);
  const imports = readCoreImports(ts, source);
  const enums = readEnums(ts, source, imports);
  const tables: DrizzleTable[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
      const table = readTable(ts, declaration.name.text, declaration.initializer, imports, enums);
      if (table) tables.push(table);
    }
  }
  return tables;
}

/** What the module imported from drizzle's core modules: local name → [dialect, imported name]; namespaces under '*'. */
interface CoreImports {
  named: Map<string, { dialect: DrizzleDialect; name: string }>;
  namespaces: Map<string, DrizzleDialect>;
}

function readCoreImports(ts: Ts, source: Syntax.SourceFile): CoreImports {
  const named = new Map<string, { dialect: DrizzleDialect; name: string }>();
  const namespaces = new Map<string, DrizzleDialect>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const dialect = coreModules[statement.moduleSpecifier.text];
    const bindings = statement.importClause?.namedBindings;
    if (!dialect || !bindings) continue;
    if (ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, dialect);
    else for (const element of bindings.elements) named.set(element.name.text, { dialect, name: (element.propertyName ?? element.name).text });
  }
  return { named, namespaces };
}

/** The core function a callee names (`sqliteTable`, `t.text`, an alias), or undefined. */
function coreName(ts: Ts, callee: Syntax.Expression, imports: CoreImports, columnsParam?: string): { dialect?: DrizzleDialect; name: string } | undefined {
  if (ts.isIdentifier(callee)) return imports.named.get(callee.text);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const dialect = imports.namespaces.get(callee.expression.text);
    if (dialect) return { dialect, name: callee.name.text };
    // The callback form's parameter: `(t) => ({ id: t.integer() })`.
    if (columnsParam !== undefined && callee.expression.text === columnsParam) return { name: callee.name.text };
  }
  return undefined;
}

/** `export const status = pgEnum('status', ['a', 'b'])`: exported name → values. */
function readEnums(ts: Ts, source: Syntax.SourceFile, imports: CoreImports): Map<string, string[]> {
  const enums = new Map<string, string[]>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (!ts.isIdentifier(declaration.name) || !init || !ts.isCallExpression(init)) continue;
      if (coreName(ts, init.expression, imports)?.name !== 'pgEnum') continue;
      const values = stringArray(ts, init.arguments[1]);
      if (values) enums.set(declaration.name.text, values);
    }
  }
  return enums;
}

function readTable(ts: Ts, exportName: string, init: Syntax.Expression, imports: CoreImports, enums: Map<string, string[]>): DrizzleTable | undefined {
  if (!ts.isCallExpression(init)) return undefined;
  const fn = coreName(ts, init.expression, imports);
  const dialect = fn && tableFunctions[fn.name];
  const [nameArg, columnsArg] = init.arguments;
  if (!fn || !dialect || !nameArg || !ts.isStringLiteralLike(nameArg) || !columnsArg) return undefined;
  let object: Syntax.Expression = columnsArg;
  let columnsParam: string | undefined;
  if (ts.isArrowFunction(columnsArg)) {
    const param = columnsArg.parameters[0];
    columnsParam = param && ts.isIdentifier(param.name) ? param.name.text : undefined;
    object = ts.isParenthesizedExpression(columnsArg.body) ? columnsArg.body.expression : (columnsArg.body as Syntax.Expression);
  }
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  const columns: DrizzleColumn[] = [];
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) return undefined;
    const key = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
    const column = key === undefined ? undefined : readColumn(ts, key, property.initializer, imports, enums, columnsParam);
    if (!column) return undefined;
    columns.push(column);
  }
  return { exportName, sqlName: nameArg.text, dialect, columns };
}

/** Walks a builder chain such as `text('title').notNull().unique()` from its last call to the builder. */
function readColumn(ts: Ts, key: string, init: Syntax.Expression, imports: CoreImports, enums: Map<string, string[]>, columnsParam?: string): DrizzleColumn | undefined {
  const column: DrizzleColumn = { key, sqlName: key, builder: '', notNull: false, primaryKey: false, hasDefault: false, onUpdate: false, unique: false, array: false };
  let node: Syntax.Expression = init;
  while (ts.isCallExpression(node)) {
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee) && ts.isCallExpression(callee.expression)) {
      applyModifier(ts, column, callee.name.text, node.arguments);
      node = callee.expression;
      continue;
    }
    const builder = coreName(ts, callee, imports, columnsParam);
    const enumValues = ts.isIdentifier(callee) ? enums.get(callee.text) : undefined;
    if (!builder && !enumValues) return undefined;
    column.builder = builder?.name ?? 'enum';
    if (enumValues) column.enumValues = enumValues;
    readBuilderOptions(ts, column, node.arguments);
    if (['serial', 'smallserial', 'bigserial'].includes(column.builder)) column.hasDefault = column.notNull = true;
    return column;
  }
  return undefined;
}

function applyModifier(ts: Ts, column: DrizzleColumn, name: string, args: Syntax.NodeArray<Syntax.Expression>): void {
  switch (name) {
    case 'notNull':
      column.notNull = true;
      break;
    case 'primaryKey': {
      column.primaryKey = column.notNull = true;
      const options = args[0];
      if (options && ts.isObjectLiteralExpression(options) && booleanOption(ts, options, 'autoIncrement')) column.hasDefault = true;
      break;
    }
    case 'autoincrement':
    case 'default':
    case 'defaultNow':
    case 'defaultRandom':
    case '$default':
    case '$defaultFn':
    case 'generatedAlwaysAsIdentity':
    case 'generatedByDefaultAsIdentity':
      column.hasDefault = true;
      if (name.startsWith('generated')) column.notNull = true;
      break;
    case '$onUpdate':
    case '$onUpdateFn':
      column.onUpdate = true;
      break;
    case 'unique':
      column.unique = true;
      break;
    case 'references': {
      const target = args[0];
      const body = target && ts.isArrowFunction(target) ? target.body : undefined;
      if (body && ts.isPropertyAccessExpression(body) && ts.isIdentifier(body.expression)) column.references = { table: body.expression.text, column: body.name.text };
      break;
    }
    case 'array':
      column.array = true;
      break;
  }
}

/** `text('title', { enum: [...] })`, `integer({ mode: 'boolean' })`, `timestamp('at', { mode: 'string' })`. */
function readBuilderOptions(ts: Ts, column: DrizzleColumn, args: Syntax.NodeArray<Syntax.Expression>): void {
  const name = args[0];
  if (name && ts.isStringLiteralLike(name)) column.sqlName = name.text;
  // mysqlEnum('status', ['a', 'b']) takes its values as an argument.
  const values = column.builder === 'mysqlEnum' ? args.map((arg) => stringArray(ts, arg)).find(Boolean) : undefined;
  if (values) column.enumValues = values;
  for (const options of args.filter((arg) => ts.isObjectLiteralExpression(arg))) {
    for (const property of options.properties) {
      if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
      if (property.name.text === 'mode' && ts.isStringLiteralLike(property.initializer)) column.mode = property.initializer.text;
      if (property.name.text === 'enum') column.enumValues = stringArray(ts, property.initializer);
      if (property.name.text === 'length' && ts.isNumericLiteral(property.initializer)) column.length = Number(property.initializer.text);
      if (property.name.text === 'unsigned' && property.initializer.kind === ts.SyntaxKind.TrueKeyword) column.unsigned = true;
    }
  }
}

function booleanOption(ts: Ts, object: Syntax.ObjectLiteralExpression, name: string): boolean {
  return object.properties.some((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
}

function stringArray(ts: Ts, node: Syntax.Expression | undefined): string[] | undefined {
  let array = node;
  while (array && (ts.isAsExpression(array) || ts.isSatisfiesExpression(array))) array = array.expression;
  if (!array || !ts.isArrayLiteralExpression(array)) return undefined;
  const values = array.elements.map((e) => (ts.isStringLiteralLike(e) ? e.text : undefined));
  return values.every((v) => v !== undefined) ? (values as string[]) : undefined;
}

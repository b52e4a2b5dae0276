import { createRequire } from 'node:module';
import { fieldTypeOfSpec } from '../model/field-types.js';
import type { Field } from '../model/fields.js';
import type { ts as Syntax } from 'ts-morph';

type Ts = typeof Syntax;

export interface FieldsTable {
  fields: Field[];
  /** The resource's type as the table's type names it: `Todo` of `Record<keyof TodoInput, FieldSpec>`. */
  typeName: string;
}

let loaded: Ts | undefined;

/**
 * The TypeScript parser, loaded on the first read: its callers are
 * synchronous (planning), and only a project with a generated module pays for
 * it. `require`, as in typescript.cts, spares the scan of ts-morph's bundle an
 * ES import would cost.
 */
function typescript(): Ts {
  if (!loaded) {
    const module: typeof import('ts-morph') = createRequire(import.meta.url)('ts-morph');
    loaded = module.ts;
  }
  return loaded;
}

/**
 * Reads the fields table of a resource module the CRUD template wrote,
 * `const fields: Record<keyof TodoInput, FieldSpec> = { title: { type: "string", optional: false } }`
 * (the type in a JSDoc `@type` in JavaScript), parsed rather than matched, so
 * any layout the user's Prettier gives it reads the same. Null when the
 * module has no such table.
 */
export function readFieldsTable(text: string, fileName: string): FieldsTable | null {
  const ts = typescript();
  const kind = /\.[cm]?jsx?$/i.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== 'fields') continue;
      const typeName = inputTypeName(ts, declaration.type ?? ts.getJSDocType(declaration));
      const initializer = declaration.initializer;
      if (typeName === null || !initializer || !ts.isObjectLiteralExpression(initializer)) continue;
      return { typeName, fields: initializer.properties.flatMap((property) => fieldOf(ts, property)) };
    }
  }
  return null;
}

/** `Todo` of `Record<keyof TodoInput, FieldSpec>`, else null. */
function inputTypeName(ts: Ts, type: Syntax.TypeNode | undefined): string | null {
  if (!type || !ts.isTypeReferenceNode(type) || type.typeName.getText() !== 'Record') return null;
  const [keys, spec] = type.typeArguments ?? [];
  if (!keys || !spec || !ts.isTypeReferenceNode(spec) || spec.typeName.getText() !== 'FieldSpec') return null;
  if (!ts.isTypeOperatorNode(keys) || keys.operator !== ts.SyntaxKind.KeyOfKeyword || !ts.isTypeReferenceNode(keys.type)) return null;
  const input = /^(\w+)Input$/.exec(keys.type.typeName.getText());
  return input?.[1] ?? null;
}

/** One entry of the table, `title: { type: "string", optional: false }`; none for another shape. */
function fieldOf(ts: Ts, property: Syntax.ObjectLiteralElementLike): Field[] {
  if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer)) return [];
  const name = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
  const entries = property.initializer.properties;
  const value = (key: string) => {
    const entry = entries.find((p) => p.name !== undefined && propertyName(ts, p.name) === key);
    return entry && ts.isPropertyAssignment(entry) ? entry.initializer : undefined;
  };
  const spec = value('type');
  const optional = value('optional')?.kind;
  const type = spec && ts.isStringLiteralLike(spec) ? fieldTypeOfSpec(spec.text) : undefined;
  if (name === undefined || type === undefined) return [];
  if (optional !== ts.SyntaxKind.TrueKeyword && optional !== ts.SyntaxKind.FalseKeyword) return [];
  return [{ name, type, optional: optional === ts.SyntaxKind.TrueKeyword }];
}

function propertyName(ts: Ts, name: Syntax.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

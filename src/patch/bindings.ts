import { ts } from './typescript.cjs';

/** A top-level name and what binds it, enough to explain a clash to the user. */
export type Binding =
  | {
      kind: 'import';
      module: string;
      /** The name in the source module: 'default', '*', or a named export. */
      imported: string;
      typeOnly: boolean;
    }
  | { kind: 'local'; what: string };

/** Every name the module scope binds, in both the value and the type space. */
export function topLevelBindings(sourceFile: ts.SourceFile): Map<string, Binding> {
  const out = new Map<string, Binding>();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (!clause || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const module = statement.moduleSpecifier.text;
      if (clause.name) out.set(clause.name.text, { kind: 'import', module, imported: 'default', typeOnly: clause.isTypeOnly });
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) {
        out.set(named.name.text, { kind: 'import', module, imported: '*', typeOnly: clause.isTypeOnly });
      } else if (named) {
        for (const el of named.elements) {
          out.set(el.name.text, {
            kind: 'import',
            module,
            imported: (el.propertyName ?? el.name).text,
            typeOnly: clause.isTypeOnly || el.isTypeOnly,
          });
        }
      }
    } else if (ts.isVariableStatement(statement)) {
      const keyword = variableKeyword(statement.declarationList);
      for (const decl of statement.declarationList.declarations) {
        for (const name of bindingNames(decl.name)) out.set(name, { kind: 'local', what: `a ${keyword} declaration` });
      }
    } else {
      const name = declaredName(statement);
      if (name) out.set(name.text, { kind: 'local', what: declarationWhat(statement) });
    }
  }
  return out;
}

/** The identifiers a variable declaration binds, destructuring included. */
export function bindingIdentifiers(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  const out: ts.Identifier[] = [];
  for (const el of name.elements) {
    if (ts.isBindingElement(el)) out.push(...bindingIdentifiers(el.name));
  }
  return out;
}

function bindingNames(name: ts.BindingName): string[] {
  return bindingIdentifiers(name).map((id) => id.text);
}

/** The name of a top-level declaration other than a variable statement: function, class, type, enum, namespace, import-equals. */
export function declaredName(statement: ts.Statement): ts.Identifier | undefined {
  const named =
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isModuleDeclaration(statement) ||
    ts.isImportEqualsDeclaration(statement);
  return named && statement.name && ts.isIdentifier(statement.name) ? statement.name : undefined;
}

export function variableKeyword(list: ts.VariableDeclarationList): 'const' | 'let' | 'var' {
  // `using` declarations cannot be exported, and bind like const for our purposes.
  if (list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing)) return 'const';
  if (list.flags & ts.NodeFlags.Let) return 'let';
  return 'var';
}

export function describeBinding(name: string, binding: Binding): string {
  if (binding.kind === 'local') return `\`${name}\` is already ${binding.what} in this file`;
  const what =
    binding.imported === 'default'
      ? `the default import`
      : binding.imported === '*'
        ? `a namespace import`
        : binding.imported === name
          ? `${binding.typeOnly ? 'a type-only ' : 'an '}import`
          : `the import of \`${binding.imported}\``;
  return `\`${name}\` is already bound to ${what} from '${binding.module}'`;
}

function declarationWhat(node: ts.Statement): string {
  if (ts.isFunctionDeclaration(node)) return 'a function declaration';
  if (ts.isClassDeclaration(node)) return 'a class declaration';
  if (ts.isInterfaceDeclaration(node)) return 'an interface declaration';
  if (ts.isTypeAliasDeclaration(node)) return 'a type alias';
  if (ts.isEnumDeclaration(node)) return 'an enum declaration';
  if (ts.isImportEqualsDeclaration(node)) return 'an import-equals declaration';
  return 'a namespace declaration';
}

import { ts } from './typescript.cjs';
import { bindingIdentifiers, declaredName, variableKeyword } from './bindings.js';
import { isHttpMethod, type ExportForm, type MethodExport } from './types.js';

/** A method export together with the nodes the other passes need. */
export interface FoundMethod extends MethodExport {
  /** The top-level statement that exports it (for overloads: the last signature or the body). */
  statement: ts.Statement;
  /** For const/let/var forms: the declaration, to read its type and initializer. */
  declaration?: ts.VariableDeclaration;
  /** For export lists: the local name being exported. */
  localName?: string;
}

export interface ExportIndex {
  methods: FoundMethod[];
  /** Every name the file exports, method or not, in both spaces; a new export with one of these would clash. */
  exportedNames: Set<string>;
  starExports: string[];
  hasDefaultExport: boolean;
}

export function readExports(sourceFile: ts.SourceFile): ExportIndex {
  const methods = new Map<string, FoundMethod>();
  const exportedNames = new Set<string>();
  const starExports: string[] = [];
  let hasDefaultExport = false;

  const lineOf = (node: ts.Node): number => sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
  const record = (name: string, form: ExportForm, nameNode: ts.Node, statement: ts.Statement, extra: Partial<FoundMethod> = {}): void => {
    if (name === 'default') {
      hasDefaultExport = true;
      return;
    }
    exportedNames.add(name);
    if (!isHttpMethod(name)) return;
    const previous = methods.get(name);
    const previousIsSignature = previous && ts.isFunctionDeclaration(previous.statement) && !previous.statement.body;
    if (previous && previousIsSignature && form === 'function') {
      // Overload signatures and the implementation: one method, reported at its first line.
      previous.form = 'overload';
      previous.statement = statement;
      return;
    }
    if (!previous) methods.set(name, { name, form, line: lineOf(nameNode), statement, ...extra });
  };

  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement)) {
      if (!statement.isExportEquals) hasDefaultExport = true;
      continue;
    }
    if (ts.isExportDeclaration(statement)) {
      readExportDeclaration(statement, record, starExports, exportedNames);
      continue;
    }
    if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) continue;
    if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) {
      hasDefaultExport = true;
      continue;
    }
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      record(statement.name.text, 'function', statement.name, statement);
    } else if (ts.isVariableStatement(statement)) {
      const form = variableKeyword(statement.declarationList);
      for (const declaration of statement.declarationList.declarations) {
        for (const name of bindingIdentifiers(declaration.name)) record(name.text, form, name, statement, { declaration });
      }
    } else {
      // Not a request handler the framework would call, but the name is taken.
      const name = declaredName(statement);
      if (name) exportedNames.add(name.text);
    }
  }

  return {
    methods: [...methods.values()].sort((a, b) => a.line - b.line || a.statement.pos - b.statement.pos),
    exportedNames,
    starExports,
    hasDefaultExport,
  };
}

type Record = (name: string, form: ExportForm, nameNode: ts.Node, statement: ts.Statement, extra?: Partial<FoundMethod>) => void;

function readExportDeclaration(statement: ts.ExportDeclaration, record: Record, starExports: string[], exportedNames: Set<string>): void {
  const module = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
  const clause = statement.exportClause;
  if (!clause) {
    if (module !== undefined) starExports.push(module);
    return;
  }
  if (ts.isNamespaceExport(clause)) {
    record(clause.name.text, 're-export', clause.name, statement);
    return;
  }
  for (const el of clause.elements) {
    const name = el.name.text;
    if (statement.isTypeOnly || el.isTypeOnly) {
      // A type is no handler, but a value export of the same name would clash with it.
      exportedNames.add(name);
      continue;
    }
    const local = (el.propertyName ?? el.name).text;
    record(name, module === undefined ? 'export-list' : 're-export', el.name, statement, module === undefined ? { localName: local } : {});
  }
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}


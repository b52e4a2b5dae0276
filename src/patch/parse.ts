import { ts } from './typescript.cjs';
import { RouteFileSyntaxError } from './errors.js';

export interface ParsedFile {
  sourceFile: ts.SourceFile;
  /** The text the AST positions refer to: the input without its BOM. */
  text: string;
  bom: boolean;
  isJs: boolean;
}

const BOM = '\uFEFF';

function scriptKindFor(fileName: string): ts.ScriptKind {
  const ext = /\.[^./\\]+$/.exec(fileName)?.[0].toLowerCase();
  switch (ext) {
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    case '.js':
    case '.mjs':
    case '.cjs':
      return ts.ScriptKind.JS;
    default:
      return ts.ScriptKind.TS;
  }
}

/**
 * Parses without a Program or type checker: only the syntax tree is needed, and a
 * Program would cost far more than the whole patch.
 *
 * The BOM is stripped first so that every position is an offset into `text`
 * and a column on line 1 is what an editor shows.
 */
export function parseRouteSource(input: string, fileName: string): ParsedFile {
  const bom = input.startsWith(BOM);
  const text = bom ? input.slice(1) : input;
  const kind = scriptKindFor(fileName);
  const isJs = kind === ts.ScriptKind.JS || kind === ts.ScriptKind.JSX;
  // JSDoc is read from comment text where needed; parsing it into nodes would only cost time.
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sourceFile = ts.createSourceFile(fileName, text, options, false, kind);
  const error = firstParseError(sourceFile) ?? (isJs ? firstTypeScriptOnlySyntax(sourceFile) : undefined);
  if (error) {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(error.start);
    throw new RouteFileSyntaxError(fileName, line + 1, character + 1, error.message);
  }
  return { sourceFile, text, bom, isJs };
}

interface SyntaxProblem {
  start: number;
  message: string;
}

function firstParseError(sourceFile: ts.SourceFile): SyntaxProblem | undefined {
  // parseDiagnostics is not in the public typings, but it is the only way to get
  // syntax errors without building a Program.
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  let first: ts.Diagnostic | undefined;
  for (const d of diagnostics) {
    if (d.start !== undefined && (first?.start === undefined || d.start < first.start)) first = d;
  }
  if (first?.start === undefined) return undefined;
  return { start: first.start, message: ts.flattenDiagnosticMessageText(first.messageText, '\n') };
}

const TS_ONLY_MODIFIERS = new Set([
  ts.SyntaxKind.PublicKeyword,
  ts.SyntaxKind.PrivateKeyword,
  ts.SyntaxKind.ProtectedKeyword,
  ts.SyntaxKind.ReadonlyKeyword,
  ts.SyntaxKind.AbstractKeyword,
  ts.SyntaxKind.DeclareKeyword,
  ts.SyntaxKind.OverrideKeyword,
]);

/**
 * The parser accepts TypeScript syntax in .js files and leaves the complaint to the
 * Program, which we do not build; Node would reject such a file, so we do it here.
 */
function firstTypeScriptOnlySyntax(sourceFile: ts.SourceFile): SyntaxProblem | undefined {
  let found: SyntaxProblem | undefined;
  const report = (node: ts.Node, what: string): void => {
    const start = node.getStart(sourceFile);
    if (!found || start < found.start) found = { start, message: `${what} can only be used in TypeScript files.` };
  };
  const visit = (node: ts.Node): void => {
    if (found && node.pos > found.start) return;
    if (
      ts.isInterfaceDeclaration(node) ||
      ts.isTypeAliasDeclaration(node) ||
      ts.isEnumDeclaration(node) ||
      ts.isModuleDeclaration(node) ||
      ts.isImportEqualsDeclaration(node)
    ) {
      report(node, 'This declaration');
      return;
    }
    if ((ts.isImportDeclaration(node) && node.importClause?.isTypeOnly) || (ts.isExportDeclaration(node) && node.isTypeOnly)) {
      report(node, 'Type-only imports and exports');
    }
    if ((ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) && node.isTypeOnly) report(node, 'Type-only specifiers');
    if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) {
      report(node.type, 'Type assertions');
    }
    if (ts.isNonNullExpression(node)) report(node, 'Non-null assertions');
    if (ts.isParameter(node) && node.questionToken) report(node.questionToken, 'Optional parameters');
    if (ts.isVariableDeclaration(node) && node.exclamationToken) report(node.exclamationToken, 'Definite assignment assertions');
    if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword) report(node, "'implements' clauses");
    if (ts.canHaveModifiers(node)) {
      for (const m of ts.getModifiers(node) ?? []) if (TS_ONLY_MODIFIERS.has(m.kind)) report(m, `The '${m.getText(sourceFile)}' modifier`);
    }
    const typed = node as { type?: ts.Node; typeParameters?: ts.NodeArray<ts.Node>; typeArguments?: ts.NodeArray<ts.Node> };
    if (!ts.isTypeNode(node) && !ts.isAsExpression(node) && !ts.isSatisfiesExpression(node) && !ts.isTypeAssertionExpression(node)) {
      if (typed.type && ts.isTypeNode(typed.type)) report(typed.type, 'Type annotations');
      const first = typed.typeParameters?.[0] ?? typed.typeArguments?.[0];
      if (first) report(first, 'Type parameters and arguments');
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

// Finding the function behind a route's method export, for the response
// wrapping: a declaration, a const, an export list's local, or the reason it
// cannot be wrapped safely.
import type { Binding } from './bindings.js';
import type { FoundMethod } from './read-exports.js';
import { hasJsDocType, refersTo, shortText } from './syntax-queries.js';
import { ts } from './typescript.cjs';
import type { RouteFileStyle } from './types.js';

export interface WrapContext {
  sourceFile: ts.SourceFile;
  /** The file text without BOM; positions refer to it. */
  text: string;
  isJs: boolean;
  style: RouteFileStyle;
  bindings: Map<string, Binding>;
  methods: FoundMethod[];
}

export type FunctionLike = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

export interface Handler {
  fn: FunctionLike;
  /** The top-level statement that declares it. */
  statement: ts.Statement;
  /** Its parameters get their types from a RequestHandler type (annotation, `satisfies`, JSDoc `@type`). */
  contextuallyTyped: boolean;
}

/** The function behind a method export, or why there is none to wrap. */
export function findHandler(ctx: WrapContext, method: FoundMethod): Handler | string {
  const { name } = method;
  if (method.form === 're-export') return 're-exported from another module: wrap its responses there';
  if (method.form === 'function' || method.form === 'overload') {
    const statement = method.statement as ts.FunctionDeclaration;
    return { fn: statement, statement, contextuallyTyped: hasJsDocType(ctx.text, statement) };
  }
  if (method.form === 'export-list') {
    const local = method.localName ?? name;
    const found = localFunction(ctx, local);
    if (typeof found === 'string') return `\`${local}\`, ${found}`;
    if (usedElsewhere(ctx, local, found.statement)) return `\`${local}\`, which other code in the file uses too: wrapping it would change that use`;
    return found;
  }
  const declaration = method.declaration;
  if (!declaration) return 'not a function create-endpoint can read';
  if (!ts.isIdentifier(declaration.name)) return 'destructured from another value: wrap the responses where the handler is written';
  return handlerOfDeclaration(ctx, name, declaration, method.statement);
}

function handlerOfDeclaration(ctx: WrapContext, name: string, declaration: ts.VariableDeclaration, statement: ts.Statement): Handler | string {
  let typed = declaration.type !== undefined || hasJsDocType(ctx.text, statement);
  let init = declaration.initializer;
  while (init && (ts.isParenthesizedExpression(init) || ts.isSatisfiesExpression(init) || ts.isAsExpression(init) || ts.isNonNullExpression(init))) {
    if (ts.isSatisfiesExpression(init) || ts.isAsExpression(init)) typed = true;
    init = init.expression;
  }
  if (!init) return 'declared without a value';
  if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return { fn: init, statement, contextuallyTyped: typed };
  if (ts.isCallExpression(init)) {
    return `the result of \`${shortText(ctx.text, ctx.sourceFile, init.expression)}(…)\`, whose handler create-endpoint cannot see into`;
  }
  if (ts.isIdentifier(init)) return `\`${init.text}\`, a function defined elsewhere: wrap its responses there`;
  return 'not a function create-endpoint can read';
}

/** A top-level function of the file by name: a function declaration (the implementation of overloads) or a const/let/var function. */
function localFunction(ctx: WrapContext, local: string): Handler | string {
  for (const statement of ctx.sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === local && statement.body) {
      return { fn: statement, statement, contextuallyTyped: hasJsDocType(ctx.text, statement) };
    }
    if (ts.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === local);
      if (declaration) {
        const found = handlerOfDeclaration(ctx, local, declaration, statement);
        return typeof found === 'string' ? 'whose value is not a function create-endpoint can wrap' : found;
      }
    }
    if (ts.isImportDeclaration(statement) && ctx.bindings.get(local)?.kind === 'import') return 'an import; wrap its responses in the module it comes from';
  }
  return 'which is not declared in this file';
}

/** Whether the file refers to `local` outside its own declaration and export lists. */
function usedElsewhere(ctx: WrapContext, local: string, declaration: ts.Statement): boolean {
  return ctx.sourceFile.statements.some((s) => s !== declaration && !ts.isExportDeclaration(s) && refersTo(s, local));
}

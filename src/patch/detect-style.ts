import { ts } from './typescript.cjs';
import type { FoundMethod } from './read-exports.js';
import type { RouteFileStyle } from './types.js';

/** Statements that Prettier (with `semi`) ends with ';', so their last character tells the file's habit. */
const SEMICOLON_STATEMENTS = new Set([
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.ExpressionStatement,
  ts.SyntaxKind.ReturnStatement,
  ts.SyntaxKind.ThrowStatement,
  ts.SyntaxKind.BreakStatement,
  ts.SyntaxKind.ContinueStatement,
  ts.SyntaxKind.DebuggerStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.ExportAssignment,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.PropertyDeclaration,
]);

/** Enough votes to call a majority; walking a 5,000-line tree to the end would cost more than the parse. */
const SAMPLE = 60;

export function detectStyle(sourceFile: ts.SourceFile, text: string, bom: boolean, methods: FoundMethod[]): RouteFileStyle {
  const counts = { single: 0, double: 0, semi: 0, noSemi: 0 };
  const enough = (): boolean => counts.single + counts.double >= SAMPLE && counts.semi + counts.noSemi >= SAMPLE;
  // forEachChild stops at the first truthy return, which ends the walk once the sample is full.
  const visit = (node: ts.Node): boolean => {
    if (node.kind === ts.SyntaxKind.StringLiteral) {
      const q = text[node.getStart(sourceFile)];
      if (q === "'") counts.single++;
      else if (q === '"') counts.double++;
      return enough();
    }
    if (SEMICOLON_STATEMENTS.has(node.kind)) {
      if (text[node.end - 1] === ';') counts.semi++;
      else counts.noSemi++;
    }
    if (ts.isJsxAttribute(node)) return false; // JSX attributes follow their own quote convention (jsxSingleQuote)
    return ts.forEachChild(node, visit) ?? enough();
  };
  visit(sourceFile);
  const indent = detectIndent(text);

  return {
    ...declarationHabits(sourceFile, text, methods),
    ...frameworkImports(sourceFile),
    quote: counts.double > counts.single ? '"' : "'",
    semicolons: counts.noSemi <= counts.semi,
    indent: indent ?? '  ',
    eol: detectEol(text),
    bom,
    shown: { quote: counts.single + counts.double > 0, semicolons: counts.semi + counts.noSemi > 0, indent: indent !== undefined },
  };
}

/**
 * What the file imports that new handlers should use too: where
 * `RequestHandler` or `RequestEvent` comes from (`./$types`, `./$types.js`,
 * `@sveltejs/kit`), and the JSON helper (`json`, `NextResponse`).
 */
function frameworkImports(sourceFile: ts.SourceFile): Pick<RouteFileStyle, 'kitTypesModule' | 'jsonHelper'> {
  const found: Pick<RouteFileStyle, 'kitTypesModule' | 'jsonHelper'> = {};
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const named = statement.importClause?.namedBindings;
    if (!named || !ts.isNamedImports(named)) continue;
    const module = statement.moduleSpecifier.text;
    // Under their own names only: an alias would need the new code to follow it.
    const imports = (name: string) => named.elements.some((e) => e.name.text === name && (e.propertyName ?? e.name).text === name && !e.isTypeOnly);
    const kit = module === '@sveltejs/kit' || /^\.\/\$types(?:\.js)?$/.test(module);
    if (kit && named.elements.some((e) => ['RequestHandler', 'RequestEvent'].includes((e.propertyName ?? e.name).text))) found.kitTypesModule ??= module;
    if (module === '@sveltejs/kit' && !statement.importClause?.isTypeOnly && imports('json')) found.jsonHelper ??= 'json';
    if (module === 'next/server' && !statement.importClause?.isTypeOnly && imports('NextResponse')) found.jsonHelper ??= 'NextResponse';
  }
  return found;
}

function detectEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (text[i - 1] === '\r') crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * The most common increase of indentation from one line to the next, the way
 * editors guess it; lines that continue a block comment (` * …`) are ignored.
 * Undefined when no line is indented.
 */
function detectIndent(text: string): string | undefined {
  let tabbed = 0;
  let spaced = 0;
  let previous = 0;
  const steps = new Map<number, number>();
  for (const line of text.split('\n')) {
    const ws = /^[ \t]*/.exec(line)?.[0] ?? '';
    const rest = line.slice(ws.length).trim();
    if (rest === '' || rest.startsWith('*')) continue;
    if (ws.startsWith('\t')) {
      tabbed++;
      continue;
    }
    if (ws.length > 0) spaced++;
    const step = ws.length - previous;
    if (step > 0) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = ws.length;
  }
  if (tabbed > spaced) return '\t';
  if (steps.size === 0) return undefined;
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (count > bestCount || (count === bestCount && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return ' '.repeat(best);
}

function declarationHabits(
  sourceFile: ts.SourceFile,
  text: string,
  methods: FoundMethod[],
): Pick<RouteFileStyle, 'declarationStyle' | 'usesRequestHandlerType' | 'requestHandlerForm'> {
  const locals = localDeclarations(sourceFile);
  let functions = 0;
  let arrows = 0;
  let first: 'function' | 'arrow' | undefined;
  let requestHandlerForm: RouteFileStyle['requestHandlerForm'];
  for (const method of methods) {
    let statement: ts.Statement | undefined = method.statement;
    let declaration = method.declaration;
    if (method.localName !== undefined) {
      const local = locals.get(method.localName);
      statement = local?.statement;
      declaration = local?.declaration;
    }
    if (!statement) continue;
    const vote = ts.isFunctionDeclaration(statement) ? 'function' : ts.isVariableStatement(statement) ? 'arrow' : undefined;
    if (vote === 'function') functions++;
    if (vote === 'arrow') arrows++;
    first ??= vote;
    if (declaration) requestHandlerForm ??= requestHandlerTyping(declaration, statement, sourceFile, text);
  }
  const declarationStyle = arrows > functions ? 'arrow' : functions > arrows ? 'function' : (first ?? 'function');
  return { declarationStyle, usesRequestHandlerType: requestHandlerForm !== undefined, ...(requestHandlerForm ? { requestHandlerForm } : {}) };
}

const REQUEST_HANDLER = /\bRequestHandler\b/;
const JSDOC_REQUEST_HANDLER = /@(?:type|satisfies)\s*\{[^}]*\bRequestHandler\b/;

/** How a handler is typed with RequestHandler, if it is. */
function requestHandlerTyping(
  declaration: ts.VariableDeclaration,
  statement: ts.Statement,
  sourceFile: ts.SourceFile,
  text: string,
): RouteFileStyle['requestHandlerForm'] {
  const sliceOf = (node: ts.Node): string => text.slice(node.getStart(sourceFile), node.end);
  if (declaration.type && REQUEST_HANDLER.test(sliceOf(declaration.type))) return 'annotation';
  let init = declaration.initializer;
  while (init && (ts.isParenthesizedExpression(init) || ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) {
    if (!ts.isParenthesizedExpression(init) && REQUEST_HANDLER.test(sliceOf(init.type))) return ts.isSatisfiesExpression(init) ? 'satisfies' : 'annotation';
    init = init.expression;
  }
  const comments = ts.getLeadingCommentRanges(text, statement.pos) ?? [];
  return comments.some((c) => JSDOC_REQUEST_HANDLER.test(text.slice(c.pos, c.end))) ? 'jsdoc' : undefined;
}

function localDeclarations(sourceFile: ts.SourceFile): Map<string, { statement: ts.Statement; declaration?: ts.VariableDeclaration }> {
  const out = new Map<string, { statement: ts.Statement; declaration?: ts.VariableDeclaration }>();
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) out.set(statement.name.text, { statement });
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) out.set(declaration.name.text, { statement, declaration });
      }
    }
  }
  return out;
}

import { ts } from './typescript.cjs';
import type { Binding } from './bindings.js';
import type { FoundMethod } from './read-exports.js';
import type { ImportSpec, ResponseWrap, RouteFileStyle, TextInsertion, UnwrappedMethod } from './types.js';

export interface WrapContext {
  sourceFile: ts.SourceFile;
  /** The file text without BOM; positions refer to it. */
  text: string;
  isJs: boolean;
  style: RouteFileStyle;
  bindings: Map<string, Binding>;
  methods: FoundMethod[];
}

export interface WrapPlan {
  insertions: TextInsertion[];
  wrapped: string[];
  unwrapped: UnwrappedMethod[];
  /** What the inserted code names: the wrapper, its arguments, a RequestEvent type. */
  imports: ImportSpec[];
  /** The top-level statements that gain an insertion, as ranges of the original text. */
  statements: { start: number; end: number }[];
}

type FunctionLike = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

interface Handler {
  fn: FunctionLike;
  /** The top-level statement that declares it. */
  statement: ts.Statement;
  /** Its parameters get their types from a RequestHandler type (annotation, `satisfies`, JSDoc `@type`). */
  contextuallyTyped: boolean;
}

/**
 * Plans wrapping every response an existing handler returns:
 * `return withCors(request, policy, response)`. Insert-only: the return's
 * expression stays as it is, between the inserted call and its closing
 * parenthesis; a handler without its request in reach gets the parameter.
 * A handler that cannot be wrapped safely is left untouched, with the reason.
 */
export function planResponseWrapping(ctx: WrapContext, wrap: ResponseWrap): WrapPlan {
  const out: WrapPlan = { insertions: [], wrapped: [], unwrapped: [], imports: [], statements: [] };
  const done = new Map<FunctionLike, 'wrapped' | string>();
  for (const method of ctx.methods) {
    if (wrap.except.includes(method.name)) continue;
    const handler = findHandler(ctx, method);
    if (typeof handler === 'string') {
      out.unwrapped.push({ method: method.name, reason: handler });
      continue;
    }
    // `export { handler as GET, handler as HEAD }`: one function, wrapped once.
    const previous = done.get(handler.fn);
    if (previous !== undefined) {
      if (previous === 'wrapped') out.wrapped.push(method.name);
      else out.unwrapped.push({ method: method.name, reason: previous });
      continue;
    }
    const planned = planHandler(ctx, wrap, method.name, handler);
    if (typeof planned === 'string') {
      done.set(handler.fn, planned);
      out.unwrapped.push({ method: method.name, reason: planned });
      continue;
    }
    if (planned.insertions.length === 0) continue; // every response is wrapped already
    done.set(handler.fn, 'wrapped');
    out.wrapped.push(method.name);
    out.insertions.push(...planned.insertions);
    out.imports.push(...planned.imports);
    // `export const GET = …, HEAD = …`: two handlers, one statement.
    const start = handler.statement.getStart(ctx.sourceFile);
    if (!out.statements.some((s) => s.start === start)) out.statements.push({ start, end: handler.statement.end });
  }
  if (out.insertions.length > 0) out.imports.push(...wrap.imports);
  return out;
}

/** The function behind a method export, or why there is none to wrap. */
function findHandler(ctx: WrapContext, method: FoundMethod): Handler | string {
  const { name } = method;
  if (method.form === 're-export') return 're-exported from another module: wrap its responses there';
  if (method.form === 'function' || method.form === 'overload') {
    const statement = method.statement as ts.FunctionDeclaration;
    return { fn: statement, statement, contextuallyTyped: hasJsDocType(ctx, statement) };
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
  let typed = declaration.type !== undefined || hasJsDocType(ctx, statement);
  let init = declaration.initializer;
  while (init && (ts.isParenthesizedExpression(init) || ts.isSatisfiesExpression(init) || ts.isAsExpression(init) || ts.isNonNullExpression(init))) {
    if (ts.isSatisfiesExpression(init) || ts.isAsExpression(init)) typed = true;
    init = init.expression;
  }
  if (!init) return 'declared without a value';
  if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return { fn: init, statement, contextuallyTyped: typed };
  if (ts.isCallExpression(init)) {
    return `the result of \`${shortText(ctx, init.expression)}(…)\`, whose handler create-endpoint cannot see into`;
  }
  if (ts.isIdentifier(init)) return `\`${init.text}\`, a function defined elsewhere: wrap its responses there`;
  return 'not a function create-endpoint can read';
}

/** A top-level function of the file by name: a function declaration (the implementation of overloads) or a const/let/var function. */
function localFunction(ctx: WrapContext, local: string): Handler | string {
  for (const statement of ctx.sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === local && statement.body) {
      return { fn: statement, statement, contextuallyTyped: hasJsDocType(ctx, statement) };
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

interface HandlerEdits {
  insertions: TextInsertion[];
  imports: ImportSpec[];
}

/** The insertions that wrap one handler's responses, or why it cannot be done safely. */
function planHandler(ctx: WrapContext, wrap: ResponseWrap, name: string, { fn, statement, contextuallyTyped }: Handler): HandlerEdits | string {
  if (fn.asteriskToken) return 'a generator function';
  if (!fn.body) return 'a declaration without a body';
  if (fn.type) {
    const declared = shortText(ctx, fn.type);
    if (!/^(?:Response|Promise\s*<\s*Response\s*>)$/.test(declared)) {
      return `declared to return \`${declared}\`, while ${wrap.callee} returns a plain Response`;
    }
  }
  const returns = ts.isBlock(fn.body) ? returnedExpressions(fn.body) : [fn.body];
  if (returns.includes(null)) return 'a function with a `return` without a response';
  const pending = (returns as ts.Expression[]).filter((e) => !isCallTo(unparenthesized(e), wrap.callee));
  if (pending.length === 0) return { insertions: [], imports: [] };

  const request = requestFor(ctx, wrap, name, { fn, statement, contextuallyTyped });
  if (typeof request === 'string') return request;
  const isAsync = ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
  const insertions = [...request.insertions];
  for (const expression of pending) {
    const known = isResponse(ctx, expression, fn);
    if (!known && !isAsync) {
      return `not async, and returns \`${shortText(ctx, expression)}\`, which may be a promise: make it async`;
    }
    const awaited = known ? '' : needsParentheses(expression) ? 'await (' : 'await ';
    const start = expression.getStart(ctx.sourceFile);
    insertions.push({ pos: start, text: `${wrap.callee}(${[request.expression, ...wrap.args].join(', ')}, ${awaited}` });
    insertions.push({ pos: expression.end, text: `${awaited.endsWith('(') ? ')' : ''})` });
  }
  return { insertions, imports: request.imports };
}

/** The expressions of the body's own `return` statements (not those of nested functions); null for a bare `return`. */
function returnedExpressions(body: ts.Block): (ts.Expression | null)[] {
  const out: (ts.Expression | null)[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) out.push(node.expression ?? null);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

interface RequestAccess {
  /** How the body reaches the Request: `request`, `event.request`. */
  expression: string;
  insertions: TextInsertion[];
  imports: ImportSpec[];
}

/** How the wrapped returns reach the request, adding the parameter (or the destructured property) where the handler lacks it. */
function requestFor(ctx: WrapContext, wrap: ResponseWrap, name: string, { fn, statement, contextuallyTyped }: Handler): RequestAccess | string {
  const params = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
  const first = params[0];
  const body = fn.body!;
  if (first && (first.questionToken || first.dotDotDotToken || first.initializer)) {
    return `a function whose first parameter is ${first.dotDotDotToken ? 'a rest parameter' : 'optional'}, so its request may not be there`;
  }
  const fresh = (expression: string, insertions: TextInsertion[], imports: ImportSpec[] = []): RequestAccess | string =>
    declares(body, 'request') || refersTo(body, 'request')
      ? 'a function that uses the name `request` for something else'
      : { expression, insertions, imports };

  if (wrap.framework === 'next') {
    if (!first) return fresh('request', [{ pos: fn.parameters.pos, text: ctx.isJs ? 'request' : 'request: Request' }]);
    if (!ts.isIdentifier(first.name)) return 'a function that destructures its request: name it as a parameter, then run again';
    return shadowed(body, first.name.text, name) ?? { expression: first.name.text, insertions: [], imports: [] };
  }

  if (!first) {
    // A handler typed by RequestHandler types its event; any other one names the event type, in JavaScript with JSDoc as SvelteKit's own examples do.
    const param = { pos: fn.parameters.pos, text: '{ request }' };
    if (contextuallyTyped) return fresh('request', [param]);
    const types = ctx.style.kitTypesModule ?? './$types';
    if (ctx.isJs) {
      const jsdoc = { pos: statement.getStart(ctx.sourceFile), text: `/** @param {import('${types}').RequestEvent} event */${ctx.style.eol}` };
      return fresh('request', [jsdoc, param]);
    }
    return fresh('request', [{ ...param, text: '{ request }: RequestEvent' }], [{ module: types, name: 'RequestEvent', typeOnly: true }]);
  }
  if (ts.isIdentifier(first.name)) return shadowed(body, first.name.text, name) ?? { expression: `${first.name.text}.request`, insertions: [], imports: [] };
  if (!ts.isObjectBindingPattern(first.name)) return 'a function that destructures its event as an array';
  const pattern = first.name;
  for (const element of pattern.elements) {
    const key = element.propertyName ?? element.name;
    if (!element.dotDotDotToken && ts.isIdentifier(key) && key.text === 'request') {
      if (!ts.isIdentifier(element.name)) return 'a function that destructures its request further: name it, then run again';
      return shadowed(body, element.name.text, name) ?? { expression: element.name.text, insertions: [], imports: [] };
    }
  }
  const rest = pattern.elements.find((e) => e.dotDotDotToken);
  if (rest && ts.isIdentifier(rest.name)) return shadowed(body, rest.name.text, name) ?? { expression: `${rest.name.text}.request`, insertions: [], imports: [] };
  const head = pattern.elements[0];
  const insertion = head ? { pos: head.getStart(ctx.sourceFile), text: 'request, ' } : { pos: pattern.getStart(ctx.sourceFile) + 1, text: ' request ' };
  return fresh('request', [insertion]);
}

/** Why a parameter's name cannot be used at the returns: the body declares the same name again. */
function shadowed(body: ts.Node, local: string, name: string): string | undefined {
  return declares(body, local) ? `a function that declares another \`${local}\` inside, so its request is not in reach at every return` : undefined;
}

function declares(node: ts.Node, local: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    const named = (n as { name?: ts.Node }).name;
    const declaration = ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n) || ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n);
    if (declaration && named && ts.isIdentifier(named) && named.text === local) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function refersTo(node: ts.Node, local: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === local) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/**
 * Whether an expression is a Response as written, not a promise of one:
 * `new Response(…)`, `Response.json(…)`, `NextResponse.json(…)`, kit's
 * `json(…)`/`text(…)`, an `await`, or a const of the handler holding one.
 * Anything else is awaited before it is wrapped (in an async handler).
 */
function isResponse(ctx: WrapContext, expression: ts.Expression, fn: FunctionLike): boolean {
  const e = unparenthesized(expression);
  if (ts.isNewExpression(e) || ts.isAwaitExpression(e)) return true;
  if (ts.isConditionalExpression(e)) return isResponse(ctx, e.whenTrue, fn) && isResponse(ctx, e.whenFalse, fn);
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) return ['Response', 'NextResponse'].includes(callee.expression.text);
    if (ts.isIdentifier(callee) && ['json', 'text'].includes(callee.text)) {
      const binding = ctx.bindings.get(callee.text);
      return binding?.kind === 'import' && binding.module === '@sveltejs/kit' && binding.imported === callee.text;
    }
    return false;
  }
  if (ts.isIdentifier(e) && fn.body) {
    const value = constValue(fn.body, e.text);
    return value !== undefined && value !== e && isResponse(ctx, value, fn);
  }
  return false;
}

/** The initializer of the one `const <local> = …` in the body, if there is exactly one. */
function constValue(body: ts.Node, local: string): ts.Expression | undefined {
  const found: ts.Expression[] = [];
  let other = false;
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclarationList(n)) {
      for (const d of n.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== local) continue;
        if (n.flags & ts.NodeFlags.Const && d.initializer) found.push(d.initializer);
        else other = true;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return !other && found.length === 1 ? found[0] : undefined;
}

function unparenthesized(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

function isCallTo(e: ts.Expression, callee: string): boolean {
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === callee;
}

/** `await` binds tighter than these, so `await a ?? b` would await `a` alone. */
function needsParentheses(e: ts.Expression): boolean {
  return (
    ts.isBinaryExpression(e) ||
    ts.isConditionalExpression(e) ||
    ts.isArrowFunction(e) ||
    ts.isYieldExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isSatisfiesExpression(e)
  );
}

function hasJsDocType(ctx: WrapContext, statement: ts.Statement): boolean {
  const comments = ts.getLeadingCommentRanges(ctx.text, statement.pos) ?? [];
  return comments.some((c) => /^\/\*\*[\s\S]*@(?:type|satisfies)\s*\{/.test(ctx.text.slice(c.pos, c.end)));
}

/** A node's source on one line, cut short: for messages. */
function shortText(ctx: WrapContext, node: ts.Node): string {
  const text = ctx.text
    .slice(node.getStart(ctx.sourceFile), node.end)
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/,? \)/g, ')');
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

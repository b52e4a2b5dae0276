import { ts } from './typescript.cjs';
import { constValue, declares, isCallTo, needsParentheses, refersTo, shortText, unparenthesized } from './syntax-queries.js';
import { findHandler, type FunctionLike, type Handler, type WrapContext } from './find-handler.js';
import type { ImportSpec, ResponseWrap, TextInsertion, UnwrappedMethod } from './types.js';

export type { WrapContext } from './find-handler.js';

export interface WrapPlan {
  insertions: TextInsertion[];
  wrapped: string[];
  unwrapped: UnwrappedMethod[];
  /** What the inserted code names: the wrapper, its arguments, a RequestEvent type. */
  imports: ImportSpec[];
  /** The top-level statements that gain an insertion, as ranges of the original text. */
  statements: { start: number; end: number }[];
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

interface HandlerEdits {
  insertions: TextInsertion[];
  imports: ImportSpec[];
}

/** The insertions that wrap one handler's responses, or why it cannot be done safely. */
function planHandler(ctx: WrapContext, wrap: ResponseWrap, name: string, { fn, statement, contextuallyTyped }: Handler): HandlerEdits | string {
  if (fn.asteriskToken) return 'a generator function';
  if (!fn.body) return 'a declaration without a body';
  if (fn.type) {
    const declared = shortText(ctx.text, ctx.sourceFile, fn.type);
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
      return `not async, and returns \`${shortText(ctx.text, ctx.sourceFile, expression)}\`, which may be a promise: make it async`;
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

  if (wrap.request === 'parameter') {
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

// Questions about TypeScript syntax that the response wrapping asks of a
// handler: what a body declares or names, what an expression is.
import { ts } from './typescript.cjs';

export function declares(node: ts.Node, local: string): boolean {
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

export function refersTo(node: ts.Node, local: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === local) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** The initializer of the one `const <local> = …` in the body, if there is exactly one. */
export function constValue(body: ts.Node, local: string): ts.Expression | undefined {
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

export function unparenthesized(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

export function isCallTo(e: ts.Expression, callee: string): boolean {
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === callee;
}

/** `await` binds tighter than these, so `await a ?? b` would await `a` alone. */
export function needsParentheses(e: ts.Expression): boolean {
  return (
    ts.isBinaryExpression(e) ||
    ts.isConditionalExpression(e) ||
    ts.isArrowFunction(e) ||
    ts.isYieldExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isSatisfiesExpression(e)
  );
}

/** Whether a JSDoc comment before the statement types it (`@type {…}` or `@satisfies {…}`). */
export function hasJsDocType(text: string, statement: ts.Statement): boolean {
  const comments = ts.getLeadingCommentRanges(text, statement.pos) ?? [];
  return comments.some((c) => /^\/\*\*[\s\S]*@(?:type|satisfies)\s*\{/.test(text.slice(c.pos, c.end)));
}

/** A node's source on one line, cut short: for messages. */
export function shortText(text: string, sourceFile: ts.SourceFile, node: ts.Node): string {
  const line = text
    .slice(node.getStart(sourceFile), node.end)
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/,? \)/g, ')');
  return line.length > 40 ? `${line.slice(0, 37)}…` : line;
}

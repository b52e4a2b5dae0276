import type { ts as TS } from 'ts-morph';
import { FailedError } from '../util/errors.js';

/**
 * A TypeScript transformer that moves the types into JSDoc, as a JavaScript
 * project with `checkJs` would write them, before the TypeScript emitter
 * erases the type syntax:
 *
 * - `import type { A } from 'm'` → `@import { A } from 'm'`;
 * - interfaces and type aliases → `@typedef` (with `@template`);
 * - parameters, return types and type parameters of functions, arrows and
 *   methods → `@param`, `@returns`, `@template`, merged into the JSDoc the
 *   declaration already has;
 * - annotated variables → `@type`; `x as T` → `/** @type {T} *\/ (x)`;
 *   `x satisfies T` → `/** @satisfies {T} *\/ (x)`.
 *
 * - type arguments of calls and `new` → the result's `@type`.
 *
 * Documentation of interface members is not carried over: a JSDoc type
 * cannot hold comments. Enums, overloads and classes with type parameters or
 * constructors are refused (the built-in templates use none).
 */
export function jsdocTransformer(ts: typeof TS): TS.TransformerFactory<TS.SourceFile> {
  return (context) => (sourceFile) => {
    const typeText = (node: TS.TypeNode | TS.TypeElement | TS.ExpressionWithTypeArguments): string => printType(ts, node, sourceFile);
    const typedefs: string[] = [];

    const visit = (node: TS.Node): TS.VisitResult<TS.Node | undefined> => {
      if (ts.isImportDeclaration(node)) return importTypedefs(node);
      if (ts.isInterfaceDeclaration(node)) return typedef(node, interfaceType(node));
      if (ts.isTypeAliasDeclaration(node)) return typedef(node, typeText(node.type));
      if (ts.isExportDeclaration(node) && node.isTypeOnly) return undefined;
      if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) {
        const inner = ts.visitNode(node.expression, visit) as TS.Expression;
        const tag = ts.isSatisfiesExpression(node) ? 'satisfies' : 'type';
        const type = ts.isTypeReferenceNode(node.type) && node.type.getText(sourceFile) === 'const' ? 'const' : typeText(node.type);
        const wrapped = ts.factory.createParenthesizedExpression(inner);
        return ts.addSyntheticLeadingComment(wrapped, ts.SyntaxKind.MultiLineCommentTrivia, `* @${tag} {${type}} `, false);
      }
      if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.typeArguments && node.typeArguments.length > 0) {
        // JavaScript cannot pass type arguments: the result's type says them instead.
        const args = node.typeArguments.map((t) => typeText(t)).join(', ');
        const callee = node.expression.getText(sourceFile);
        const type = ts.isNewExpression(node) ? `${callee}<${args}>` : `ReturnType<typeof ${callee}<${args}>>`;
        const visited = ts.visitEachChild(node, visit, context) as TS.Expression;
        const wrapped = ts.factory.createParenthesizedExpression(visited);
        return ts.addSyntheticLeadingComment(wrapped, ts.SyntaxKind.MultiLineCommentTrivia, `* @type {${type}} `, false);
      }
      if (ts.isEnumDeclaration(node) || (ts.isFunctionDeclaration(node) && !node.body) || (ts.isClassDeclaration(node) && (node.typeParameters || node.members.some(ts.isConstructorDeclaration)))) {
        throw new FailedError(`Cannot write this TypeScript as JavaScript with JSDoc types: ${node.getText(sourceFile).split('\n')[0]!.slice(0, 80)} (enums, overloads and classes with type parameters or constructors are not converted).`);
      }
      if (ts.isVariableStatement(node)) return variableStatement(node);
      if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) {
        return withDoc(node, functionTags(node), ts.visitEachChild(node, visit, context));
      }
      if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && !claimed.has(node)) {
        const tags = functionTags(node);
        const visited = ts.visitEachChild(node, visit, context);
        return tags.length === 0 ? visited : ts.addSyntheticLeadingComment(visited, ts.SyntaxKind.MultiLineCommentTrivia, `* ${tags.join(' ')} `, false);
      }
      return ts.visitEachChild(node, visit, context);
    };

    /** Arrow functions whose tags went on their variable statement. */
    const claimed = new Set<TS.Node>();

    function importTypedefs(node: TS.ImportDeclaration): TS.VisitResult<TS.Node | undefined> {
      const clause = node.importClause;
      if (!clause || !ts.isStringLiteral(node.moduleSpecifier)) return node;
      const module = node.moduleSpecifier.text;
      const names: string[] = [];
      const named = clause.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
      for (const element of named) {
        if (!clause.isTypeOnly && !element.isTypeOnly) continue;
        names.push(element.propertyName ? `${element.propertyName.text} as ${element.name.text}` : element.name.text);
      }
      // `@import` (TypeScript 5.5) keeps generic types generic, unlike a `@typedef` of `import(…)`.
      if (names.length > 0) typedefs.push(`/** @import { ${names.join(', ')} } from '${module}' */`);
      if (clause.isTypeOnly && clause.name) typedefs.push(`/** @import ${clause.name.text} from '${module}' */`);
      if (names.length === 0 && !(clause.isTypeOnly && clause.name)) return node;
      // The emitter drops a type-only import, and its comments with it: the typedefs go before the first statement kept.
      return clause.isTypeOnly ? undefined : node;
    }

    function interfaceType(node: TS.InterfaceDeclaration): string {
      const members = node.members.map((m) => typeText(m).replace(/;$/, '')).join('; ');
      const body = `{ ${members}${members ? ' ' : ''}}`;
      const bases = (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => typeText(t)));
      return [...bases, ...(bases.length > 0 && members === '' ? [] : [body])].join(' & ');
    }

    function typedef(node: TS.InterfaceDeclaration | TS.TypeAliasDeclaration, type: string): TS.Node {
      const tags = [...templateTags(node.typeParameters), `@typedef {${type}} ${node.name.text}`];
      const statement = ts.factory.createNotEmittedStatement(node);
      return withDoc(node, tags, statement);
    }

    function variableStatement(node: TS.VariableStatement): TS.VisitResult<TS.Node> {
      const declarations = node.declarationList.declarations;
      const only = declarations.length === 1 ? declarations[0]! : undefined;
      const tags: string[] = [];
      if (only?.type) tags.push(`@type {${typeText(only.type)}}`);
      else if (only?.initializer && (ts.isArrowFunction(only.initializer) || ts.isFunctionExpression(only.initializer))) {
        tags.push(...functionTags(only.initializer));
        claimed.add(only.initializer);
      }
      const visited = ts.visitEachChild(node, visit, context);
      if (declarations.length > 1) {
        for (const declaration of declarations) {
          if (declaration.type) {
            throw new FailedError(`Cannot write JavaScript with JSDoc for several annotated variables in one statement (${node.getText(sourceFile).slice(0, 80)}): declare them one a statement in the template.`);
          }
        }
      }
      return withDoc(node, tags, visited);
    }

    function functionTags(node: TS.SignatureDeclarationBase): string[] {
      const tags = templateTags(node.typeParameters);
      node.parameters.forEach((p, index) => {
        if (!p.type) return;
        const name = ts.isIdentifier(p.name) ? p.name.text : `param${index}`;
        const type = p.dotDotDotToken ? `...${typeText(p.type).replace(/\[\]$/, '')}` : typeText(p.type);
        tags.push(`@param {${type}} ${p.questionToken || p.initializer ? `[${name}]` : name}`);
      });
      if (node.type) tags.push(`@returns {${typeText(node.type)}}`);
      return tags;
    }

    function templateTags(parameters: TS.NodeArray<TS.TypeParameterDeclaration> | undefined): string[] {
      // A default is written `[Name=Type]`, as TypeScript reads JSDoc.
      return (parameters ?? []).map((p) => `@template ${p.constraint ? `{${typeText(p.constraint)}} ` : ''}${p.default ? `[${p.name.text}=${typeText(p.default)}]` : p.name.text}`);
    }

    /**
     * `replacement` with the node's comments and the tags: the tags join its
     * JSDoc comment when it has one, else make a new one.
     */
    function withDoc<T extends TS.Node>(original: TS.Node, tags: string[], replacement: T): T {
      if (tags.length === 0 && replacement === original) return replacement;
      const text = sourceFile.text;
      const ranges = ts.getLeadingCommentRanges(text, original.pos) ?? [];
      const last = ranges.at(-1);
      const doc = last && text.startsWith('/**', last.pos) ? last : undefined;
      if (tags.length === 0) return replacement;
      ts.setEmitFlags(replacement, ts.EmitFlags.NoLeadingComments);
      for (const range of ranges) {
        if (range === doc) continue;
        const comment = text.slice(range.pos + 2, range.kind === ts.SyntaxKind.MultiLineCommentTrivia ? range.end - 2 : range.end);
        ts.addSyntheticLeadingComment(replacement, range.kind, comment, range.hasTrailingNewLine ?? true);
      }
      const lines = doc ? docLines(text.slice(doc.pos, doc.end)) : [];
      const body = [...lines, ...tags].map((l) => ` * ${l}`.trimEnd()).join('\n');
      ts.addSyntheticLeadingComment(replacement, ts.SyntaxKind.MultiLineCommentTrivia, `*\n${body}\n `, true);
      return replacement;
    }

    const statements = ts.visitNodes(sourceFile.statements, visit) as TS.NodeArray<TS.Statement>;
    let result = ts.factory.updateSourceFile(sourceFile, statements);
    if (typedefs.length > 0) {
      const holder = ts.factory.createNotEmittedStatement(sourceFile);
      for (const line of typedefs) ts.addSyntheticLeadingComment(holder, ts.SyntaxKind.MultiLineCommentTrivia, line.slice(2, -2), true);
      const imports = result.statements.filter((s) => ts.isImportDeclaration(s)).length;
      result = ts.factory.updateSourceFile(result, [...result.statements.slice(0, imports), holder, ...result.statements.slice(imports)]);
    }
    return result;
  };
}

/** The lines of a JSDoc comment without its delimiters and leading stars. */
function docLines(comment: string): string[] {
  return comment
    .replace(/^\/\*\*\s?/, '')
    .replace(/\s*\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .filter((line, i, all) => line.trim() !== '' || (i > 0 && i < all.length - 1));
}

/** A type on one line, without comments (a JSDoc type cannot hold them). */
function printType(ts: typeof TS, node: TS.Node, sourceFile: TS.SourceFile): string {
  const printer = ts.createPrinter({ removeComments: true });
  return printer.printNode(ts.EmitHint.Unspecified, node, sourceFile).replace(/\s*\n\s*/g, ' ').replace(/;(\s*})/g, '$1');
}

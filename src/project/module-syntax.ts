import { createRequire } from 'node:module';
import type { ts as Syntax } from 'ts-morph';

export type Ts = typeof Syntax;

let loaded: Ts | undefined;

/**
 * The TypeScript parser, loaded on first use: only a project whose files must
 * be read for their syntax (a Drizzle schema, its config) pays for it.
 * `require`, as in patch/typescript.cts, spares the scan of ts-morph's bundle
 * an ES import would cost.
 */
export function typescript(): Ts {
  if (!loaded) {
    const module: typeof import('ts-morph') = createRequire(import.meta.url)('ts-morph');
    loaded = module.ts;
  }
  return loaded;
}

/** Parses a module's syntax, TypeScript or JavaScript by its name; nothing is run. */
export function parseModule(text: string, fileName: string): Syntax.SourceFile {
  const ts = typescript();
  const kind = /\.[cm]?jsx?$/i.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
}

/**
 * The string values of the named properties, wherever the module sets them
 * first (`defineConfig({ schema: './src/db/schema.ts' })`, a plain exported
 * object, JSON): read from the syntax, so the user's config is never run.
 */
export function readConfigStrings(text: string, fileName: string, keys: string[]): Partial<Record<string, string>> {
  const ts = typescript();
  const found: Partial<Record<string, string>> = {};
  const source = parseModule(fileName.endsWith('.json') ? `(${text})` : text, fileName.replace(/\.json$/, '.ts'));
  const visit = (node: Syntax.Node): void => {
    if (ts.isPropertyAssignment(node)) {
      const name = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : undefined;
      if (name !== undefined && keys.includes(name) && found[name] === undefined && ts.isStringLiteralLike(node.initializer)) found[name] = node.initializer.text;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Whether the module exports a value of that name (`export const db`, `export { db }`, `export function db`). */
export function exportsName(text: string, fileName: string, name: string): boolean {
  const ts = typescript();
  const exported = (node: Syntax.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  return parseModule(text, fileName).statements.some((statement) => {
    // `export const db = …`, and `export const { handlers, auth } = NextAuth(…)` as Auth.js writes it.
    if (ts.isVariableStatement(statement) && exported(statement)) return statement.declarationList.declarations.some((d) => bindsName(ts, d.name, name));
    if (ts.isFunctionDeclaration(statement) && exported(statement)) return statement.name?.text === name;
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      return statement.exportClause.elements.some((e) => e.name.text === name && !e.isTypeOnly);
    }
    return false;
  });
}

function bindsName(ts: Ts, binding: Syntax.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  if (ts.isObjectBindingPattern(binding)) return binding.elements.some((e) => !e.dotDotDotToken && bindsName(ts, e.name, name));
  return false;
}

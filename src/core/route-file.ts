import { FailedError } from '../util/errors.js';
import type { RenderedRoute } from '../generators/rendered.js';
import { planPatchedFile, planWholeFile, resolveInsideRoot, type Plan, type PlannedFile } from './plan.js';
import type { PatchResult, ResponseWrap, RouteFileAnalysis, UnwrappedMethod } from '../patch/index.js';
import { readTextOrNull } from '../util/files.js';
import { formatFile } from '../render/format.js';
import { formatInto } from './format-into.js';
import type { SyntaxPreferences } from '../frameworks/handler-syntax.js';

type Patcher = typeof import('../patch/index.js');
let patcher: Promise<Patcher> | undefined;
/** ts-morph loads only when a route file already exists. */
function loadPatcher(): Promise<Patcher> {
  patcher ??= import('../patch/index.js');
  return patcher;
}

/**
 * Reads the route files a run will touch that already exist, once each, so
 * generators can match their declaration style and the planner can merge
 * into them. Files that do not parse fail the run, naming the first error.
 */
export class ExistingRouteFiles {
  private readonly analyses = new Map<string, { text: string; analysis: RouteFileAnalysis } | null>();

  constructor(private readonly root: string) {}

  async load(path: string): Promise<{ text: string; analysis: RouteFileAnalysis } | null> {
    if (this.analyses.has(path)) return this.analyses.get(path)!;
    const text = readTextOrNull(resolveInsideRoot(this.root, path));
    let entry: { text: string; analysis: RouteFileAnalysis } | null = null;
    if (text !== null) {
      const { analyzeRouteFile, RouteFileSyntaxError } = await loadPatcher();
      try {
        entry = { text, analysis: analyzeRouteFile(text, path) };
      } catch (error) {
        if (error instanceof RouteFileSyntaxError) {
          throw new FailedError(`${path}:${error.line}:${error.column}: cannot parse this file: ${error.detail}`, 'Fix the syntax error, then run again; nothing was written.');
        }
        throw error;
      }
      if (entry.analysis.starExports.length > 0) {
        throw new FailedError(
          `${path} re-exports everything from ${entry.analysis.starExports.map((m) => `'${m}'`).join(', ')}, so its methods cannot be known for certain.`,
          'List the exports by name, then run again.',
        );
      }
    }
    this.analyses.set(path, entry);
    return entry;
  }

  /** How the file at `path` declares its handlers; undefined when it does not exist. */
  async syntaxFor(path: string): Promise<SyntaxPreferences | undefined> {
    const entry = await this.load(path);
    if (!entry) return undefined;
    const { style } = entry.analysis;
    return {
      declaration: style.declarationStyle,
      requestHandlerType: style.usesRequestHandlerType,
      satisfies: style.requestHandlerForm === 'satisfies',
      ...(style.kitTypesModule ? { typesModule: style.kitTypesModule } : {}),
      ...(style.jsonHelper ? { jsonHelper: style.jsonHelper } : {}),
    };
  }
}

/**
 * Plans a route file: a new file is written whole; an existing one gains the
 * methods it lacks, formatted in its own style, and keeps every byte it had.
 * A method it already exports is never rewritten, --force included.
 */
export async function planRouteFile(
  plan: Plan,
  route: RenderedRoute,
  existing: ExistingRouteFiles,
  options: { format: boolean; force: boolean; printedAsPrettierDefaults?: boolean },
): Promise<PlannedFile> {
  const current = await existing.load(route.path);
  if (current === null) {
    const text = options.format ? await formatInto(plan, route.text, route.path, {}, options.printedAsPrettierDefaults) : route.text;
    const file = planWholeFile(plan, route.path, text, options.force);
    file.added = route.methods.map((m) => m.name);
    file.skipped = [];
    return file;
  }
  const style = current.analysis.style;
  // What the file shows beats the project's config; what it does not show (no string, no indented line) is the config's to decide.
  const overrides = {
    ...(style.shows.quote ? { singleQuote: style.quote === "'" } : {}),
    ...(style.shows.semicolons ? { semi: style.semicolons } : {}),
    ...(style.shows.indent ? { useTabs: style.indent === '\t', ...(style.indent === '\t' ? {} : { tabWidth: style.indent.length }) } : {}),
  };
  const snippets = [];
  for (const part of [...headSnippets(route, current.analysis), ...route.methods]) {
    snippets.push({ name: part.name, code: options.format ? (await formatInto(plan, part.code, route.path, overrides)).trimEnd() : part.code });
  }
  const { addMethodExports, RouteFilePatchError, isHttpMethod, touchedImports } = await loadPatcher();
  try {
    const result = addMethodExports(current.text, route.path, snippets, route.imports, route.wrapResponses);
    if (options.format) result.text = await formatChangedStatements(plan, route.path, current.text, result, style.eol);
    // The import declarations the patch wrote or merged into, formatted as the project formats them.
    if (options.format && result.importsChanged) {
      let text = result.text;
      for (const range of touchedImports(current.text, result.text, route.path).reverse()) {
        const formatted = (await formatInto(plan, text.slice(range.start, range.end), route.path, overrides)).trimEnd();
        text = text.slice(0, range.start) + formatted.split('\n').join(style.eol) + text.slice(range.end);
      }
      result.text = text;
    }
    if (route.wrapResponses && result.unwrapped.length > 0) {
      plan.problems.push({ level: 'warning', file: route.path, message: unwrappedWarning(route.path, result.unwrapped, route.wrapResponses) });
    }
    // Methods only: Next.js 14's `export const dynamic` goes in with a GET but is no method to report.
    return planPatchedFile(plan, route.path, current.text, result.text, {
      added: result.added.filter(isHttpMethod),
      skipped: result.skipped.filter(isHttpMethod),
      ...(route.wrapResponses ? { wrapped: result.wrapped, unwrapped: result.unwrapped } : {}),
    });
  } catch (error) {
    if (error instanceof RouteFilePatchError) throw new FailedError(`${route.path}: ${error.message}`);
    throw error;
  }
}

/** Which handlers were left without what the wrapping adds, one line per reason, and how to do it by hand. */
function unwrappedWarning(file: string, unwrapped: UnwrappedMethod[], wrap: ResponseWrap): string {
  const byReason = new Map<string, string[]>();
  for (const { method, reason } of unwrapped) byReason.set(reason, [...(byReason.get(reason) ?? []), method]);
  const lines = [...byReason].map(([reason, methods]) => `  ${methods.join(', ')}: ${reason}`);
  const example = `${wrap.callee}(request, ${wrap.args.join(', ')}, response)`;
  const who = unwrapped.length === 1 ? 'a handler still answers' : 'handlers still answer';
  return `${file}: ${who} without ${wrap.adds}; wrap their responses by hand with ${example}:\n${lines.join('\n')}`;
}

/**
 * A handler of the user's that gained insertions (its responses wrapped) is
 * formatted again as a whole, with the project's Prettier options, when it was
 * formatted that way before: a file that passed `prettier --check` still does.
 * Code the user lays out by hand keeps its layout, with the insertions as they are.
 */
async function formatChangedStatements(plan: Plan, path: string, before: string, result: PatchResult, eol: string): Promise<string> {
  let text = result.text;
  for (const range of [...result.changedStatements].reverse()) {
    const original = before.slice(range.original.start, range.original.end).replace(/\r\n/g, '\n');
    if ((await formatFile(original, plan.root, path)).text.trimEnd() !== original) continue;
    const formatted = (await formatInto(plan, text.slice(range.start, range.end).replace(/\r\n/g, '\n'), path)).trimEnd();
    text = text.slice(0, range.start) + formatted.split('\n').join(eol) + text.slice(range.end);
  }
  return text;
}

/**
 * The route's top-level settings (Next.js 14's `export const dynamic`) go in
 * only with a GET that is being added: a GET the user wrote keeps the caching
 * they chose.
 */
function headSnippets(route: RenderedRoute, analysis: RouteFileAnalysis): { name: string; code: string }[] {
  const name = /export\s+const\s+(\w+)/.exec(route.head)?.[1];
  const addsGet = route.methods.some((m) => m.name === 'GET') && !analysis.methods.some((m) => m.name === 'GET');
  return name && addsGet ? [{ name, code: route.head }] : [];
}


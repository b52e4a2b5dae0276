import { basename, join, relative, resolve } from 'node:path';
import { defaults } from './defaults.js';
import { FailedError, UsageError } from '../util/errors.js';
import { crudGenerator, crudMethods } from '../generators/crud.js';
import type { TemplateOptions } from '../generators/generator.js';
import { getGenerator, type TemplateName } from '../generators/index.js';
import { templateEntry, type TemplateEntry } from '../generators/registry.js';
import { toJavaScript, type MethodSnippet, type RenderedFile, type RenderedModule, type RenderedRoute } from '../generators/rendered.js';
import { emptyPlan, planPatchedFile, resolveInsideRoot, type Plan, planWholeFile } from './plan.js';
import { findCrudModule } from './crud-module.js';
import type { StyledProject } from '../project/detect.js';
import { isFile, isJavaScriptPath, readTextOrNull } from '../util/files.js';
import { scanRouteFiles } from './route-table.js';
import { formatInParallel, RenderedSyntaxError, templateSyntaxError } from '../render/format.js';
import { formatInto } from './format-into.js';
import { handlerSyntax } from '../frameworks/handler-syntax.js';
import { ImportCollector } from '../render/imports.js';
import { TemplateSource } from '../render/templates.js';
import { authFiles, authNotes, guardFunction, resolveAuth, withGuard } from '../generators/auth-guard.js';
import { refuseAuthOnWebhooks, warnKeptUnguarded } from './auth-checks.js';
import { followModuleType, resourceAt, resourceModuleFile } from '../generators/resource.js';
import type { ResponseWrap } from '../model/route-code.js';
import { ExistingRouteFiles, planRouteFile } from './route-file.js';
import { getFramework } from '../frameworks/index.js';
import { isParam, parseRoutePath, urlPath, type ParamSegment, type Segment } from '../model/route-path.js';
import type { Framework } from '../frameworks/framework.js';

export interface AddOptions extends Omit<TemplateOptions, 'fields' | 'methods'> {
  project: StyledProject;
  /** The route file, relative to the project root (see resolveRouteFile). */
  file: string;
  /** Method exports to add, already validated for the style. */
  methods: string[];
  /** A template whose method bodies to use; by default CRUD bodies on a generated resource's routes, else a 501 placeholder. */
  template?: TemplateName;
  force: boolean;
  format: boolean;
}

export interface AddPlan {
  plan: Plan;
  /** Where each added method's body came from. */
  sources: Record<string, string>;
}

/**
 * The route file a user means: a file path (from the working directory, else
 * the project root) or a URL path such as `/api/todos/[id]`.
 */
export function resolveRouteFile(project: StyledProject, style: Framework, route: string, workingDirectory = process.cwd()): string {
  const looksLikeFile = /\.(?:[cm]?[jt]sx?|mdx?|svelte|vue|astro|html)$/.test(route);
  if (looksLikeFile) {
    const candidates = [resolve(workingDirectory, route), resolve(project.root, route)];
    const absolute = candidates.find((c) => isFile(c)) ?? candidates[0]!;
    const file = relative(project.root, absolute).split('\\').join('/');
    if (file.startsWith('..')) throw new UsageError(`${route} is outside the project (${project.root}).`);
    if (!style.routeFileNames.includes(basename(file))) throw notARouteFile(style, file);
    if (!isFile(absolute)) throw new UsageError(`${file} does not exist.`, 'Generate the route first: create-endpoint <resource>.');
    return file;
  }
  const wanted = urlPath(route.replace(/^\/+|\/+$/g, '') === '' ? [] : parseRoutePath(route.replace(/^\/+|\/+$/g, ''), 'Route'));
  const matches = scanRouteFiles(project, style).filter((r) => r.url === wanted);
  if (matches.length === 0) {
    throw new UsageError(`No ${style.label} route file serves ${wanted} under ${style.routesDir(project)}/.`, 'Give the file path, or generate the route first: create-endpoint <resource>.');
  }
  if (matches.length > 1) throw new UsageError(`Several route files serve ${wanted}: ${matches.map((m) => m.file).join(', ')}; give the file path.`);
  return matches[0]!.file;
}

function notARouteFile(style: Framework, file: string): UsageError {
  return new UsageError(`${file} is not a ${style.label} route file.`, `A route file is named ${style.routeFileNames.slice(0, 2).join(' or ')}.`);
}

/** How `sources` names a method whose body is the 501 TODO placeholder. */
export const placeholderSource = 'placeholder (501)';

/** Plans adding method exports to an existing route file. Writes nothing. */
export async function planAdd(options: AddOptions): Promise<AddPlan> {
  const { project, file } = options;
  refuseAuthOnWebhooks(options);
  if (options.format) await formatInParallel();
  const style = getFramework(project.style);
  const guard = resolveAuth({ ...options, style });
  resolveInsideRoot(project.root, file);
  const segments = routeSegments(project, style, file);
  style.checkRouteFile(project.root, file);
  const templates = new TemplateSource(project.root);
  const existing = new ExistingRouteFiles(project.root);
  const plan = emptyPlan(project.root);
  const sources: Record<string, string> = {};
  const base = { ...options, fields: [], style, templates, syntaxFor: (path: string) => existing.syntaxFor(path) };

  const snippets = new Map<string, MethodSnippet>();
  const imports: RenderedRoute['imports'] = [];
  let head = '';
  let wrapResponses: ResponseWrap | undefined;
  const take = (route: RenderedRoute | undefined, methods: string[], source: string) => {
    for (const m of route?.methods ?? []) {
      if (!methods.includes(m.name) || snippets.has(m.name)) continue;
      snippets.set(m.name, m);
      sources[m.name] = source;
    }
    if (route) imports.push(...route.imports);
    if (route?.head) head = route.head;
  };

  if (options.template && options.template !== 'crud') {
    const generator = getGenerator(options.template);
    const onAdd: TemplateEntry['add'] = templateEntry(options.template)?.add;
    const collection = onAdd?.collection?.(segments) ?? segments;
    const resource = resourceAt(collection, unusedParam(collection), moduleFileFor(project, style, collection), project, style, { itemRoute: false });
    // A route that lists every method of the file (a CORS policy) is rendered with the file's own methods as well as the new ones.
    const present = (await existing.load(file))?.analysis.methods.map((m) => m.name) ?? [];
    const methods = onAdd?.withPresentMethods ? [...new Set([...options.methods, ...present])] : options.methods;
    const rendered = await generator.render({ ...base, resource, methods });
    const route = rendered.find((f): f is RenderedRoute => f.kind === 'route' && f.path === file);
    take(route, options.methods, options.template);
    // A template asked for by name gives every method asked for, or the run says why not: never a silent placeholder.
    const missing = options.methods.filter((m) => !snippets.has(m));
    if (missing.length > 0) {
      const why = route ? `it has no ${missing.join(', ')}` : (onAdd?.noRoute ?? `it writes no route at ${file}`);
      throw new UsageError(`--template ${options.template} cannot add ${missing.join(', ')} to ${file}: ${why}.`, 'Leave --template out for a 501 placeholder, or pick a template that has these methods.');
    }
    // Helpers for the methods taken only: the route was rendered with the file's own methods too.
    const used = imports.filter((spec) => [...snippets.values()].some((m) => new RegExp(`\\b${spec.name.replace(/\$/g, '\\$')}\\b`).test(m.code)));
    // The route's own handlers may have their responses wrapped (cors): that uses helpers of the template too.
    const wrap = route?.wrapResponses;
    if (wrap) wrapResponses = wrap;
    await planMissingModules(plan, rendered, options, [...used, ...(wrap?.imports ?? [])]);
  } else {
    const crud = crudRoute(project, style, segments);
    if (options.template === 'crud' && !crud) {
      throw new UsageError(
        `--template crud: ${file} is not a route of a resource create-endpoint generated (no resource module for it in ${style.serverLibDir(project)}/resources/).`,
        'Generate the resource first (create-endpoint <resource>), or leave --template out for a 501 placeholder.',
      );
    }
    const methods = crud ? options.methods.filter((m) => (crudMethods[crud.kind] as readonly string[]).includes(m)) : [];
    if (crud && methods.length > 0) {
      const inflected = resourceAt(crud.collection, crud.itemParam, crud.module.file, project, style);
      const resource = followModuleType(inflected, crud.module.typeName, project, style);
      const rendered = await crudGenerator.render({ ...base, resource, fields: crud.module.fields, methods });
      take(rendered.find((f): f is RenderedRoute => f.kind === 'route' && f.path === file), methods, 'crud');
    }
  }
  for (const method of options.methods) {
    if (snippets.has(method)) continue;
    const collector = new ImportCollector();
    const syntax = handlerSyntax(style, project, file, segments.filter(isParam), collector, await existing.syntaxFor(file));
    const route = withGuard(syntax, guard, () => collector.add(guardFunction, style.importSpecifier(project, file, guard!.file)));
    snippets.set(method, { name: method, code: (await templates.render('stub/handler.ejs', { method, url: urlPath(segments), route })).trim() });
    imports.push(...collector.specs);
    sources[method] = placeholderSource;
  }

  // The guard module that guarded handlers import, when the project has none yet.
  await planMissingModules(plan, await authFiles({ ...options, style, templates }), options, imports);
  plan.nextSteps.push(...(await authNotes({ ...options, style })));
  const ordered = options.methods.map((m) => snippets.get(m)!);
  let route: RenderedRoute = { kind: 'route', path: file, head, methods: ordered, imports, text: '', ...(wrapResponses ? { wrapResponses } : {}) };
  if (isJavaScriptPath(file)) route = await toJavaScript(route);
  let planned;
  try {
    planned = await planRouteFile(plan, route, existing, options);
  } catch (error) {
    if (!(error instanceof RenderedSyntaxError)) throw error;
    throw templateSyntaxError(error, options.template ?? (Object.values(sources).includes('crud') ? 'crud' : 'stub'), templates.usedProjectTemplates);
  }
  for (const method of planned.skipped ?? []) delete sources[method];
  warnKeptUnguarded(plan, guard);
  return { plan, sources };
}

/** An item parameter the route does not use: templates other than crud never write the item route. */
function unusedParam(segments: Segment[]): ParamSegment {
  const taken = new Set(segments.filter(isParam).map((s) => s.name));
  let name = 'id';
  for (let i = 2; taken.has(name); i++) name = `id${i}`;
  return { kind: 'param', name };
}

/**
 * The module name generation would give this route's resource: its static
 * folders joined, without the default `api` base (`/api/public/prices` →
 * `public-prices`), so helper modules match what `create-endpoint <resource>` writes.
 */
function moduleFileFor(project: StyledProject, style: Framework, collection: Segment[]): string {
  const names = collection.filter((s) => s.kind === 'static').map((s) => s.name);
  return resourceModuleFile(project, style, names[0] === defaults.base && names.length > 1 ? names.slice(1) : names);
}

/** The route's segments, as the framework reads them from the file's path; a path it does not read as a route file is refused. */
function routeSegments(project: StyledProject, style: Framework, file: string): Segment[] {
  const ref = style.readRouteFile(project, file);
  if (ref === null) {
    const routesDir = style.routesDir(project);
    if (!style.routeFileNames.includes(basename(file))) throw notARouteFile(style, file);
    throw new UsageError(`${file} is not under ${routesDir}/, where ${style.label} looks for routes.`);
  }
  return ref.folders.length === 0 ? [] : parseRoutePath(ref.folders.join('/'), 'Route');
}

/** The CRUD resource a route belongs to, when create-endpoint generated it. */
function crudRoute(project: StyledProject, style: Framework, segments: Segment[]) {
  const last = segments[segments.length - 1];
  const kind = last && last.kind === 'param' ? ('item' as const) : ('collection' as const);
  const collection = kind === 'item' ? segments.slice(0, -1) : segments;
  const itemParam: ParamSegment = kind === 'item' ? (last as ParamSegment) : { kind: 'param', name: 'id' };
  const staticNames = collection.filter((s) => s.kind === 'static').map((s) => s.name);
  const module = findCrudModule(project.root, staticNames, (names) => resourceModuleFile(project, style, names));
  return module ? { kind, collection, itemParam, module } : null;
}

/**
 * `--origins` for a route whose CORS policy exists would be ignored: the
 * policy is the user's. Say so, unless --force writes it anew (true).
 */
function rewritesPolicy(module: RenderedModule, options: AddOptions): boolean {
  if (!module.perResource || options.origins.length === 0 || !module.path.includes('/cors/')) return false;
  if (options.force) return true;
  const current = readTextOrNull(join(options.project.root, module.path)) ?? '';
  if (options.origins.every((origin) => current.includes(JSON.stringify(origin)) || current.includes(`'${origin}'`))) return false;
  throw new FailedError(
    `${module.path} already holds this route's CORS policy, with other origins: --origins does not rewrite it. Nothing was written.`,
    `Edit the origins in ${module.path}, or run again with --force to write the policy anew.`,
  );
}

/** Helper modules the added methods import: created when missing, never rewritten by `add`. */
async function planMissingModules(plan: Plan, rendered: RenderedFile[], options: AddOptions, imports: RenderedRoute['imports']): Promise<void> {
  const style = getFramework(options.project.style);
  const imported = (path: string) => imports.some((spec) => spec.module === style.importSpecifier(options.project, options.file, path));
  // SvelteKit 3's src/env.ts declares what the route imports from $app/env/private: no import names the file itself.
  const declaresEnv = (path: string) => /^src\/env\.[jt]s$/.test(path) && imports.some((spec) => spec.module === '$app/env/private');
  // What a module written now requires is written with it (the webhooks module's database ledger and its table).
  const required = new Set(
    rendered.flatMap((m) => (m.kind === 'module' && (imported(m.path) || declaresEnv(m.path)) && !isFile(join(options.project.root, m.path)) ? (m.requires ?? []) : [])),
  );
  for (const module of rendered) {
    if (module.kind !== 'module' || !(imported(module.path) || declaresEnv(module.path) || required.has(module.path))) continue;
    if (module.insertedInto !== undefined) {
      planPatchedFile(plan, module.path, module.insertedInto, module.text);
      continue;
    }
    if (isFile(join(options.project.root, module.path)) && !rewritesPolicy(module, options)) continue;
    let text = options.project.typescript ? module.text : (await toJavaScript(module)).text;
    if (options.format) text = await formatInto(plan, text, module.path);
    planWholeFile(plan, module.path, text, options.force);
  }
}

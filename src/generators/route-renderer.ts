import { handlerSyntax, type HandlerSyntax } from '../frameworks/handler-syntax.js';
import { ImportCollector } from '../render/imports.js';
import type { ParamSegment } from '../model/route-path.js';
import type { GeneratorInput } from './generator.js';
import type { RenderedModule, RenderedRoute } from './rendered.js';
import { resolveAuth } from './auth.js';
import { guardFunction, withGuard } from './auth-guard.js';

type Importer = (fileOrSpecifier: string) => (name: string) => string;

/** What a template needs to render one route file. */
interface RouteSpec {
  /** The template folder: `crud`, `cors`, … */
  template: string;
  path: string;
  params: ParamSegment[];
  /** The methods, in order, each with its partial's file name in the template folder. */
  partials: { method: string; file: string }[];
  /** An optional partial for top-level code that is not a method (e.g. `export const dynamic`). */
  head?: string;
  /**
   * Template locals beyond `project`, `route` and `methods`. `from(file)` imports
   * names from a project file (through the style's aliases); `module(specifier)`
   * from a package or virtual module such as `$env/dynamic/private`.
   */
  locals(helpers: { route: HandlerSyntax; from: Importer; module: Importer }): Record<string, unknown>;
  /** How a guard's refusal is returned, where the route adds headers to every answer (CORS); as it is by default. */
  refusal?(helpers: { from: Importer }): (response: string) => string;
}

/**
 * Renders a route file as parts: one partial per method, so whole files and
 * `add` emit the same code, with the imports the partials asked for.
 */
export async function renderRoute(input: GeneratorInput, spec: RouteSpec): Promise<RenderedRoute> {
  const { project, style, templates } = input;
  const imports = new ImportCollector();
  const from: Importer = (file) => (name) => imports.add(name, style.importSpecifier(project, spec.path, file));
  const guard = resolveAuth(input);
  const unguarded = handlerSyntax(style, project, spec.path, spec.params, imports, await input.syntaxFor?.(spec.path));
  const route = withGuard(unguarded, guard, () => from(guard!.file)(guardFunction), spec.refusal?.({ from }));
  const module: Importer = (specifier) => (name) => imports.add(name, specifier);
  const locals = { project, route, methods: spec.partials.map((p) => p.method), ...spec.locals({ route, from, module }) };
  const methods = [];
  for (const { method, file } of spec.partials) {
    methods.push({ name: method, code: (await templates.render(templateFor(input, spec.template, file)!, locals)).trim() });
  }
  const headPath = spec.head ? templateFor(input, spec.template, spec.head, true) : null;
  const head = headPath ? (await templates.render(headPath, locals)).trim() : '';
  const text = [imports.print(), head, ...methods.map((m) => m.code)].filter(Boolean).join('\n\n') + '\n';
  return { kind: 'route', path: spec.path, head, methods, imports: imports.specs, text };
}

/** A style's own template file when it has one, else the one all styles share; null for a missing optional one. */
function templateFor({ templates, style }: GeneratorInput, template: string, file: string, optional = false): string | null {
  const own = `${style.name}/${template}/${file}`;
  if (templates.exists(own)) return own;
  return optional && !templates.exists(`${template}/${file}`) ? null : `${template}/${file}`;
}

/** SvelteKit's route id of a route file: its folder below the routes folder, groups included. */
export function kitRouteId({ project, style }: GeneratorInput, routePath: string): string {
  return routePath.slice(style.routesDir(project).length, routePath.lastIndexOf('/')) || '/';
}

/**
 * Where a Vitest file for a route goes (beside it, where Vitest's default
 * include finds it), and the locals test templates share to import the route
 * and call its handlers as the framework does.
 */
export function testBeside(input: GeneratorInput, routePath: string, template: string) {
  const { project, style, resource } = input;
  const dir = routePath.slice(0, routePath.lastIndexOf('/'));
  const routeImport = `./${routePath.slice(dir.length + 1).replace(/\.[jt]s$/, '')}`;
  return {
    // Named for the template too: `todos` and `todos --template cors` each keep their own.
    path: `${dir}/${resource.names.plural}.${template}.test.${project.typescript ? 'ts' : 'js'}`,
    routeImport,
    locals: {
      style: style.name,
      styleLabel: style.label,
      endpoint: resource.collectionUrl,
      routeImport,
      parentParams: resource.parentParams.map((p) => p.name),
      asyncParams: project.version.major >= 15,
      routeId: kitRouteId(input, routePath),
      // SvelteKit 3's cookies have parse().
      kitMajor: project.version.major,
    },
  };
}

/** The Vitest file beside a route when the project uses Vitest: `locals` add to (or replace) testBeside's. */
export async function testFileBeside(input: GeneratorInput, routePath: string, template: string, locals: object = {}): Promise<RenderedModule[]> {
  // Guarded handlers answer 401 to a test without a session of the project's auth library (authNotes says so).
  if (!input.project.usesVitest || input.auth !== undefined) return [];
  const test = testBeside(input, routePath, template.split('/')[0]!);
  return [{ kind: 'module', path: test.path, text: await input.templates.render(template, { ...test.locals, ...locals }), perResource: true }];
}

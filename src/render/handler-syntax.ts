import type { StyledProject } from '../project/detect.js';
import type { ParamSegment } from '../model/route-path.js';
import type { Style } from '../styles/style.js';
import type { ImportCollector } from './imports.js';
import { isJavaScriptPath } from '../util/files.js';
import { list } from './layout.js';

/** A route parameter with its TypeScript type. */
type TypedParam = { name: string; type: string };

/** What a handler body reads from its request. */
type HandlerInput = 'request' | 'params' | 'url';

/**
 * How one route's handlers are declared in a style and framework version.
 * Method partials use it to open and close a handler and to reach the request,
 * the URL and the route parameters, so a method body is written once for
 * every framework.
 */
export interface HandlerSyntax {
  /** The opening of an exported handler, up to and including its first lines. */
  open(method: string, uses: HandlerInput[]): string;
  close(): string;
  /** The expression of a route parameter inside a handler. */
  param(name: string): string;
  /** The expression of the request URL inside a handler. */
  url: string;
  /** The JSON response helper the file uses: `Response.json`, SvelteKit 2's `json`, `NextResponse.json`. */
  json: string;
}

/** How an existing route file declares its handlers; new handlers follow it. */
export interface SyntaxPreferences {
  declaration: 'function' | 'arrow';
  /** SvelteKit: `export const GET: RequestHandler = …` rather than a function taking a `RequestEvent`. */
  requestHandlerType: boolean;
  /**
   * SvelteKit: where the file imports `RequestHandler` or `RequestEvent` from:
   * `./$types` (the default), `./$types.js`, or `@sveltejs/kit`, whose generic
   * types then get the route's parameters.
   */
  typesModule?: string;
  /** `export const GET = (async () => …) satisfies RequestHandler`. */
  satisfies?: boolean;
  /** The JSON helper the file imports, which a placeholder uses too. */
  jsonHelper?: 'json' | 'NextResponse';
}

/** What each style writes in a new file. */
function defaultPreferences(style: Style): SyntaxPreferences {
  return style.name === 'next' ? { declaration: 'function', requestHandlerType: false } : { declaration: 'arrow', requestHandlerType: true };
}

/**
 * The handlers of the route file at `path`: in JavaScript when the file is
 * JavaScript, whatever the project's language (a `route.js` in a TypeScript app).
 */
export function handlerSyntax(
  style: Style,
  projectOfRoute: StyledProject,
  path: string,
  params: ParamSegment[],
  imports: ImportCollector,
  preferences: SyntaxPreferences = defaultPreferences(style),
): HandlerSyntax {
  const project = { ...projectOfRoute, typescript: !isJavaScriptPath(path) };
  const typed = params.map((p) => ({ name: p.name, type: style.paramType(p) }));
  return style.name === 'next' ? nextSyntax(project, typed, imports, preferences) : sveltekitSyntax(project, typed, imports, preferences);
}

/** Typed in JavaScript too: the conversion to JavaScript moves the types into JSDoc (render/jsdoc.ts). */
function nextSyntax(project: StyledProject, params: TypedParam[], imports: ImportCollector, preferences: SyntaxPreferences): HandlerSyntax {
  // Next 15 made params a Promise; 16 removed the synchronous access entirely.
  const asyncParams = project.version.major >= 15;
  const shape = `{ ${params.map((p) => `${p.name}: ${p.type}`).join('; ')} }`;
  const contextType = asyncParams ? `Promise<${shape}>` : shape;
  return {
    open(method, uses) {
      const usesRequest = uses.includes('request') || uses.includes('url');
      const usesParams = uses.includes('params') && params.length > 0;
      // A parameter the body does not read is left out, unless a later one needs its place.
      const args = usesRequest || usesParams ? [`${usesRequest ? 'request' : '_request'}: Request`] : [];
      const lines: string[] = [];
      if (usesParams) {
        args.push(`{ params }: { params: ${contextType} }`);
        lines.push(`  const { ${params.map((p) => p.name).join(', ')} } = ${asyncParams ? 'await ' : ''}params;`);
      }
      if (uses.includes('url')) lines.push('  const url = new URL(request.url);');
      const opening = preferences.declaration === 'arrow' ? list(`export const ${method} = async `, args, ' => {') : list(`export async function ${method}`, args, ' {');
      return [opening, ...lines].join('\n');
    },
    close: () => (preferences.declaration === 'arrow' ? '};' : '}'),
    param: (name) => name,
    url: 'url',
    // A getter: only a body that answers JSON imports the helper.
    get json() {
      return preferences.jsonHelper === 'NextResponse' ? `${imports.add('NextResponse', 'next/server')}.json` : 'Response.json';
    },
  };
}

function sveltekitSyntax(
  project: StyledProject,
  params: TypedParam[],
  imports: ImportCollector,
  preferences: SyntaxPreferences,
): HandlerSyntax {
  const asFunction = preferences.declaration === 'function';
  const typesModule = preferences.typesModule ?? './$types';
  // @sveltejs/kit's RequestHandler and RequestEvent know no route: they take its parameters.
  const generic = typesModule === '@sveltejs/kit' && params.length > 0 ? `<{ ${params.map((p) => `${p.name}: ${p.type}`).join('; ')} }>` : '';
  const ts = project.typescript;
  const satisfies = ts && !asFunction && preferences.requestHandlerType && preferences.satisfies === true;
  let handlerType = '';
  return {
    open(method, uses) {
      const destructured = uses.filter((u) => u !== 'params' || params.length > 0);
      const args = destructured.length > 0 ? `{ ${destructured.join(', ')} }` : '';
      // The event typed with RequestEvent, as SvelteKit's docs write it; no parameter when the body reads nothing.
      const event = (type: string) => (args === '' ? '' : ts ? `${args}: ${type}` : args);
      if (asFunction || !preferences.requestHandlerType) {
        const type = ts && args !== '' ? `${imports.add('RequestEvent', typesModule, true)}${generic}` : '';
        const doc = !ts && args !== '' ? `/** @param {import('${typesModule}').RequestEvent${generic}} event */\n` : '';
        return asFunction ? `${doc}export async function ${method}(${event(type)}) {` : `${doc}export const ${method} = async (${event(type)}) => {`;
      }
      if (!ts) return `/** @type {import('${typesModule}').RequestHandler${generic}} */\nexport const ${method} = async (${args}) => {`;
      handlerType = `${imports.add('RequestHandler', typesModule, true)}${generic}`;
      return satisfies ? `export const ${method} = (async (${args}) => {` : `export const ${method}: ${handlerType} = async (${args}) => {`;
    },
    close: () => (asFunction ? '}' : satisfies ? `}) satisfies ${handlerType};` : '};'),
    param: (name) => `params.${name}`,
    url: 'url',
    // SvelteKit 3 deprecates json(): new code answers with Response.json there.
    get json() {
      return preferences.jsonHelper === 'json' && project.version.major < 3 ? imports.add('json', '@sveltejs/kit') : 'Response.json';
    },
  };
}

import type { StyledProject } from '../project/detect.js';
import type { ParamSegment } from '../model/route-path.js';
import type { Framework } from './framework.js';
import type { ImportCollector } from '../render/imports.js';
import { isJavaScriptPath } from '../util/files.js';

/** A route parameter with its TypeScript type. */
export type TypedParam = { name: string; type: string };

/** What a handler body reads from its request (`locals`: SvelteKit's, which a guard reads). */
export type HandlerInput = 'request' | 'params' | 'url' | 'locals';

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

/**
 * The handlers of the route file at `path`: in JavaScript when the file is
 * JavaScript, whatever the project's language (a `route.js` in a TypeScript app).
 */
export function handlerSyntax(
  style: Framework,
  projectOfRoute: StyledProject,
  path: string,
  params: ParamSegment[],
  imports: ImportCollector,
  preferences: SyntaxPreferences = style.defaultSyntax,
): HandlerSyntax {
  const project = { ...projectOfRoute, typescript: !isJavaScriptPath(path) };
  const typed = params.map((p) => ({ name: p.name, type: style.paramType(p) }));
  return style.handlerSyntax(project, typed, imports, preferences);
}

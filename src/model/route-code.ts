// What a route file's code is made of, as generators render it and the
// patcher writes it: methods, imports, handler snippets, response wrapping.
// Shared by render/, generators/, patch/ and core/, so none of them owns it.

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'fallback';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE', 'fallback'];

export function isHttpMethod(name: string): name is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(name);
}

export interface ImportSpec {
  module: string;
  name: string;
  typeOnly?: boolean;
}

export interface MethodSnippet {
  /** The exported name, e.g. 'GET'. */
  name: string;
  /** One or more whole statements that export `name`; '\n' line endings, already formatted in the file's style. */
  code: string;
}

/**
 * How a framework hands a route handler its Request: as the first parameter
 * (Next.js: `GET(request)`), or as the `request` of the event that is the
 * first parameter (SvelteKit: `GET({ request })`, `GET(event)` → `event.request`).
 */
export type HandlerRequest = 'parameter' | 'event';

/**
 * Wrapping what existing handlers return: every `return <response>` becomes
 * `return <callee>(<request>, ...args, <response>)` (awaited where it may be a
 * promise), e.g. `withCors(request, todosCors, response)`.
 */
export interface ResponseWrap {
  callee: string;
  /** Arguments between the request and the response. */
  args: string[];
  /** The imports of the callee and the arguments. */
  imports: ImportSpec[];
  /** How a handler receives its request, as its framework says (`Framework.handlerRequest`). */
  request: HandlerRequest;
  /** Methods not to wrap: the preflight, which answers by itself. */
  except: string[];
  /** What the wrapping adds to a response, for the warning about handlers left unwrapped: `CORS headers`. */
  adds: string;
}

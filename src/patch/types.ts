export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'fallback';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE', 'fallback'];

export function isHttpMethod(name: string): name is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(name);
}

export type ExportForm = 'function' | 'const' | 'let' | 'var' | 'export-list' | 're-export' | 'overload';

export interface MethodExport {
  name: string;
  form: ExportForm;
  /** 1-based line of the exported name. */
  line: number;
}

export interface RouteFileStyle {
  /** What the file's existing handlers use; 'function' when there are none. */
  declarationStyle: 'function' | 'arrow';
  /** A handler is typed with RequestHandler (annotation, `satisfies` or JSDoc @type). */
  usesRequestHandlerType: boolean;
  /** The module the file imports SvelteKit's `RequestHandler` or `RequestEvent` from, if it does. */
  kitTypesModule?: string;
  /** How a handler is typed with RequestHandler: `const GET: RequestHandler = …`, `(…) satisfies RequestHandler`, or JSDoc. */
  requestHandlerForm?: 'annotation' | 'satisfies' | 'jsdoc';
  /** The JSON response helper the file imports: SvelteKit's `json`, or Next.js's `NextResponse`. */
  jsonHelper?: 'json' | 'NextResponse';
  quote: "'" | '"';
  semicolons: boolean;
  indent: string;
  /** Which of quote, semicolons and indent the file shows; the others are defaults, and the project's formatter config should decide them. */
  shows: { quote: boolean; semicolons: boolean; indent: boolean };
  eol: '\n' | '\r\n';
  bom: boolean;
}

export interface RouteFileAnalysis {
  methods: MethodExport[];
  /** Module specifiers of `export * from '…'` declarations, in file order. */
  starExports: string[];
  style: RouteFileStyle;
  hasDefaultExport: boolean;
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

export interface PatchResult {
  text: string;
  added: string[];
  skipped: string[];
  /** Whether an import declaration was written or merged into (then it may need formatting). */
  importsChanged: boolean;
  /** Existing methods whose responses the patch wrapped (see ResponseWrap). */
  wrapped: string[];
  /** Existing methods it could not wrap safely, each with the reason; left as they were. */
  unwrapped: UnwrappedMethod[];
  /** The user's top-level statements that gained an insertion (then they may need formatting). */
  changedStatements: ChangedStatement[];
}

export interface ChangedStatement {
  /** Its range in the patched text. */
  start: number;
  end: number;
  /** Its range in the original text. */
  original: { start: number; end: number };
}

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
  /** How a handler receives its request: Next.js's first parameter, or SvelteKit's `event.request`. */
  framework: 'next' | 'sveltekit';
  /** Methods not to wrap: the preflight, which answers by itself. */
  except: string[];
  /** What the wrapping adds to a response, for the warning about handlers left unwrapped: `CORS headers`. */
  adds: string;
}

export interface UnwrappedMethod {
  method: string;
  /** Why, of the handler: `the result of \`withAuth(…)\`, whose handler …`. */
  reason: string;
}

/** An insertion of `text` before offset `pos` of the original text (BOM included). */
export interface TextInsertion {
  pos: number;
  text: string;
}

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
  eol: '\n' | '\r\n';
  bom: boolean;
  /**
   * Which of quote, semicolons and indent the file's own code shows. The others
   * are defaults (a file of one-liners has no indentation to read), which the
   * project's Prettier config decides instead.
   */
  shown: { quote: boolean; semicolons: boolean; indent: boolean };
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
}

/** An insertion of `text` before offset `pos` of the original text (BOM included). */
export interface TextInsertion {
  pos: number;
  text: string;
}

// The patcher's own types; those it shares with the generators live in
// model/route-code.ts and are re-exported here.
import type { ImportSpec } from '../model/route-code.js';

export { HTTP_METHODS, isHttpMethod } from '../model/route-code.js';
export type { HttpMethod, ImportSpec, MethodSnippet, ResponseWrap } from '../model/route-code.js';

export type ExportForm = 'function' | 'const' | 'let' | 'var' | 'export-list' | 're-export' | 'overload';

export interface MethodExport {
  name: string;
  form: ExportForm;
  /** 1-based line of the exported name. */
  line: number;
}

/** A file's code style (quotes, semicolons, declarations), not its framework: that is a `Framework` (frameworks/). */
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

/**
 * Names a generated identifier must never take.
 *
 * JavaScript's reserved words, strict mode's (every ES module is strict) and
 * the few that cannot be bound there.
 */
export const reservedWords = [
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with',
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await',
  'arguments', 'eval', 'undefined', 'NaN', 'Infinity', 'globalThis',
];

/**
 * What the built-in templates declare, import or reference themselves, so a
 * resource's own names never shadow or redeclare one of them.
 * test/unit/template-identifiers.test.ts renders every template and fails
 * when one uses a name missing here.
 */
export const templateIdentifiers = [
  // Handlers, their locals and parameters.
  'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE', 'fallback', '_request', '_event', 'id', 'scope', 'message',
  'response', 'time', 'request', 'url', 'params', 'body', 'input', 'patch', 'query', 'collection', 'location', 'created', 'replaced', 'updated', 'removed', 'event', 'context', 'locals',
  'platform', 'cookies', 'setHeaders', 'fetch', 'route', 'stream', 'controller', 'signal', 'file', 'range', 'policy', 'origin',
  // The guard --auth puts in handlers (its own module names no resource).
  'access', 'requireUser',
  // Framework imports.
  'json', 'error', 'text', 'NextRequest', 'NextResponse', 'RequestHandler', 'RequestEvent', 'env', 'dynamic', 'runtime',
  // The resource module and the engine it imports.
  'schema', 'fields', 'store', 'memoryStore', 'inMemoryStore', 'Store', 'Written', 'Refused', 'parseFields', 'parseListQuery', 'FieldSpec', 'FieldType', 'ListQuery', 'Page',
  'Result', 'MemoryStore', 'StoredRecord', 'fromZod', 'fromValibot', 'isoDate', 'finiteNumber', 'parseIsoDate', 'Patch',
  'patchSchema', 'z', 'v',
  // api-utils and cors.
  'jsonError', 'readJsonObject', 'readBodyBytes', 'JsonObjectResult', 'BodyResult', 'MAX_BODY_BYTES', 'preflight', 'withCors', 'corsHeaders', 'CorsPolicy',
  // Vitest files.
  'describe', 'it', 'expect', 'vi', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'test', 'jsonRequest', 'invoke',
];

/** Globals a module of a web app may well use: a type or variable of that name would hide them. */
const globals = [
  'Array', 'ArrayBuffer', 'Awaited', 'BigInt', 'Blob', 'Boolean', 'Crypto', 'CryptoKey', 'DataView', 'Date', 'Error',
  'Event', 'EventTarget', 'Exclude', 'Extract', 'File', 'FormData', 'Function', 'Headers', 'InstanceType', 'Intl', 'Iterable',
  'JSON', 'Map', 'Math', 'NonNullable', 'Number', 'Object', 'Omit', 'Parameters', 'Partial', 'Pick', 'Promise', 'Proxy',
  'ReadableStream', 'Readonly', 'ReadonlyArray', 'Record', 'Reflect', 'RegExp', 'Request', 'Required', 'Response',
  'ReturnType', 'Set', 'String', 'Symbol', 'TextDecoder', 'TextEncoder', 'TransformStream', 'URL', 'URLSearchParams',
  'Uint8Array', 'WeakMap', 'WeakSet', 'WritableStream', 'AbortController', 'AbortSignal', 'console', 'crypto', 'process',
  'Buffer', 'structuredClone', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'encodeURIComponent',
];

const unavailable = new Set([...reservedWords, ...templateIdentifiers, ...globals]);

/** Whether a generated identifier may be `name`. */
export function isAvailable(name: string, taken: ReadonlySet<string> = new Set()): boolean {
  return !unavailable.has(name) && !taken.has(name);
}

/** `name`, or `name` with `Item` appended until it is free: `class` → `classItem`. */
export function avoidClash(name: string, taken: ReadonlySet<string> = new Set()): string {
  let free = name;
  while (!isAvailable(free, taken)) free += 'Item';
  return free;
}

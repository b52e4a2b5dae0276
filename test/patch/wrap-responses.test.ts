// Wrapping the responses of a route's own handlers (add OPTIONS --template
// cors): every shape people write, what it becomes, and the shapes it must
// leave alone with a reason. The patched text keeps every byte of the input
// and a second run changes nothing.
import { describe, expect, test } from 'vitest';
import { addMethodExports, type ResponseWrap } from '../../src/patch/index.js';
import { isSubsequence } from './subsequence.js';

const cors = (framework: 'next' | 'sveltekit'): ResponseWrap => ({
  callee: 'withCors',
  args: ['policy'],
  imports: [
    { module: '$lib/cors', name: 'withCors' },
    { module: '$lib/policy', name: 'policy' },
  ],
  // The fact each framework gives (Framework.handlerRequest).
  request: framework === 'next' ? 'parameter' : 'event',
  except: ['OPTIONS'],
  adds: 'CORS headers',
});
const options = { name: 'OPTIONS', code: 'export function OPTIONS() {\n  return new Response(null, { status: 204 });\n}' };

function wrap(input: string, framework: 'next' | 'sveltekit', fileName = framework === 'next' ? 'route.ts' : '+server.ts') {
  const result = addMethodExports(input, fileName, [], [], cors(framework));
  expect(isSubsequence(input, result.text)).toBe(true);
  const again = addMethodExports(result.text, fileName, [], [], cors(framework));
  expect(again.text).toBe(result.text);
  expect(again.wrapped).toEqual([]);
  return result;
}

/** The body of the file after the imports the wrapping adds. */
const body = (text: string) => text.replace(/^import \{ (?:withCors|policy) \} from (["'])\$lib\/(?:cors|policy)\1;?\n/gm, '').replace(/^\n/, '');

describe('Next.js handlers', () => {
  const cases: [string, string, string][] = [
    [
      'a function without parameters gets `request: Request`',
      'export async function GET() {\n  return Response.json({ ok: true });\n}\n',
      'export async function GET(request: Request) {\n  return withCors(request, policy, Response.json({ ok: true }));\n}\n',
    ],
    [
      'its own request parameter, whatever its name and type',
      'export async function GET(req: NextRequest, { params }: Ctx) {\n  return new Response(req.url);\n}\n',
      'export async function GET(req: NextRequest, { params }: Ctx) {\n  return withCors(req, policy, new Response(req.url));\n}\n',
    ],
    [
      'every return of the body, none of a nested function',
      'export async function GET(request: Request) {\n  const list = [1].map((n) => { return n; });\n  if (!list.length) return new Response(null, { status: 404 });\n  return Response.json(list);\n}\n',
      'export async function GET(request: Request) {\n  const list = [1].map((n) => { return n; });\n  if (!list.length) return withCors(request, policy, new Response(null, { status: 404 }));\n  return withCors(request, policy, Response.json(list));\n}\n',
    ],
    [
      'a value that may be a promise is awaited, in parentheses where await would bind tighter',
      'export async function GET(request: Request) {\n  if (request.headers.has("x")) return fetch(request);\n  return cached ?? fetch(request);\n}\n',
      'export async function GET(request: Request) {\n  if (request.headers.has("x")) return withCors(request, policy, await fetch(request));\n  return withCors(request, policy, await (cached ?? fetch(request)));\n}\n',
    ],
    [
      'a const of the handler holding a Response is not awaited',
      'export function GET() {\n  const response = NextResponse.json({ ok: true });\n  return response;\n}\n',
      'export function GET(request: Request) {\n  const response = NextResponse.json({ ok: true });\n  return withCors(request, policy, response);\n}\n',
    ],
    [
      'an arrow with an expression body',
      'export const GET = async () => fetch("https://upstream.example")\n',
      'export const GET = async (request: Request) => withCors(request, policy, await fetch("https://upstream.example"))\n',
    ],
    [
      'multi-declarator exports',
      'export const GET = () => new Response("a"), DELETE = async (r: Request) => new Response(null, { status: 204 });\n',
      'export const GET = (request: Request) => withCors(request, policy, new Response("a")), DELETE = async (r: Request) => withCors(r, policy, new Response(null, { status: 204 }));\n',
    ],
    [
      'an export list of a function used nowhere else, once for both names',
      'async function handler(request: Request) {\n  return new Response(request.method);\n}\nexport { handler as GET, handler as HEAD };\n',
      'async function handler(request: Request) {\n  return withCors(request, policy, new Response(request.method));\n}\nexport { handler as GET, handler as HEAD };\n',
    ],
    [
      'overloads: the implementation',
      'export function GET(request: Request): Response;\nexport function GET(request: Request, extra?: string): Response {\n  return new Response(extra);\n}\n',
      'export function GET(request: Request): Response;\nexport function GET(request: Request, extra?: string): Response {\n  return withCors(request, policy, new Response(extra));\n}\n',
    ],
    [
      'a JSX route file',
      'export async function GET() {\n  return new Response(render(<p>hi</p>));\n}\n',
      'export async function GET(request: Request) {\n  return withCors(request, policy, new Response(render(<p>hi</p>)));\n}\n',
    ],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      const result = wrap(input, 'next', name.includes('JSX') ? 'route.tsx' : 'route.ts');
      expect(body(result.text)).toBe(expected);
      expect(result.unwrapped).toEqual([]);
    });
  }

  test('a JavaScript route gets an untyped parameter', () => {
    const result = wrap('export async function GET() {\n  return Response.json({ ok: true });\n}\n', 'next', 'route.js');
    expect(body(result.text)).toBe('export async function GET(request) {\n  return withCors(request, policy, Response.json({ ok: true }));\n}\n');
  });

  test('CRLF and a BOM stay as they are', () => {
    const input = '\uFEFFexport async function GET() {\r\n  return new Response("x");\r\n}\r\n';
    const result = wrap(input, 'next');
    expect(result.text.startsWith('\uFEFF')).toBe(true);
    expect(result.text).toContain('export async function GET(request: Request) {\r\n  return withCors(request, policy, new Response("x"));\r\n}\r\n');
    expect(result.text.replace(/\r\n/g, '').includes('\n')).toBe(false);
  });

  test('the new OPTIONS and the wrapping in one patch, imports once', () => {
    const input = "import { json } from 'x';\n\nexport async function GET() {\n  return new Response('x');\n}\n";
    const result = addMethodExports(input, 'route.ts', [{ ...options, code: 'export function OPTIONS(request: Request) {\n  return withCors(request, policy, new Response(null));\n}' }], cors('next').imports, cors('next'));
    expect(result.added).toEqual(['OPTIONS']);
    expect(result.wrapped).toEqual(['GET']);
    expect(result.text.match(/import \{ withCors \}/g)).toHaveLength(1);
    expect(result.text).toContain("export async function GET(request: Request) {\n  return withCors(request, policy, new Response('x'));\n}\n\nexport function OPTIONS(");
  });
});

describe('SvelteKit handlers', () => {
  const cases: [string, string, string][] = [
    [
      'typed by RequestHandler: the request joins the destructured event',
      "export const GET: RequestHandler = async ({ url }) => {\n  return json(url.pathname);\n};\n",
      "export const GET: RequestHandler = async ({ request, url }) => {\n  return withCors(request, policy, await json(url.pathname));\n};\n",
    ],
    [
      'kit’s own json helper is known to be a Response',
      "import { json } from '@sveltejs/kit';\nexport const GET: RequestHandler = async ({ request }) => json(request.url);\n",
      "import { json } from '@sveltejs/kit';\nexport const GET: RequestHandler = async ({ request }) => withCors(request, policy, json(request.url));\n",
    ],
    [
      'satisfies RequestHandler without parameters: an untyped destructuring',
      'export const GET = (async () => new Response("ok")) satisfies RequestHandler;\n',
      'export const GET = (async ({ request }) => withCors(request, policy, new Response("ok"))) satisfies RequestHandler;\n',
    ],
    [
      'an untyped function in TypeScript names RequestEvent and imports it',
      'export async function GET() {\n  return new Response("ok");\n}\n',
      'export async function GET({ request }: RequestEvent) {\n  return withCors(request, policy, new Response("ok"));\n}\n',
    ],
    [
      'an event parameter',
      'export async function GET(event: RequestEvent) {\n  return new Response(event.url.pathname);\n}\n',
      'export async function GET(event: RequestEvent) {\n  return withCors(event.request, policy, new Response(event.url.pathname));\n}\n',
    ],
    [
      'a renamed request property',
      'export const POST: RequestHandler = async ({ request: req }) => {\n  return new Response(await req.text());\n};\n',
      'export const POST: RequestHandler = async ({ request: req }) => {\n  return withCors(req, policy, new Response(await req.text()));\n};\n',
    ],
    [
      'a rest element holds the request',
      'export const GET: RequestHandler = async ({ params, ...event }) => new Response(params.id + event.url);\n',
      'export const GET: RequestHandler = async ({ params, ...event }) => withCors(event.request, policy, new Response(params.id + event.url));\n',
    ],
    [
      'an empty destructuring',
      'export const GET: RequestHandler = async ({}) => new Response("x");\n',
      'export const GET: RequestHandler = async ({ request }) => withCors(request, policy, new Response("x"));\n',
    ],
    [
      'fallback is a handler too; OPTIONS is the preflight',
      'export const fallback: RequestHandler = async ({ request }) => new Response(request.method);\nexport const OPTIONS: RequestHandler = async () => new Response(null);\n',
      'export const fallback: RequestHandler = async ({ request }) => withCors(request, policy, new Response(request.method));\nexport const OPTIONS: RequestHandler = async () => new Response(null);\n',
    ],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      const result = wrap(input, 'sveltekit');
      const typeImport = /^import type \{ RequestEvent \} from "\.\/\$types";\n/m;
      expect(body(result.text.replace(typeImport, ''))).toBe(expected);
      expect(typeImport.test(result.text)).toBe(name.includes('imports it'));
      expect(result.unwrapped).toEqual([]);
    });
  }

  test('an untyped JavaScript function gets the JSDoc SvelteKit writes for its event', () => {
    const result = wrap('// Lists things.\nexport async function GET() {\n  return new Response("ok");\n}\n', 'sveltekit', '+server.js');
    expect(body(result.text)).toBe(
      "// Lists things.\n/** @param {import('./$types').RequestEvent} event */\nexport async function GET({ request }) {\n  return withCors(request, policy, new Response(\"ok\"));\n}\n",
    );
  });

  test('a JSDoc @type RequestHandler types the event already', () => {
    const input = "/** @type {import('./$types').RequestHandler} */\nexport const GET = async () => new Response('ok');\n";
    expect(body(wrap(input, 'sveltekit', '+server.js').text)).toBe(
      "/** @type {import('./$types').RequestHandler} */\nexport const GET = async ({ request }) => withCors(request, policy, new Response('ok'));\n",
    );
  });
});

describe('shapes left alone, with the reason', () => {
  const refused: [string, string, 'next' | 'sveltekit', RegExp][] = [
    ['a wrapper call', 'export const GET = withAuth(async (request: Request) => new Response("x"));\n', 'next', /the result of `withAuth\(…\)`, whose handler create-endpoint cannot see into/],
    ['a generic wrapper call', 'export const GET = withAuth<Session>(async () => new Response("x"));\n', 'next', /the result of `withAuth\(…\)`/],
    ['nested wrappers', 'export const GET = withLogging(withAuth(handler));\n', 'next', /the result of `withLogging\(…\)`/],
    ['a re-exported handler map', 'const handlers = makeHandlers();\nexport const { GET, POST } = handlers;\n', 'next', /destructured from another value/],
    ['a re-export', "export { GET } from './handlers';\n", 'next', /re-exported from another module/],
    ['an imported function exported by name', "import { handler } from './h';\nexport { handler as GET };\n", 'next', /`handler`, an import/],
    ['a local function other code calls too', 'function handler() {\n  return new Response("x");\n}\nexport const POST = () => handler();\nexport { handler as GET };\n', 'next', /`handler`, which other code in the file uses too/],
    ['an alias of another function', 'const GET = other;\nexport { GET };\n', 'next', /`GET`, whose value is not a function/],
    ['a sync handler returning what may be a promise', 'export function GET(request: Request) {\n  return fetch(request);\n}\n', 'next', /not async, and returns `fetch\(request\)`, which may be a promise/],
    ['a return type narrower than Response', 'export async function GET(): Promise<NextResponse> {\n  return NextResponse.json({});\n}\n', 'next', /declared to return `Promise<NextResponse>`/],
    ['a return without a value', 'export async function GET() {\n  if (x) return;\n  return new Response("x");\n}\n', 'next', /a `return` without a response/],
    ['a generator', 'export async function* GET() {\n  yield 1;\n}\n', 'next', /a generator/],
    ['an optional request parameter', 'export function GET(): Response;\nexport function GET(request?: Request): Response {\n  return new Response("x");\n}\n', 'next', /first parameter is optional, so its request may not be there/],
    ['a rest parameter', 'export async function GET(...args: [Request]) {\n  return new Response("x");\n}\n', 'next', /first parameter is a rest parameter/],
    ['a destructured Next.js request', 'export async function GET({ url }: Request) {\n  return new Response(url);\n}\n', 'next', /destructures its request/],
    ['a request parameter declared again inside', 'export async function GET(request: Request) {\n  { const request = 1; }\n  return new Response("x");\n}\n', 'next', /declares another `request` inside/],
    ['a body that uses the name request already', 'const request = 1;\nexport async function GET() {\n  return new Response(String(request));\n}\n', 'next', /uses the name `request` for something else/],
    ['a kit event destructured as an array', 'export const GET: RequestHandler = async ([a]: any) => new Response("x");\n', 'sveltekit', /destructures its event as an array/],
  ];
  for (const [name, input, framework, reason] of refused) {
    test(name, () => {
      const result = addMethodExports(input, framework === 'next' ? 'route.ts' : '+server.ts', [], [], cors(framework));
      expect(result.unwrapped.map((u) => u.reason).join('\n')).toMatch(reason);
      expect(result.text).toBe(input);
    });
  }

  test('responses already wrapped are not wrapped again, and nothing is reported', () => {
    const input = 'export async function GET(request: Request) {\n  return withCors(request, policy, new Response("x"));\n}\n';
    const result = addMethodExports(input, 'route.ts', [], [], cors('next'));
    expect(result).toMatchObject({ text: input, wrapped: [], unwrapped: [] });
  });
});

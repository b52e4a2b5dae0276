// What the e2e suite generates into every framework version's app, and how
// each result is checked over HTTP: one case per row of the matrix.
import { expect } from 'vitest';
import { expectBoundedUpload } from './contracts/abuse.js';
import { checkCorsContract } from './contracts/cors.js';
import { checkDownloadContract } from './contracts/download.js';
import { checkStreamAbuse, checkStreamContract } from './contracts/stream.js';
import { checkWebhookContract, newWebhookSecret, webhookServerEnv, type WebhookContractOptions, type WebhookProvider } from './contracts/webhook.js';
import { checkCrudContract } from './crud-contract.js';
import type { App, FixtureInfo, Server } from './harness/index.js';

export interface TemplateCase {
  row: string;
  /** Files the user wrote before running the CLI. */
  setup?(app: App, info: FixtureInfo): Promise<void>;
  /** The CLI invocations (arguments after `create-endpoint`) that write this case's endpoints. */
  commands(info: FixtureInfo): string[][];
  /** Environment the production server needs for this case. */
  serverEnv?(app: App): Record<string, string>;
  check(server: Server, app: App, info: FixtureInfo): Promise<void>;
  /** Checks against a second server started without `serverEnv`. */
  checkWithoutEnv?(server: Server, app: App, info: FixtureInfo): Promise<void>;
}

const crudFields = 'title:string,done:boolean,priority?:number,due?:date';

/** A route written by hand, in each framework's idiom, that `add` must extend without touching. */
function handWrittenHealthRoute(framework: 'next' | 'sveltekit'): string {
  return framework === 'next'
    ? '// Written by hand.\nexport const GET = async () => Response.json({ ok: true })\n'
    : "import type { RequestHandler } from './$types'\n\n// Written by hand.\nexport const GET: RequestHandler = async () => Response.json({ ok: true })\n";
}
const healthFile = (info: FixtureInfo) => `${info.appDir}/api/health/${info.framework === 'next' ? 'route.ts' : '+server.ts'}`;

const crud: TemplateCase = {
  row: 'crud',
  commands: () => [['todos', 'orgs/[orgId]/members', '--fields', crudFields, '--yes']],
  async check(server, app, info) {
    // The project's own shape: Next.js src/app with the @/ alias; SvelteKit 3 formatted by its own Prettier config.
    const route = await app.readFile(`${info.appDir}/api/todos/[id]/${info.framework === 'next' ? 'route.ts' : '+server.ts'}`);
    if (info.appDir === 'src/app') expect(route).toContain('from "@/lib/server/resources/todos"');
    if (info.framework === 'sveltekit' && info.major === 3) {
      expect(route).toContain("from '#lib/server/resources/todos.js'");
      expect(route).toMatch(/^\tconst todo = await getTodo\(params\.id\);$/m);
    }
    // An app that depends on zod or valibot gets its resources validated with it.
    const module = await app.readFile(`${info.appDir.replace(/(app|routes)$/, '')}lib/server/resources/todos.ts`);
    if (info.validator === 'zod') expect(module).toMatch(/^import \{ z \} from ["']zod["'];$/m);
    if (info.validator === 'valibot') expect(module).toMatch(/^import \* as v from ["']valibot["'];$/m);
    if (!info.validator) expect(module).not.toMatch(/zod|valibot/);
    await checkCrudContract(server.url, '/api/todos', info.validator);
    await checkCrudContract(server.url, '/api/orgs/acme/members', info.validator);
    // A method the route does not export: the framework's own 405, as README describes it.
    const notAllowed = await server.fetch('/api/todos', { method: 'DELETE' });
    expect(notAllowed.status).toBe(405);
    if (info.framework === 'sveltekit') expect(notAllowed.headers.get('allow')).toMatch(/GET/);
    else expect(await notAllowed.text()).toBe('');
    // Malformed percent-escapes in an item id and in a filter value. In the
    // path the framework refuses them before any route runs: 400, but
    // Next.js 16 answers its own 500 (README says so; the handler never runs).
    // A query is decoded leniently (U+FFFD): a filter that matches nothing.
    const escapes = ['/api/todos/%E0%A4%A', '/api/todos/%ZZ', '/api/todos?title=%E0%A4%A', '/api/todos?title=%ZZ'];
    const escaped = Object.fromEntries(await Promise.all(escapes.map(async (path) => [path, (await server.fetch(path)).status] as const)));
    const inPath = info.framework === 'next' && info.major >= 16 ? 500 : 400;
    expect(escaped).toEqual({ '/api/todos/%E0%A4%A': inPath, '/api/todos/%ZZ': inPath, '/api/todos?title=%E0%A4%A': 200, '/api/todos?title=%ZZ': 200 });
    // Bodies far over the limit, without Content-Length: 413 with memory bounded, on every body-reading method.
    const created = await server.fetch('/api/todos', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"t","done":false}' });
    const { id } = (await created.json()) as { id: string };
    await expectBoundedUpload(server, '/api/todos', 'POST');
    await expectBoundedUpload(server, `/api/todos/${id}`, 'PUT');
    await expectBoundedUpload(server, `/api/todos/${id}`, 'PATCH');
    if (info.framework === 'sveltekit') {
      // adapter-node refuses bodies over BODY_SIZE_LIMIT (512K) before the endpoint's 1 MB: still a JSON 413.
      const big = await server.fetch('/api/todos', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x'.repeat(700_000), done: true }) });
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ error: expect.any(String) });
    }
  },
};

const add: TemplateCase = {
  row: 'add (existing files)',
  async setup(app, info) {
    await app.writeFile(healthFile(info), handWrittenHealthRoute(info.framework));
  },
  commands: () => [
    ['notes', '--methods', 'GET,POST', '--fields', 'body:string', '--yes'],
    ['add', '/api/notes/[id]', 'PATCH', 'DELETE'],
    ['add', '/api/health', 'POST'],
  ],
  async check(server, app, info) {
    // The hand-written code is still there, byte for byte, at the top of the file.
    expect((await app.readFile(healthFile(info))).startsWith(handWrittenHealthRoute(info.framework).trimEnd())).toBe(true);
    const send = (method: string, path: string, body?: unknown) =>
      server.fetch(path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const created = await send('POST', '/api/notes', { body: 'first' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const patched = await send('PATCH', `/api/notes/${id}`, { body: 'edited' });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id, body: 'edited' });
    expect((await send('PATCH', `/api/notes/${id}`, { body: 1 })).status).toBe(400);
    expect((await send('DELETE', `/api/notes/${id}`)).status).toBe(204);
    expect((await send('GET', `/api/notes/${id}`)).status).toBe(404);
    expect(await (await send('GET', '/api/health')).json()).toEqual({ ok: true });
    const placeholder = await send('POST', '/api/health', {});
    expect(placeholder.status).toBe(501);
    expect(await placeholder.json()).toEqual({ error: 'Not implemented' });
  },
};

/**
 * Route files in the shapes people write (issue: add refused them or typed the
 * new handler wrongly): kit's own RequestHandler and RequestEvent, `./$types.js`,
 * a JSDoc-typed `+server.js`; in Next.js a `route.js` in a TypeScript app. Each
 * gains a PATCH that type-checks and builds with the app and answers 501.
 */
const shapes: Record<'next' | 'sveltekit', Record<string, string>> = {
  sveltekit: {
    'kit-handler/+server.ts': "import type { RequestHandler } from '@sveltejs/kit';\nexport const GET: RequestHandler = async () => new Response('ok');\n",
    'kit-event/[id]/+server.ts': "import { json, type RequestEvent } from '@sveltejs/kit';\nexport async function GET({ params }: RequestEvent<{ id: string }>) {\n  return json(params.id);\n}\n",
    'types-js/+server.ts': "import type { RequestHandler } from './$types.js';\nexport const GET: RequestHandler = async () => new Response('ok');\n",
    'jsdoc/+server.js': "/** @type {import('./$types').RequestHandler} */\nexport const GET = async () => new Response('ok');\n",
    'satisfies/+server.ts': "import type { RequestHandler } from './$types';\nexport const GET = (async () => new Response('ok')) satisfies RequestHandler;\n",
    'event-arrow/+server.ts': "import type { RequestEvent } from './$types';\nexport const GET = async (event: RequestEvent) => new Response(event.url.pathname);\n",
    'kit-json/+server.ts': "import { json } from '@sveltejs/kit';\nexport async function GET() {\n  return json({ ok: true });\n}\n",
  },
  next: {
    'plain-js/route.js': "export async function GET() {\n  return Response.json('ok');\n}\n",
    'next-response/route.ts': "import { NextResponse } from 'next/server';\nexport const GET = async () => NextResponse.json({ ok: true });\n",
  },
};
const shapeFiles = (info: FixtureInfo) =>
  Object.entries(shapes[info.framework]).map(([below, text]) => ({
    file: `${info.appDir}/api/shapes/${below}`,
    url: `/api/shapes/${below.replace(/\/[^/]+$/, '').replace('[id]', '7')}`,
    text,
  }));
const addShapes: TemplateCase = {
  row: 'add (shapes people write)',
  async setup(app, info) {
    for (const { file, text } of shapeFiles(info)) await app.writeFile(file, text);
  },
  commands: (info) => shapeFiles(info).map(({ file }) => ['add', file, 'PATCH']),
  async check(server, app, info) {
    for (const { file, url, text } of shapeFiles(info)) {
      expect((await app.readFile(file)).startsWith(text.trimEnd())).toBe(true);
      expect((await server.fetch(url)).status, `GET ${url}`).toBe(200);
      expect((await server.fetch(url, { method: 'PATCH' })).status, `PATCH ${url}`).toBe(501);
    }
  },
};

/**
 * `add OPTIONS --template cors` on a route of the user's: the preflight lists
 * the route's own methods, and the route's own handlers, in the forms each
 * framework's users write, answer with the policy's headers (their responses
 * wrapped through the AST); another origin gets none.
 */
const addCorsFile = (info: FixtureInfo) => `${info.appDir}/api/user-cors/${info.framework === 'next' ? 'route.ts' : '+server.ts'}`;
const userCorsRoute: Record<'next' | 'sveltekit', string> = {
  next: [
    "import { NextResponse, type NextRequest } from 'next/server';",
    '',
    'export async function GET(req: NextRequest) {',
    "  const name = req.nextUrl.searchParams.get('name');",
    "  if (!name) return NextResponse.json({ error: 'name is required' }, { status: 400 });",
    '  const response = NextResponse.json({ hello: name });',
    '  return response;',
    '}',
    '',
    'export const POST = async (request: Request) => Response.json(await request.json(), { status: 201 });',
    '',
    'export async function DELETE() {',
    '  return new Response(null, { status: 204 });',
    '}',
    '',
  ].join('\n'),
  sveltekit: [
    "import { json } from '@sveltejs/kit';",
    "import type { RequestHandler } from './$types';",
    '',
    'export const GET: RequestHandler = async ({ url }) => {',
    "  const name = url.searchParams.get('name');",
    "  if (!name) return json({ error: 'name is required' }, { status: 400 });",
    '  return json({ hello: name });',
    '};',
    '',
    'export const POST = (async ({ request }) => json(await request.json(), { status: 201 })) satisfies RequestHandler;',
    '',
    'export async function DELETE() {',
    '  return new Response(null, { status: 204 });',
    '}',
    '',
  ].join('\n'),
};
const addCors: TemplateCase = {
  row: 'add cors (user route)',
  async setup(app, info) {
    await app.writeFile(addCorsFile(info), userCorsRoute[info.framework]);
  },
  commands: (info) => [['add', addCorsFile(info), 'OPTIONS', '--template', 'cors', '--origins', 'https://allowed.example']],
  async check(server, app, info) {
    const after = await app.readFile(addCorsFile(info));
    expect(after.match(/withCors\(/g)?.length, after).toBe(4);
    const allowed = { origin: 'https://allowed.example' };
    const preflight = await server.fetch('/api/user-cors', { method: 'OPTIONS', headers: { ...allowed, 'access-control-request-method': 'DELETE' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    expect(preflight.headers.get('access-control-allow-methods')?.split(', ').sort()).toEqual(['DELETE', 'GET', 'POST']);
    expect(preflight.headers.get('vary')).toMatch(/Origin/i);
    const answers = [
      ['GET ok', await server.fetch('/api/user-cors?name=ada', { headers: allowed }), 200],
      ['GET 400', await server.fetch('/api/user-cors', { headers: allowed }), 400],
      ['POST', await server.fetch('/api/user-cors', { method: 'POST', headers: { ...allowed, 'content-type': 'application/json' }, body: '{"a":1}' }), 201],
      // SvelteKit 3 refuses a cross-origin DELETE without a Content-Type (its CSRF check): a JSON one passes.
      ['DELETE', await server.fetch('/api/user-cors', { method: 'DELETE', headers: { ...allowed, 'content-type': 'application/json' } }), 204],
    ] as const;
    for (const [what, response, status] of answers) {
      expect(response.status, what).toBe(status);
      expect(response.headers.get('access-control-allow-origin'), what).toBe('https://allowed.example');
      expect(response.headers.get('vary'), what).toMatch(/Origin/i);
    }
    expect(await answers[0][1].json()).toEqual({ hello: 'ada' });
    expect(await answers[2][1].json()).toEqual({ a: 1 });
    const foreign = { origin: 'https://evil.example' };
    const foreignPreflight = await server.fetch('/api/user-cors', { method: 'OPTIONS', headers: { ...foreign, 'access-control-request-method': 'DELETE' } });
    expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();
    const foreignGet = await server.fetch('/api/user-cors?name=eve', { headers: foreign });
    expect(foreignGet.status).toBe(200);
    expect(foreignGet.headers.get('access-control-allow-origin')).toBeNull();
    expect(foreignGet.headers.get('vary')).toMatch(/Origin/i);
  },
};

/** Secrets are made once per test run and given to the server through its environment. */
const webhookSecrets = new Map<string, string>();
function webhook(provider: WebhookProvider): TemplateCase {
  const secret = (which: string = provider) => {
    if (!webhookSecrets.has(which)) webhookSecrets.set(which, newWebhookSecret(provider));
    return webhookSecrets.get(which)!;
  };
  // GitHub signs with one secret: the server also holds the previous one, as during a rotation.
  const options = (): WebhookContractOptions => ({ provider, secret: secret(), ...(provider === 'github' ? { previousSecret: secret('github previous') } : {}) });
  const path = `/api/hooks/${provider}`;
  return {
    row: `webhook ${provider}`,
    commands: () => [[`hooks/${provider}`, '--template', 'webhook', '--provider', provider, '--yes']],
    serverEnv: () => webhookServerEnv(options()),
    async check(server) {
      await checkWebhookContract(server, path, options());
      // The body is read by the reader every template shares: 200 MB unsigned and chunked gets 413 before any check, memory bounded.
      await expectBoundedUpload(server, path, 'POST');
    },
    checkWithoutEnv: (server) => checkWebhookContract(server, path, { provider, secret: null }),
  };
}

const cors: TemplateCase = {
  row: 'cors',
  commands: () => [['public/prices', '--template', 'cors', '--origins', 'https://shop.example,https://admin.example', '--methods', 'GET,POST', '--yes']],
  async check(server) {
    await checkCorsContract(server.url, '/api/public/prices', server.url, { origins: ['https://shop.example', 'https://admin.example'], methods: ['GET', 'POST'] });
    // The example POST reads JSON with the same bounded reader as CRUD.
    await expectBoundedUpload(server, '/api/public/prices', 'POST');
  },
};

const download: TemplateCase = {
  row: 'download',
  commands: () => [['files', '--template', 'download', '--yes']],
  // The server runs in the app's folder; the contract makes and removes its own files there.
  check: (server, app, info) => checkDownloadContract(server, '/api/files', { root: app.dir, dir: 'downloads', framework: info.framework }),
};

/**
 * A route of the user's for the abuse checks, on the generated streaming
 * helper: producers that write as fast as the client lets them (`?mode=fast`),
 * one that writes from a timer without awaiting (`careless`), one that throws
 * (`throw`), and one that sends what JSON cannot represent (`refuse`).
 */
function streamAbuseRoute(info: FixtureInfo, sse: boolean): string {
  const helper =
    info.framework === 'sveltekit'
      ? info.major >= 3
        ? '#lib/server/streaming.js'
        : '$lib/server/streaming'
      : info.appDir === 'src/app'
        ? '@/lib/server/streaming'
        : '../../../lib/server/streaming';
  const fast = sse
    ? ['    return eventStream(request, async (events) => {', '      while (!events.closed) await events.send(chunk);', '    });']
    : ['    return textStream(request, async (out) => {', '      while (!out.closed) await out.write(chunk);', '    });'];
  const modes = sse
    ? [
        "  if (mode === 'refuse') {",
        '    return eventStream(request, async (events) => {',
        '      const refused: string[] = [];',
        '      const attempts = [',
        '        // @ts-expect-error: not EventData',
        '        () => events.send(undefined),',
        '        // @ts-expect-error: not EventData',
        '        () => events.send(BigInt(1)),',
        "        () => events.send(() => 'a function'),",
        '      ];',
        '      for (const attempt of attempts) {',
        '        try {',
        '          void attempt();',
        '        } catch (error) {',
        "          refused.push(error instanceof TypeError ? 'TypeError' : String(error));",
        '        }',
        '      }',
        '      await events.send({ refused });',
        '    });',
        '  }',
        "  if (mode === 'throw') {",
        '    return eventStream(request, async (events) => {',
        "      await events.send('before');",
        '      await events.sleep(300);',
        "      throw new Error('abuse: the producer failed');",
        '    });',
        '  }',
      ]
    : [
        "  if (mode === 'careless') {",
        '    // The old way: a timer writes without awaiting; the helper ends the stream at 1 MiB unread.',
        '    return textStream(request, async (out) => {',
        '      const timer = setInterval(() => void out.write(chunk), 1);',
        '      await new Promise((resolve) => out.signal.addEventListener(\'abort\', resolve));',
        '      clearInterval(timer);',
        '    });',
        '  }',
        "  if (mode === 'throw') {",
        '    return textStream(request, async (out) => {',
        "      await out.write('before\\n');",
        '      await out.sleep(300);',
        "      throw new Error('abuse: the producer failed');",
        '    });',
        '  }',
      ];
  const body = [
    `import { ${sse ? 'eventStream' : 'textStream'} } from '${helper}';`,
    ...(info.framework === 'sveltekit' ? ["import type { RequestHandler } from './$types';"] : []),
    ...(info.framework === 'next' && info.major === 14 ? ['', "export const dynamic = 'force-dynamic';"] : []),
    '',
    '// Written by hand for the abuse checks.',
    "const chunk = 'x'.repeat(16 * 1024);",
    '',
    'function abuse(request: Request): Response {',
    "  const mode = new URL(request.url).searchParams.get('mode');",
    ...modes,
    ...fast,
    '}',
    '',
    info.framework === 'sveltekit' ? 'export const GET: RequestHandler = ({ request }) => abuse(request);' : 'export const GET = (request: Request) => abuse(request);',
    '',
  ];
  return body.join('\n');
}
const streamAbuseFile = (info: FixtureInfo, sse: boolean) => `${info.appDir}/api/abuse-${sse ? 'sse' : 'text'}/${info.framework === 'next' ? 'route.ts' : '+server.ts'}`;

function stream(sse: boolean): TemplateCase {
  const name = sse ? 'live' : 'events';
  return {
    row: sse ? 'stream --sse' : 'stream',
    async setup(app, info) {
      await app.writeFile(streamAbuseFile(info, sse), streamAbuseRoute(info, sse));
    },
    commands: () => [[name, '--template', 'stream', ...(sse ? ['--sse'] : []), '--yes']],
    async check(server) {
      await checkStreamContract(server.url, `/api/${name}`, server.url, { sse });
      await checkStreamAbuse(server, { sse, example: `/api/${name}`, abuse: `/api/abuse-${sse ? 'sse' : 'text'}` });
    },
  };
}

export const templateCases: TemplateCase[] = [
  crud,
  add,
  addShapes,
  addCors,
  webhook('standard'),
  webhook('stripe'),
  webhook('github'),
  cors,
  download,
  stream(false),
  stream(true),
];

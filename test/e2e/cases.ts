// What the e2e suite generates into every framework version's app, and how
// each result is checked over HTTP: one case per row of the matrix.
import { expect } from 'vitest';
import { checkCorsContract } from './contracts/cors.js';
import { checkDownloadContract } from './contracts/download.js';
import { checkStreamContract } from './contracts/stream.js';
import { checkWebhookContract, newWebhookSecret, webhookSecretEnv, type WebhookProvider } from './contracts/webhook.js';
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
      expect(route).toMatch(/^\tconst todo = getTodo\(params\.id\);$/m);
    }
    // An app that depends on zod or valibot gets its resources validated with it.
    const module = await app.readFile(`${info.appDir.replace(/(app|routes)$/, '')}lib/server/resources/todos.ts`);
    if (info.validator === 'zod') expect(module).toMatch(/^import \{ z \} from ["']zod["'];$/m);
    if (info.validator === 'valibot') expect(module).toMatch(/^import \* as v from ["']valibot["'];$/m);
    if (!info.validator) expect(module).not.toMatch(/zod|valibot/);
    await checkCrudContract(server.url, '/api/todos', info.validator);
    await checkCrudContract(server.url, '/api/orgs/acme/members', info.validator);
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
 * the route's own methods (its handlers are not wrapped yet: the report says so).
 */
const addCorsFile = (info: FixtureInfo) => `${info.appDir}/api/user-cors/${info.framework === 'next' ? 'route.ts' : '+server.ts'}`;
const addCors: TemplateCase = {
  row: 'add cors (user route)',
  async setup(app, info) {
    const handlers = 'export async function GET() {\n  return Response.json({ ok: true });\n}\n\nexport async function DELETE() {\n  return new Response(null, { status: 204 });\n}\n';
    await app.writeFile(addCorsFile(info), handlers);
  },
  commands: (info) => [['add', addCorsFile(info), 'OPTIONS', '--template', 'cors', '--origins', 'https://allowed.example']],
  async check(server) {
    const preflight = await server.fetch('/api/user-cors', {
      method: 'OPTIONS',
      headers: { origin: 'https://allowed.example', 'access-control-request-method': 'DELETE' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/GET/);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/DELETE/);
    expect(preflight.headers.get('vary')).toMatch(/Origin/i);
    const foreign = await server.fetch('/api/user-cors', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'DELETE' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  },
};

/** Secrets are made once per test run and given to the server through its environment. */
const webhookSecrets = new Map<WebhookProvider, string>();
function webhook(provider: WebhookProvider): TemplateCase {
  const secret = () => {
    if (!webhookSecrets.has(provider)) webhookSecrets.set(provider, newWebhookSecret(provider));
    return webhookSecrets.get(provider)!;
  };
  const path = `/api/hooks/${provider}`;
  return {
    row: `webhook ${provider}`,
    commands: () => [[`hooks/${provider}`, '--template', 'webhook', '--provider', provider, '--yes']],
    serverEnv: () => ({ [webhookSecretEnv[provider]]: secret() }),
    check: (server) => checkWebhookContract(server.url, path, server.url, { provider, secret: secret() }),
    checkWithoutEnv: (server) => checkWebhookContract(server.url, path, server.url, { provider, secret: null }),
  };
}

const cors: TemplateCase = {
  row: 'cors',
  commands: () => [['public/prices', '--template', 'cors', '--origins', 'https://shop.example,https://admin.example', '--methods', 'GET,POST', '--yes']],
  check: (server) => checkCorsContract(server.url, '/api/public/prices', server.url, { origins: ['https://shop.example', 'https://admin.example'], methods: ['GET', 'POST'] }),
};

const download: TemplateCase = {
  row: 'download',
  commands: () => [['files', '--template', 'download', '--yes']],
  // The server runs in the app's folder; the contract makes and removes its own files there.
  check: (server, app) => checkDownloadContract(server.url, '/api/files', server.url, { root: app.dir, dir: 'downloads' }),
};

function stream(sse: boolean): TemplateCase {
  const name = sse ? 'live' : 'events';
  return {
    row: sse ? 'stream --sse' : 'stream',
    commands: () => [[name, '--template', 'stream', ...(sse ? ['--sse'] : []), '--yes']],
    check: (server) => checkStreamContract(server.url, `/api/${name}`, server.url, { sse }),
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

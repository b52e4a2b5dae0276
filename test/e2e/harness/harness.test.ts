// Proves the harness end to end on the two fixtures with vitest set up: a
// hand-written route in a fresh working copy typechecks, passes the app's own
// vitest run, builds, and answers real HTTP from a production server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, ensureFixtureInstalled, type App, type RunResult, type Server } from './index.js';

function ok(res: RunResult): void {
  if (res.code !== 0) {
    throw new Error(`exit ${res.code}${res.timedOut ? ' (timed out)' : ''}\n${res.stdout}\n${res.stderr}`);
  }
}

const timings: string[] = [];
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    timings.push(`${label}: ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }
}
afterAll(() => {
  console.log(`harness timings\n  ${timings.join('\n  ')}`);
});

const NEXT_ROUTE = `import { greet } from '@/lib/greet';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return Response.json({ method: 'GET', id, message: greet(id) });
}

export async function POST(request: Request, ctx: RouteContext<'/api/ping/[id]'>) {
  const { id } = await ctx.params;
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) {
    return Response.json({ error: 'Unsupported Media Type' }, { status: 415 });
  }
  const body: unknown = await request.json();
  return Response.json({ method: 'POST', id, body }, { status: 201 });
}

export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return new Response(null, { status: 204, headers: { 'x-deleted': id } });
}
`;

const NEXT_ROUTE_TEST = `import { describe, expect, it } from 'vitest';
import { GET, POST } from './route';

describe('ping route', () => {
  it('GET', async () => {
    const res = await GET(new Request('http://localhost/api/ping/7'), { params: Promise.resolve({ id: '7' }) });
    expect(await res.json()).toEqual({ method: 'GET', id: '7', message: 'pong 7' });
  });
  it('POST', async () => {
    const request = new Request('http://localhost/api/ping/7', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    const res = await POST(request, { params: Promise.resolve({ id: '7' }) });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ method: 'POST', id: '7', body: { a: 1 } });
  });
});
`;

const KIT_ROUTE = `import type { RequestHandler } from './$types';
import { greet } from '#lib/server/greet.ts';

export const GET: RequestHandler = ({ params }) => {
	return Response.json({ method: 'GET', id: params.id, message: greet(params.id) });
};

export const POST: RequestHandler = async ({ params, request }) => {
	if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) {
		return Response.json({ error: 'Unsupported Media Type' }, { status: 415 });
	}
	const body: unknown = await request.json();
	return Response.json({ method: 'POST', id: params.id, body }, { status: 201 });
};

export const DELETE: RequestHandler = ({ params }) => {
	return new Response(null, { status: 204, headers: { 'x-deleted': params.id } });
};
`;

const KIT_ROUTE_TEST = `import { describe, expect, it } from 'vitest';
import { GET, POST } from './+server';

type Event = Parameters<typeof POST>[0];
const event = (request: Request) => ({ params: { id: '7' }, request, url: new URL(request.url) }) as unknown as Event;

describe('ping route', () => {
	it('GET', async () => {
		const res = await GET(event(new Request('http://localhost/api/ping/7')));
		expect(await res.json()).toEqual({ method: 'GET', id: '7', message: 'pong 7' });
	});
	it('POST', async () => {
		const request = new Request('http://localhost/api/ping/7', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ a: 1 })
		});
		const res = await POST(event(request));
		expect(res.status).toBe(201);
		expect(await res.json()).toEqual({ method: 'POST', id: '7', body: { a: 1 } });
	});
});
`;

async function checkPing(server: Server): Promise<void> {
  const get = await server.fetch('/api/ping/7');
  expect(get.status).toBe(200);
  expect(await get.json()).toEqual({ method: 'GET', id: '7', message: 'pong 7' });

  const post = await server.fetch('/api/ping/7', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hello: 'world' }),
  });
  expect(post.status).toBe(201);
  expect(await post.json()).toEqual({ method: 'POST', id: '7', body: { hello: 'world' } });

  const text = await server.fetch('/api/ping/7', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
  expect(text.status).toBe(415);
  expect(await text.json()).toEqual({ error: 'Unsupported Media Type' });

  const del = await server.fetch('/api/ping/7', { method: 'DELETE' });
  expect(del.status).toBe(204);
  expect(del.headers.get('x-deleted')).toBe('7');

  // What a plain client sends (crud-contract.ts style): Origin equal to the server's url.
  const raw = await fetch(`${server.url}/api/ping/8`, { method: 'DELETE', headers: { origin: server.origin } });
  expect(raw.status).toBe(204);
}

describe('harness: next16', () => {
  let app: App;
  beforeAll(async () => {
    await timed('next16 ensureFixtureInstalled', () => ensureFixtureInstalled('next16'));
    app = await timed('next16 createApp', () => createApp('next16'));
  });
  afterAll(async () => {
    await app?.remove();
  });

  it('typechecks, tests, builds and serves a hand-written route', async () => {
    await app.writeFile('src/lib/greet.ts', 'export const greet = (id: string): string => `pong ${id}`;\n');
    await app.writeFile('src/app/api/ping/[id]/route.ts', NEXT_ROUTE);
    await app.writeFile('src/app/api/ping/[id]/route.test.ts', NEXT_ROUTE_TEST);

    ok(await timed('next16 typecheck', () => app.typecheck()));
    const test = await timed('next16 vitest', () => app.test());
    ok(test);
    expect(test.stdout).toMatch(/2 passed/);
    ok(await timed('next16 build', () => app.build()));

    const server = await timed('next16 start', () => app.start());
    try {
      await checkPing(server);
    } finally {
      await timed('next16 stop', () => server.stop());
    }
  });

  it('reports failures without throwing', async () => {
    const res = await app.run('node', ['-e', 'console.log(process.version); process.exit(3)']);
    expect(res.code).toBe(3);
    expect(res.stdout).toMatch(/^v20\./);
    const missing = await app.run('no-such-command-here', []);
    expect(missing.code).toBe(127);
    const slow = await app.run('node', ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 500 });
    expect(slow.timedOut).toBe(true);
  });
});

describe('harness: sveltekit3', () => {
  let app: App;
  beforeAll(async () => {
    await timed('sveltekit3 ensureFixtureInstalled', () => ensureFixtureInstalled('sveltekit3'));
    app = await timed('sveltekit3 createApp', () => createApp('sveltekit3'));
  });
  afterAll(async () => {
    await app?.remove();
  });

  it('runs on Node 24 from the fixture', async () => {
    const res = await app.run('node', ['--version']);
    expect(res.stdout.trim()).toMatch(/^v24\./);
  });

  it('typechecks, tests, builds and serves a hand-written route', async () => {
    await app.writeFile('src/lib/server/greet.ts', 'export const greet = (id: string): string => `pong ${id}`;\n');
    await app.writeFile('src/routes/api/ping/[id]/+server.ts', KIT_ROUTE);
    await app.writeFile('src/routes/api/ping/[id]/server.test.ts', KIT_ROUTE_TEST);

    ok(await timed('sveltekit3 typecheck', () => app.typecheck()));
    const test = await timed('sveltekit3 vitest', () => app.test());
    ok(test);
    expect(test.stdout).toMatch(/2 passed/);
    ok(await timed('sveltekit3 build', () => app.build()));

    const server = await timed('sveltekit3 start', () => app.start());
    try {
      await checkPing(server);
      // CSRF stays on: a form-typed or body-less write without a matching Origin is refused.
      const noOrigin = await fetch(`${server.url}/api/ping/7`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
      expect(noOrigin.status).toBe(403);
      const foreign = await fetch(`${server.url}/api/ping/7`, { method: 'DELETE', headers: { origin: 'http://evil.example' } });
      expect(foreign.status).toBe(403);
      // JSON needs no Origin.
      const json = await fetch(`${server.url}/api/ping/7`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(json.status).toBe(201);
    } finally {
      await timed('sveltekit3 stop', () => server.stop());
    }
  });
});

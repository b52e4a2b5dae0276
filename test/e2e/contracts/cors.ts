import { expect } from 'vitest';
import { expectNoLeak } from './http.js';

export interface CorsContractOptions {
  /** The --origins the endpoint was generated with: exact origins, `['*']`, or `[]` (same-origin only). */
  origins: string[];
  /** The --methods it was generated with (besides OPTIONS); default GET, POST. */
  methods?: string[];
}

/**
 * The behaviour of a generated CORS endpoint (`--template cors`), checked with
 * real HTTP. A preflight from an allowed origin gets 204 with the allowed
 * methods, headers and max age; from any other origin 204 without a single
 * CORS header. Simple requests are answered for everyone, the Origin echoed
 * only when allowed; `Vary: Origin` always; `*` only when generated with `*`,
 * and never with credentials.
 *
 * Requests with a body are sent as JSON (SvelteKit's CSRF check refuses
 * cross-origin form content types, and in SvelteKit 3 body-less writes, before
 * the endpoint runs; see the generator's notes).
 */
export async function checkCorsContract(server: string, path: string, selfOrigin = server, extra: CorsContractOptions): Promise<void> {
  const url = `${server}${path}`;
  const methods = extra.methods ?? ['GET', 'POST'];
  const any = extra.origins.includes('*');
  const allowed = any ? ['https://anyone.example', 'http://localhost:1234'] : extra.origins;
  // With `*` every origin is allowed; else anything not on the list is a stranger.
  const strangers = any ? [] : ['https://evil.example', 'null', ...allowed.flatMap(nearMisses)];
  const corsHeaderNames = (res: Response) => [...res.headers.keys()].filter((name) => name.startsWith('access-control-'));

  const preflight = (origin: string, method = methods[0]!) =>
    fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type, authorization' } });

  for (const origin of allowed) {
    const res = await preflight(origin, methods.includes('POST') ? 'POST' : methods[0]);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('access-control-allow-origin')).toBe(any ? '*' : origin);
    const allowMethods = (res.headers.get('access-control-allow-methods') ?? '').split(/,\s*/);
    for (const method of methods) expect(allowMethods).toContain(method);
    expect((res.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toMatch(/content-type/);
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary') ?? '').toMatch(/\borigin\b/i);
  }

  // Origins not on the list, including near misses: answered, but without any CORS header.
  for (const origin of strangers) {
    const res = await preflight(origin);
    expect({ origin, status: res.status, cors: corsHeaderNames(res) }).toEqual({ origin, status: 204, cors: [] });
    expect(res.headers.get('vary') ?? '').toMatch(/\borigin\b/i);
  }

  // OPTIONS that is no preflight: 204 with Allow, no CORS permissions.
  const plainOptions = await fetch(url, { method: 'OPTIONS' });
  expect(plainOptions.status).toBe(204);
  expect(corsHeaderNames(plainOptions)).toEqual([]);
  for (const method of methods) expect(plainOptions.headers.get('allow') ?? '').toContain(method);

  const send = (method: string, origin: string | null, body?: string, type = 'application/json') =>
    fetch(url, {
      method,
      headers: { ...(origin === null ? {} : { origin }), ...(body === undefined && method !== 'DELETE' ? {} : { 'content-type': type }) },
      body,
    });

  for (const method of methods) {
    for (const origin of [...allowed, ...strangers.slice(0, 2), null, selfOrigin]) {
      const body = ['POST', 'PUT', 'PATCH'].includes(method) ? JSON.stringify({ hello: 'world' }) : undefined;
      const res = await send(method, origin, body);
      const expected = method === 'DELETE' ? 204 : 200;
      const echoed = origin !== null && (any || extra.origins.includes(origin)) ? (any ? '*' : origin) : null;
      expect({ method, origin, status: res.status, allowOrigin: res.headers.get('access-control-allow-origin') }).toEqual({ method, origin, status: expected, allowOrigin: echoed });
      expect(res.headers.get('vary') ?? '').toMatch(/\borigin\b/i);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      const text = await res.text();
      if (method === 'DELETE') expect(text).toBe('');
      else if (body !== undefined) expect(JSON.parse(text)).toEqual({ method, received: { hello: 'world' } });
      else expect(JSON.parse(text)).toMatchObject({ message: expect.any(String) });
    }
  }

  // Bad bodies: 4xx, with the CORS headers so the allowed caller can read the error.
  const bodyMethod = methods.find((m) => ['POST', 'PUT', 'PATCH'].includes(m));
  if (bodyMethod) {
    const origin = allowed[0] ?? selfOrigin;
    for (const [body, type, status] of [
      ['{"hello":', 'application/json', 400],
      ['[1]', 'application/json', 400],
      ['<a/>', 'application/xml', 415],
    ] as const) {
      const res = await send(bodyMethod, origin, body, type);
      expect({ body, status: res.status }).toEqual({ body, status });
      if (allowed.length > 0) expect(res.headers.get('access-control-allow-origin')).toBe(any ? '*' : origin);
      expectNoLeak(await res.text());
    }
  }

  // Methods the endpoint was not generated with: the framework's 405.
  for (const method of ['PUT', 'PATCH', 'DELETE'].filter((m) => !methods.includes(m))) {
    expect((await send(method, selfOrigin, '{}')).status).toBe(405);
  }
}

/** Origins that look like `origin` but are not it: an exact-match list must refuse every one. */
function nearMisses(origin: string): string[] {
  const url = new URL(origin);
  const other = url.protocol === 'https:' ? 'http:' : 'https:';
  return [`${origin}.evil.example`, `${other}//${url.host}`, `${url.protocol}//evil-${url.host}`, `${origin}:1`, origin.toUpperCase()].filter((o) => o !== origin);
}

// The helper modules the webhook, cors, download and stream templates write,
// rendered through the programmatic API into a temporary project and run here
// directly: the edge cases of signatures, origins, paths, ranges and streams,
// without a framework (test/e2e runs them inside real apps).
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyPlan, detectProject, planGeneration, withStyle, type TemplateName } from '../../src/index.js';
import type { WebhookProvider } from '../../src/generators/generator.js';

let root: string;
const lib = (name: string) => import(join(root, 'lib/server', `${name}.ts`));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'template-helpers-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { next: '16.4.5' }, devDependencies: { typescript: '6.0.3' } }));
  const project = withStyle(detectProject(undefined, root), 'next');
  const runs: { template: TemplateName; resource: string; provider?: WebhookProvider }[] = [
    { template: 'webhook', resource: 'standard', provider: 'standard' },
    { template: 'webhook', resource: 'stripe', provider: 'stripe' },
    { template: 'webhook', resource: 'github', provider: 'github' },
    { template: 'cors', resource: 'open' },
    { template: 'download', resource: 'files' },
    { template: 'stream', resource: 'ticks' },
  ];
  for (const run of runs) {
    const plan = await planGeneration({
      project,
      resources: [run.resource],
      template: run.template,
      methods: run.template === 'download' ? ['GET', 'HEAD'] : run.template === 'webhook' ? ['POST'] : ['GET'],
      provider: run.provider,
      format: false,
    });
    applyPlan(plan);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const now = Date.now();
const seconds = String(Math.floor(now / 1000));

describe('webhook helpers', () => {
  it('Standard Webhooks: a whsec_ key, any of several v1 signatures, a fresh timestamp', async () => {
    const { standardWebhookKey, verifyStandardWebhook } = await lib('webhook-standard');
    const key = randomBytes(32);
    expect(standardWebhookKey(`whsec_${key.toString('base64')}`)).toEqual(new Uint8Array(key));
    expect(standardWebhookKey(key.toString('base64'))).toEqual(new Uint8Array(key));
    const shortest = randomBytes(24);
    expect(standardWebhookKey(` whsec_${shortest.toString('base64')}\n`)).toEqual(new Uint8Array(shortest));
    // Not base64, of a length base64 never has, or a key under the spec's 24 bytes: no key.
    const short = `whsec_${randomBytes(23).toString('base64')}`;
    for (const bad of ['', 'whsec_', 'whsec_not base64!', 'whsec_=', 'whsec_abcde', 'whsec_ab=c', 'whsec_/w==', short]) expect(standardWebhookKey(bad)).toBeNull();
    const body = Buffer.from('{"type":"user.created","data":{}}');
    const sign = (id: string, ts: string, data: Buffer, k = key) => createHmac('sha256', k).update(`${id}.${ts}.`).update(data).digest('base64');
    const headers = (signature: string, ts = seconds, id = 'msg_1') => new Headers({ 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': signature });
    const good = `v1,${sign('msg_1', seconds, body)}`;
    expect(await verifyStandardWebhook(headers(good), body, key, now)).toBe(true);
    expect(await verifyStandardWebhook(headers(`v1,${sign('msg_1', seconds, body, randomBytes(32))} ${good}`), body, key, now)).toBe(true);
    expect(await verifyStandardWebhook(headers(good.replace('v1,', 'v2,')), body, key, now)).toBe(false);
    expect(await verifyStandardWebhook(headers(good), Buffer.from(`${body} `), key, now)).toBe(false);
    expect(await verifyStandardWebhook(headers(good, seconds, 'msg_2'), body, key, now)).toBe(false);
    const old = String(Number(seconds) - 301);
    expect(await verifyStandardWebhook(headers(`v1,${sign('msg_1', old, body)}`, old), body, key, now)).toBe(false);
    const soon = String(Number(seconds) + 301);
    expect(await verifyStandardWebhook(headers(`v1,${sign('msg_1', soon, body)}`, soon), body, key, now)).toBe(false);
    const edge = String(Number(seconds) - 299);
    expect(await verifyStandardWebhook(headers(`v1,${sign('msg_1', edge, body)}`, edge), body, key, now)).toBe(true);
    expect(await verifyStandardWebhook(new Headers(), body, key, now)).toBe(false);
  });

  it('Standard Webhooks: each handled type with the fields its handler reads, others acknowledged', async () => {
    const { parseStandardWebhookEvent } = await lib('webhook-standard');
    const parse = (value: unknown) => parseStandardWebhookEvent(Buffer.from(JSON.stringify(value)));
    const timestamp = '2026-01-01T00:00:00Z';
    const created = { type: 'user.created', timestamp, data: { id: 'u1', email: 'a@b.c', extra: 1 } };
    // Only the fields the type declares reach the handler.
    expect(parse(created)).toEqual({ ok: true, event: { type: 'user.created', timestamp, data: { id: 'u1', email: 'a@b.c' } } });
    expect(parse({ type: 'user.deleted', timestamp, data: { id: 'u1' } })).toEqual({ ok: true, event: { type: 'user.deleted', timestamp, data: { id: 'u1' } } });
    expect(parse({ type: 'user.renamed', timestamp, data: {} })).toEqual({ ok: true, event: null });
    for (const bad of [{ ...created, data: { id: 'u1' } }, { ...created, data: { id: 1, email: 'a' } }, { type: 'user.deleted', timestamp, data: {} }, { type: 'x', data: {} }, { type: 'x', timestamp, data: [] }, null, [created]]) {
      expect(parse(bad), JSON.stringify(bad)).toEqual({ ok: false });
    }
  });

  it('Stripe: t= and several v1=, hex HMAC of "t.body", tolerance both ways', async () => {
    const { verifyStripeSignature, parseStripeEvent } = await lib('webhook-stripe');
    const secret = 'whsec_test';
    const body = Buffer.from('{"id":"evt_1","type":"x","created":1,"livemode":false,"data":{"object":{}}}');
    const v1 = (t: string, s = secret) => createHmac('sha256', s).update(`${t}.`).update(body).digest('hex');
    expect(await verifyStripeSignature(`t=${seconds},v1=${v1(seconds)}`, body, secret, now)).toBe(true);
    expect(await verifyStripeSignature(`t=${seconds},v1=${v1(seconds, 'other')},v0=abc,v1=${v1(seconds)}`, body, secret, now)).toBe(true);
    expect(await verifyStripeSignature(` t=${seconds} , v1=${v1(seconds)} `, body, secret, now)).toBe(true);
    expect(await verifyStripeSignature(`v1=${v1(seconds)}`, body, secret, now)).toBe(false);
    expect(await verifyStripeSignature(`t=${seconds}`, body, secret, now)).toBe(false);
    expect(await verifyStripeSignature(`t=${seconds},v1=${v1(seconds).toUpperCase()}`, body, secret, now)).toBe(false);
    expect(await verifyStripeSignature(null, body, secret, now)).toBe(false);
    const old = String(Number(seconds) - 600);
    expect(await verifyStripeSignature(`t=${old},v1=${v1(old)}`, body, secret, now)).toBe(false);
    const parse = (value: unknown) => parseStripeEvent(Buffer.from(JSON.stringify(value)));
    const envelope = { id: 'evt_1', created: 1, livemode: false };
    expect(parseStripeEvent(body)).toEqual({ ok: true, event: null });
    const succeeded = { ...envelope, type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 5, currency: 'eur', status: 'succeeded' } } };
    expect(parse(succeeded)).toEqual({ ok: true, event: { ...envelope, type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 5, currency: 'eur' } } } });
    const session = { id: 'cs_1', customer: null, amount_total: null, currency: 'eur' };
    expect(parse({ ...envelope, type: 'checkout.session.completed', data: { object: session } })).toMatchObject({ ok: true, event: { data: { object: session } } });
    const failed = (error: unknown) => parse({ ...envelope, type: 'payment_intent.payment_failed', data: { object: { id: 'pi_1', last_payment_error: error } } });
    expect(failed(null)).toMatchObject({ ok: true, event: { data: { object: { id: 'pi_1', last_payment_error: null } } } });
    expect(failed({ code: 'card_declined' })).toMatchObject({ ok: true, event: { data: { object: { last_payment_error: { message: null } } } } });
    expect(failed({ message: 'Declined' })).toMatchObject({ ok: true, event: { data: { object: { last_payment_error: { message: 'Declined' } } } } });
    const bad = [
      '{"type":"x","data":{"object":{}}}',
      '{"id":"e","type":"x","created":1,"livemode":false,"data":{}}',
      JSON.stringify({ ...succeeded, livemode: 'no' }),
      JSON.stringify({ ...succeeded, data: { object: { id: 'pi_1', amount: '5', currency: 'eur' } } }),
      JSON.stringify({ ...succeeded, type: 'checkout.session.completed' }),
      JSON.stringify({ ...envelope, type: 'payment_intent.payment_failed', data: { object: { id: 'pi_1', last_payment_error: 'no' } } }),
      '[]',
      '{',
    ];
    for (const text of bad) expect(parseStripeEvent(Buffer.from(text)), text).toEqual({ ok: false });
  });

  it('GitHub: sha256=<hex> over the body; the event from the header, JSON or form payload', async () => {
    const { verifyGitHubSignature, parseGitHubEvent } = await lib('webhook-github');
    const body = Buffer.from('{"zen":"x","hook_id":1}');
    const signature = `sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`;
    expect(await verifyGitHubSignature(signature, body, ['s3cret'])).toBe(true);
    expect(await verifyGitHubSignature(signature, body, ['other'])).toBe(false);
    // During a rotation, either secret.
    expect(await verifyGitHubSignature(signature, body, ['new', 's3cret'])).toBe(true);
    expect(await verifyGitHubSignature(signature, body, [])).toBe(false);
    expect(await verifyGitHubSignature(signature.replace('sha256=', 'sha1='), body, ['s3cret'])).toBe(false);
    expect(await verifyGitHubSignature(signature.slice(7), body, ['s3cret'])).toBe(false);
    const ping = { ok: true, event: { name: 'ping', payload: { zen: 'x', hook_id: 1 } } };
    expect(parseGitHubEvent('ping', 'application/json', body)).toEqual(ping);
    const form = Buffer.from(`payload=${encodeURIComponent(body.toString())}`);
    expect(parseGitHubEvent('ping', 'application/x-www-form-urlencoded', form)).toEqual(ping);
    expect(parseGitHubEvent('star', 'application/json', body)).toEqual({ ok: true, event: null });
    const push = { ref: 'refs/heads/main', repository: { full_name: 'o/r', id: 1 }, commits: [{ id: 'a', message: 'm', author: {} }] };
    const pushed = { ref: 'refs/heads/main', repository: { full_name: 'o/r' }, commits: [{ id: 'a', message: 'm' }] };
    expect(parseGitHubEvent('push', null, Buffer.from(JSON.stringify(push)))).toEqual({ ok: true, event: { name: 'push', payload: pushed } });
    const issue = { action: 'opened', issue: { number: 1, title: 't' }, repository: { full_name: 'o/r' } };
    expect(parseGitHubEvent('issues', null, Buffer.from(JSON.stringify(issue)))).toEqual({ ok: true, event: { name: 'issues', payload: issue } });
    const malformed: [string | null, unknown][] = [
      [null, { zen: 'x', hook_id: 1 }],
      ['Ping!', { zen: 'x', hook_id: 1 }],
      ['ping', [1]],
      ['ping', { zen: 'x' }],
      // A push without its repository: refused, not a TypeError in the handler.
      ['push', { ref: 'refs/heads/main', commits: [] }],
      ['push', { ...push, commits: [{ id: 'a' }] }],
      ['push', { ...push, commits: {} }],
      ['issues', { ...issue, issue: { number: '1', title: 't' } }],
      ['issues', { ...issue, repository: null }],
    ];
    for (const [name, payload] of malformed) {
      expect(parseGitHubEvent(name, 'application/json', Buffer.from(JSON.stringify(payload))), `${name} ${JSON.stringify(payload)}`).toEqual({ ok: false });
    }
  });

  it('shared: Web Crypto HMAC-SHA256, hex and base64 as node:crypto and Buffer give them', async () => {
    const { hmacSha256, toHex, toBase64 } = await lib('webhooks');
    const key = randomBytes(32);
    const body = randomBytes(5000);
    const mac: Uint8Array = await hmacSha256(new Uint8Array(key), 'msg_1.1700000000.', new Uint8Array(body));
    expect(Buffer.from(mac)).toEqual(createHmac('sha256', key).update('msg_1.1700000000.').update(body).digest());
    // A string key is its UTF-8 bytes; so is a string part.
    const text: Uint8Array = await hmacSha256('sécret', 't=1.', '{"é":1}');
    expect(toHex(text)).toBe(createHmac('sha256', 'sécret').update('t=1.{"é":1}').digest('hex'));
    expect(toBase64(mac)).toBe(Buffer.from(mac).toString('base64'));
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(toBase64(new Uint8Array([255]))).toBe('/w==');
    expect(toBase64(new Uint8Array(0))).toBe('');
  });

  it('shared: constant-time comparison of unequal lengths, bounded body reading', async () => {
    const { safeEqual } = await lib('webhooks');
    // Webhooks read bodies with the reader every generated endpoint uses.
    const { readBodyBytes: readRawBody } = await lib('api-utils');
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'ab')).toBe(false);
    expect(safeEqual('é', 'e')).toBe(false);
    const small = await readRawBody(new Request('http://x/', { method: 'POST', body: 'hello' }));
    expect(small.ok && new TextDecoder().decode(small.value)).toBe('hello');
    // The exact bytes, a byte-order mark and invalid UTF-8 included.
    const raw = await readRawBody(new Request('http://x/', { method: 'POST', body: new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0xff]) }));
    expect(raw.ok && raw.value).toEqual(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0xff]));
    const declared = await readRawBody(new Request('http://x/', { method: 'POST', headers: { 'content-length': '2000000' }, body: 'x' }));
    expect(declared.ok ? 200 : declared.response.status).toBe(413);
    // An endless body: reading stops once it passes the limit (1 MB is 4 chunks
    // of 256 KiB; the 5th passes it), and the stream is cancelled.
    let pulled = 0;
    let cancelled = false;
    const chunked = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(256 * 1024));
      },
      cancel() {
        cancelled = true;
      },
    });
    const streamed = await readRawBody(new Request('http://x/', { method: 'POST', body: chunked, duplex: 'half' } as RequestInit));
    expect(streamed.ok ? 200 : streamed.response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(6);
    expect(cancelled).toBe(true);
  });

  it('shared: secrets read without the whitespace around them', async () => {
    const { readSecret } = await lib('webhooks');
    expect(readSecret(' s3cret\n')).toBe('s3cret');
    expect(readSecret(undefined)).toBeNull();
    expect(readSecret(' \n')).toBeNull();
  });

  it('shared: the delivery log claims an id once, remembers it handled, forgets it released, holds a bounded number', async () => {
    const { memoryDeliveryLog } = await lib('webhooks');
    const log = memoryDeliveryLog(3);
    // Concurrent claims: exactly one is new.
    expect(await Promise.all([log.claim('a'), log.claim('a'), log.claim('a')])).toEqual(['new', 'pending', 'pending']);
    await log.finish('a');
    expect(await log.claim('a')).toBe('handled');
    expect(await log.claim('b')).toBe('new');
    await log.release('b');
    expect(await log.claim('b')).toBe('new');
    // Past its size, the oldest ids are forgotten first.
    for (const id of ['c', 'd']) await log.claim(id);
    expect(await log.claim('a')).toBe('new');
    expect(await log.claim('d')).toBe('pending');
  });

  it('shared: handleOnce runs a delivery once, answers 409 while it runs, and releases it when its handler throws', async () => {
    const { handleOnce, memoryDeliveryLog } = await lib('webhooks');
    const log = memoryDeliveryLog();
    let runs = 0;
    const slow = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => handleOnce('x', slow, log)));
    expect(runs).toBe(1);
    expect(answers.map((r: Response) => r.status).sort()).toEqual([200, ...Array(19).fill(409)]);
    expect(await (await handleOnce('x', slow, log)).json()).toEqual({ received: true, duplicate: true });
    const errors: unknown[] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const failed = await handleOnce('y', () => Promise.reject(new Error('down')), log);
      expect([failed.status, await failed.json()]).toEqual([500, { error: 'Webhook handler failed' }]);
    } finally {
      console.error = error;
    }
    expect(errors).toHaveLength(1);
    expect(await (await handleOnce('y', slow, log)).json()).toEqual({ received: true });
  });
});

describe('cors helpers', () => {
  const policy = { origins: ['https://a.example'], methods: ['GET', 'POST'], allowHeaders: ['Content-Type'], credentials: true, maxAge: 60 };
  const request = (origin?: string, preflight = false) =>
    new Request('http://x/', { method: preflight ? 'OPTIONS' : 'GET', headers: { ...(origin ? { origin } : {}), ...(preflight ? { 'access-control-request-method': 'POST' } : {}) } });

  it('echoes only an exact match, with credentials when the policy allows them; never with *', async () => {
    const { corsHeaders } = await lib('cors');
    expect(Object.fromEntries(corsHeaders(request('https://a.example'), policy))).toEqual({
      vary: 'Origin',
      'access-control-allow-origin': 'https://a.example',
      'access-control-allow-credentials': 'true',
    });
    for (const other of ['https://a.example.evil', 'http://a.example', 'https://A.example', 'null']) {
      expect(Object.fromEntries(corsHeaders(request(other), policy))).toEqual({ vary: 'Origin' });
    }
    expect(Object.fromEntries(corsHeaders(request('https://z.example'), { ...policy, origins: ['*'] }))).toEqual({ vary: 'Origin', 'access-control-allow-origin': '*' });
  });

  it('preflights: permissions for allowed origins only; withCors merges Vary', async () => {
    const { preflight, withCors } = await lib('cors');
    const allowed = preflight(request('https://a.example', true), policy);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(allowed.headers.get('access-control-max-age')).toBe('60');
    const refused = preflight(request('https://b.example', true), policy);
    expect([...refused.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    const merged = withCors(request('https://a.example'), policy, new Response('x', { status: 201, headers: { vary: 'Accept-Encoding' } }));
    expect(merged.status).toBe(201);
    expect(merged.headers.get('vary')).toBe('Accept-Encoding, Origin');
    expect(await merged.text()).toBe('x');
  });
});

describe('download helper', () => {
  let dir: string;
  beforeAll(() => {
    dir = join(root, 'served');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'a.txt'), '0123456789');
    writeFileSync(join(dir, 'sub', 'say "hi" 100%.json'), '{}');
    writeFileSync(join(root, 'secret.txt'), 'secret');
    if (process.platform !== 'win32') symlinkSync(join(dir, 'a.txt'), join(dir, 'sub', 'inside-link.txt'));
  });
  const get = async (path: string | string[], headers: Record<string, string> = {}) => {
    const { serveDownload } = await lib('download');
    const res: Response = await serveDownload(new Request('http://x/', { headers }), path, { dir });
    return { status: res.status, headers: res.headers, body: await res.text() };
  };

  it('takes the path as segments (Next.js) or one string (SvelteKit)', async () => {
    expect((await get(['sub', 'say "hi" 100%.json'])).status).toBe(200);
    expect((await get('sub/say "hi" 100%.json')).status).toBe(200);
    expect((await get(['sub/say "hi" 100%.json'])).status).toBe(200);
  });

  it('quotes a name with " and % through the UTF-8 form', async () => {
    const { headers } = await get('sub/say "hi" 100%.json');
    expect(headers.get('content-disposition')).toBe(`attachment; filename="say _hi_ 100_.json"; filename*=UTF-8''say%20%22hi%22%20100%25.json`);
    expect(headers.get('content-type')).toBe('application/json');
  });

  it('follows a symbolic link that stays inside the folder', async () => {
    if (process.platform === 'win32') return;
    expect(await get('sub/inside-link.txt')).toMatchObject({ status: 200, body: '0123456789' });
  });

  it('404s every way out, without reading', async () => {
    for (const path of ['../secret.txt', ['..', 'secret.txt'], ['sub', '..', '..', 'secret.txt'], ['sub/../../secret.txt'], '/secret.txt', join(root, 'secret.txt'), 'a.txt/', '', [], 'sub', '.', './a.txt', 'C:/x', 'a\\..\\..\\secret.txt', 'a.txt\0', 'x'.repeat(300)]) {
      const res = await get(path as string | string[]);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.body).not.toContain('secret');
    }
    const { serveDownload } = await lib('download');
    expect((await serveDownload(new Request('http://x/'), undefined, { dir })).status).toBe(404);
    expect((await serveDownload(new Request('http://x/'), 'a.txt', { dir: join(root, 'no-such-folder') })).status).toBe(404);
  });

  it('404s what is not a regular file without opening it: a FIFO (no writer, so an open would wait), a folder named like a file, a link loop', async () => {
    if (process.platform === 'win32') return;
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    mkdirSync(join(dir, 'folder.txt'), { recursive: true });
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    for (const path of ['pipe.txt', 'folder.txt', 'loop-a', 'a.txt/x', 'x/'.repeat(40) + 'a.txt', `${'x'.repeat(200)}/`.repeat(6) + 'a.txt']) expect({ path, status: (await get(path)).status }).toEqual({ path, status: 404 });
  });

  it('any other failure is a 500 without detail, logged once with its code', async () => {
    const { serveDownload } = await lib('download');
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      // A folder name Node refuses (a NUL byte): the server's own mistake, not the client's.
      const res: Response = await serveDownload(new Request('http://x/'), 'a.txt', { dir: `${dir}\0` });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'Internal server error' });
    } finally {
      spy.mockRestore();
    }
    expect(logged).toEqual([['download: could not serve a file (ERR_INVALID_ARG_VALUE)']]);
  });

  it('an aborted request closes the file it was streaming', async () => {
    const { serveDownload } = await lib('download');
    writeFileSync(join(dir, 'big.bin'), randomBytes(1 << 20));
    const controller = new AbortController();
    const res: Response = await serveDownload(new Request('http://x/', { signal: controller.signal }), 'big.bin', { dir });
    const reader = res.body!.getReader();
    expect((await reader.read()).value?.length).toBe(64 * 1024);
    controller.abort();
    // The handle is closed: the body ends instead of reading on.
    let rest = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value.length;
    expect(rest).toBeLessThanOrEqual(64 * 1024);
  });

  it('ranges: a-b, a-, -n, clamped ends, 416, and the whole file for what it does not serve', async () => {
    const range = async (value: string) => {
      const res = await get('a.txt', { range: value });
      return [res.status, res.headers.get('content-range'), res.body];
    };
    expect(await range('bytes=2-4')).toEqual([206, 'bytes 2-4/10', '234']);
    expect(await range('bytes=8-')).toEqual([206, 'bytes 8-9/10', '89']);
    expect(await range('bytes=-3')).toEqual([206, 'bytes 7-9/10', '789']);
    expect(await range('bytes=-30')).toEqual([206, 'bytes 0-9/10', '0123456789']);
    expect(await range('bytes=5-99')).toEqual([206, 'bytes 5-9/10', '56789']);
    expect(await range('bytes=10-')).toEqual([416, 'bytes */10', '']);
    expect(await range('bytes=-0')).toEqual([416, 'bytes */10', '']);
    for (const ignored of ['bytes=4-2', 'bytes=0-1,3-4', 'bytes=', 'bytes=-', 'chars=0-1', 'bytes=a-b']) expect(await range(ignored)).toEqual([200, null, '0123456789']);
  });
});

describe('streaming helpers', () => {
  const read = async (res: Response) => new TextDecoder().decode(await res.arrayBuffer());
  type Writer = { write(t: string): Promise<void>; sleep(ms: number): Promise<void>; readonly closed: boolean; readonly signal: AbortSignal };
  type Events = Omit<Writer, 'write'> & { send(d: unknown, o?: object): Promise<void>; readonly lastId: number };

  it('frames multi-line data as several data: lines and names events', async () => {
    const { eventStream } = await lib('streaming');
    const res: Response = eventStream(new Request('http://x/', { headers: { 'last-event-id': '7' } }), async (events: Events) => {
      await events.send('line one\nline two\r\nthree\rfour');
      await events.send({ a: 1 }, { event: 'up\ndate' });
      expect(events.lastId).toBe(9);
    });
    expect(await read(res)).toBe('id: 8\ndata: line one\ndata: line two\ndata: three\ndata: four\n\nid: 9\nevent: update\ndata: {"a":1}\n\n');
  });

  it('refuses what JSON cannot represent with a TypeError at the call, queuing nothing and using no id', async () => {
    const { eventStream } = await lib('streaming');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const refused: unknown[] = [];
    const res: Response = eventStream(new Request('http://x/'), async (events: Events) => {
      for (const value of [undefined, 1n, () => 1, Symbol('s'), cycle, { toJSON: () => undefined }]) {
        try {
          void events.send(value);
        } catch (error) {
          refused.push(error);
        }
      }
      await events.send(null);
    });
    expect(await read(res)).toBe('id: 1\ndata: null\n\n');
    expect(refused.map((e) => e instanceof TypeError)).toEqual([true, true, true, true, true, true]);
  });

  it('a request already aborted starts no producer', async () => {
    const { textStream } = await lib('streaming');
    const aborted = new AbortController();
    aborted.abort();
    let started = 0;
    const never: Response = textStream(new Request('http://x/', { signal: aborted.signal }), async () => {
      started++;
    });
    expect(await read(never)).toBe('');
    expect(started).toBe(0);
  });

  it('backpressure: a write resolves only while the queue is under 64 KiB; one made past 1 MiB unread ends the stream', async () => {
    const { textStream } = await lib('streaming');
    const chunk = 'é'.repeat(4096); // 8 KiB of UTF-8: the queue counts bytes, not characters
    let resolved = 0;
    let writer!: Writer;
    const res: Response = textStream(new Request('http://x/'), async (out: Writer) => {
      writer = out;
      for (;;) {
        await out.write(chunk);
        resolved++;
      }
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(resolved).toBe(7); // the 8th write filled the queue to 64 KiB and waits
    // Writes that do not wait pile up to 1 MiB, then the stream errors.
    const results: Promise<void>[] = [];
    while (!writer.closed) results.push(writer.write(chunk));
    expect(results.length).toBe(1024 / 8 - 8 + 1);
    expect(writer.signal.aborted).toBe(true);
    await expect(results.at(-1)).rejects.toThrow(/unread/);
    await expect(res.body!.getReader().read()).rejects.toThrow(/unread/);
  });

  it('a write after the end rejects without an unhandled rejection when nobody awaits it', async () => {
    const { textStream } = await lib('streaming');
    let writer!: Writer;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const res: Response = textStream(new Request('http://x/'), async (out: Writer) => {
        writer = out;
        await out.write('a');
      });
      expect(await read(res)).toBe('a');
      expect(writer.closed).toBe(true);
      void writer.write('ignored');
      await expect(writer.write('b')).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

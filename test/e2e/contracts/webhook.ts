import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { Server } from '../harness/index.js';
import { chunkedUpload } from './abuse.js';
import { expectNoLeak } from './http.js';

export type WebhookProvider = 'standard' | 'stripe' | 'github';

/** The environment variable each provider's endpoint reads its secret from. */
export const webhookSecretEnv: Record<WebhookProvider, string> = {
  standard: 'WEBHOOK_SECRET',
  stripe: 'STRIPE_WEBHOOK_SECRET',
  github: 'GITHUB_WEBHOOK_SECRET',
};

/** The optional variable with the previous GitHub secret, accepted too while the secret changes. */
export const githubPreviousSecretEnv = 'GITHUB_WEBHOOK_SECRET_PREVIOUS';

/** A fresh secret of the form the provider uses: `whsec_<base64>` for Standard Webhooks. */
export function newWebhookSecret(provider: WebhookProvider): string {
  return provider === 'standard' ? `whsec_${randomBytes(24).toString('base64')}` : `whsec_${randomBytes(24).toString('hex')}`;
}

export interface WebhookContractOptions {
  provider: WebhookProvider;
  /**
   * The secret the server runs with (its env var, see webhookSecretEnv, holds it
   * with whitespace around it, as an env file may); null: the server runs without one.
   */
  secret: string | null;
  /** github: the previous secret, in githubPreviousSecretEnv. */
  previousSecret?: string;
}

/**
 * The environment a server runs the endpoint with: each secret with a space
 * before it and a newline after it, which the endpoint must trim.
 */
export function webhookServerEnv(options: WebhookContractOptions): Record<string, string> {
  if (options.secret === null) return {};
  const env = { [webhookSecretEnv[options.provider]]: ` ${options.secret}\n` };
  if (options.previousSecret !== undefined) env[githubPreviousSecretEnv] = `${options.previousSecret}\n`;
  return env;
}

export interface Signed {
  body: string;
  headers: Record<string, string>;
}

const now = () => Math.floor(Date.now() / 1000);

/** Signs a body as the provider does; `timestamp` and `id` override the fresh defaults. */
export function sign(provider: WebhookProvider, secret: string, body: string, options: { timestamp?: number; id?: string; event?: string } = {}): Signed {
  const timestamp = String(options.timestamp ?? now());
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (provider === 'standard') {
    const id = options.id ?? `msg_${randomUUID()}`;
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    headers['webhook-id'] = id;
    headers['webhook-timestamp'] = timestamp;
    headers['webhook-signature'] = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
  } else if (provider === 'stripe') {
    headers['stripe-signature'] = `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  } else {
    headers['x-github-event'] = options.event ?? 'ping';
    headers['x-github-delivery'] = options.id ?? randomUUID();
    headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  }
  return { body, headers };
}

/**
 * A realistic event of a type the generated endpoint handles; `marker` (a
 * number) goes into the field the handler's log line names: the user id, the
 * payment intent id, the hook id.
 */
export function sampleEvent(provider: WebhookProvider, type?: string, marker = 1): string {
  if (provider === 'standard') {
    return JSON.stringify({ type: type ?? 'user.created', timestamp: new Date().toISOString(), data: { id: `user_${marker}`, email: 'ada@example.com' } });
  }
  if (provider === 'stripe') {
    return JSON.stringify({
      id: `evt_${randomUUID().replace(/-/g, '')}`,
      object: 'event',
      type: type ?? 'payment_intent.succeeded',
      created: now(),
      livemode: false,
      data: { object: { id: `pi_${marker}`, object: 'payment_intent', amount: 2000, currency: 'eur', status: 'succeeded' } },
    });
  }
  return JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: marker, hook: { type: 'Repository' }, repository: { full_name: 'octo/repo' } });
}

/** The line the generated handler logs for the sample event with `marker` (its case awaits work first). */
export function handledLine(provider: WebhookProvider, marker: number): string {
  if (provider === 'standard') return `Webhook: user user_${marker} created`;
  if (provider === 'stripe') return `Stripe: payment pi_${marker} of`;
  return `GitHub: webhook ${marker} is set up`;
}

/** Signed bodies of each handled type that lack a field its handler reads, or have it with another type: each must get 400, never 500. */
function wrongShapes(provider: WebhookProvider): { name?: string; body: string }[] {
  const iso = new Date().toISOString();
  if (provider === 'standard') {
    return [
      { body: JSON.stringify({ type: 'user.created', timestamp: iso, data: { id: 'user_1' } }) },
      { body: JSON.stringify({ type: 'user.created', timestamp: iso, data: { id: 1, email: 'a@example.com' } }) },
      { body: JSON.stringify({ type: 'user.deleted', timestamp: iso, data: {} }) },
      { body: JSON.stringify({ type: 'user.deleted', timestamp: iso, data: null }) },
      { body: JSON.stringify({ type: 'user.created', data: { id: 'user_1', email: 'a@example.com' } }) },
    ];
  }
  if (provider === 'stripe') {
    const event = (type: string, object: unknown) => JSON.stringify({ id: `evt_${randomUUID()}`, object: 'event', type, created: now(), livemode: false, data: { object } });
    return [
      { body: event('payment_intent.succeeded', { id: 'pi_1', amount: '2000', currency: 'eur' }) },
      { body: event('payment_intent.succeeded', { id: 'pi_1', currency: 'eur' }) },
      { body: event('payment_intent.payment_failed', { id: 'pi_1', last_payment_error: 'declined' }) },
      { body: event('checkout.session.completed', { id: 'cs_1', customer: 7, amount_total: null, currency: 'eur' }) },
      { body: event('checkout.session.completed', null) },
      { body: JSON.stringify({ id: `evt_${randomUUID()}`, type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 1, currency: 'eur' } } }) },
    ];
  }
  const repository = { full_name: 'octo/repo' };
  return [
    { name: 'ping', body: JSON.stringify({ zen: 'Keep it logically awesome.' }) },
    // The issue's case: a push without its repository threw in the handler and answered 500.
    { name: 'push', body: JSON.stringify({ ref: 'refs/heads/main', commits: [] }) },
    { name: 'push', body: JSON.stringify({ ref: 'refs/heads/main', repository, commits: [{ id: 'a1' }] }) },
    { name: 'push', body: JSON.stringify({ ref: 'refs/heads/main', repository, commits: 'a1' }) },
    { name: 'issues', body: JSON.stringify({ action: 'opened', issue: { number: '1', title: 'Bug' }, repository }) },
    // A captured ping body sent again as another event (the event header is not signed).
    { name: 'push', body: sampleEvent('github') },
  ];
}

/**
 * The behaviour of a generated webhook endpoint (`--template webhook --provider
 * <provider>`), checked with real HTTP. `path` is the endpoint's URL path.
 * With `secret: null` the server must run without the provider's env var and
 * answer every delivery 500 without crashing; else with that secret: correctly
 * signed deliveries 200 `{ received: true }`, a replay acknowledged as a
 * duplicate, and every missing, malformed, wrong, tampered or stale signature
 * 400 `{ error: 'Invalid signature' }`, whatever part failed.
 */
export async function checkWebhookContract(server: Server, path: string, extra: WebhookContractOptions): Promise<void> {
  const { provider, secret } = extra;
  const url = `${server.url}${path}`;
  const selfOrigin = server.origin;
  const post = (signed: Signed, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { ...signed.headers, ...headers }, body: signed.body });
  const json = async (res: Response) => {
    const text = await res.text();
    expectNoLeak(text);
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: JSON.parse(text) as unknown };
  };

  if (secret === null) {
    // Whatever is sent, a server without its secret says 500 and stays up.
    const unconfigured = await json(await post(sign(provider, newWebhookSecret(provider), sampleEvent(provider))));
    expect(unconfigured).toMatchObject({ status: 500, body: { error: 'Webhook endpoint is not configured' } });
    expect((await json(await post({ body: sampleEvent(provider), headers: { 'content-type': 'application/json' } }))).status).toBe(500);
    expect((await json(await post(sign(provider, newWebhookSecret(provider), sampleEvent(provider))))).status).toBe(500);
    return;
  }

  // A correctly signed delivery, then the same delivery again (a retry or a replay).
  const first = sign(provider, secret, sampleEvent(provider));
  expect(await json(await post(first))).toMatchObject({ status: 200, type: expect.stringContaining('application/json'), body: { received: true } });
  expect(await json(await post(first))).toMatchObject({ status: 200, body: { received: true, duplicate: true } });

  // Event types the endpoint does not handle are acknowledged too.
  const other = provider === 'github' ? sign(provider, secret, sampleEvent(provider), { event: 'star' }) : sign(provider, secret, sampleEvent(provider, 'something.else'));
  expect(await json(await post(other))).toMatchObject({ status: 200, body: { received: true } });
  if (provider === 'github') {
    const push = JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'octo/repo' }, commits: [{ id: 'a1', message: 'Fix' }] });
    expect((await post(sign(provider, secret, push, { event: 'push' }))).status).toBe(200);
  }

  await checkHandledOnce(server, provider, secret, post);

  // The status of every bad delivery below, for the summary at the end.
  const bad: number[] = [];
  const tallied = <T extends { status: number }>(result: T) => (bad.push(result.status), result);

  // Every failing signature gets the same 400, which does not say what failed.
  const refused = async (label: string, response: Promise<Response>) => {
    const result = tallied(await json(await response));
    expect({ label, status: result.status, body: result.body }).toEqual({ label, status: 400, body: { error: 'Invalid signature' } });
  };
  const event = sampleEvent(provider);
  const good = sign(provider, secret, event);
  const withoutSignature = Object.fromEntries(Object.entries(good.headers).filter(([name]) => !/signature/.test(name)));
  await refused('missing signature', fetch(url, { method: 'POST', headers: withoutSignature, body: event }));
  await refused('wrong secret', post(sign(provider, newWebhookSecret(provider), event)));
  await refused('tampered body', post({ body: `${event} `, headers: good.headers }));
  await refused('body changed', post({ body: event.replace(':', ': '), headers: good.headers }));
  await refused('empty body', post({ body: '', headers: good.headers }));
  const signatureHeader = Object.keys(good.headers).find((name) => /signature/.test(name))!;
  const signature = good.headers[signatureHeader]!;
  const malformed: Record<WebhookProvider, () => string[]> = {
    standard: () => ['', 'v1,', 'v1,not base64!', `v2,${signature.slice(3)}`, signature.slice(3), 'v1', signature.toUpperCase()],
    stripe: () => ['', 't=', `t=${now()}`, `v1=${'0'.repeat(64)}`, `t=abc,v1=${'0'.repeat(64)}`, signature.replace(/v1=/, 'v0='), signature.replace(/t=\d+/, 't=')],
    github: () => ['', 'sha256=', 'sha256=zz', `sha1=${'a'.repeat(40)}`, signature.slice('sha256='.length), `sha256=${'0'.repeat(64)}`, signature.toUpperCase()],
  };
  for (const value of malformed[provider]()) await refused(`malformed signature "${value}"`, post(good, { [signatureHeader]: value }));
  if (provider === 'standard') {
    await refused('missing webhook-id', fetch(url, { method: 'POST', headers: { ...good.headers, 'webhook-id': '' }, body: event }));
    await refused('id changed', post(good, { 'webhook-id': `msg_${randomUUID()}` }));
    await refused('timestamp changed', post(good, { 'webhook-timestamp': String(now() + 1) }));
    await refused('timestamp not a number', post(sign(provider, secret, event, { timestamp: Number.NaN })));
  }
  if (provider !== 'github') {
    // Replays of old deliveries and deliveries from the future: refused beyond 5 minutes.
    await refused('stale timestamp', post(sign(provider, secret, sampleEvent(provider), { timestamp: now() - 6 * 60 })));
    await refused('future timestamp', post(sign(provider, secret, sampleEvent(provider), { timestamp: now() + 6 * 60 })));
    await refused('a year old', post(sign(provider, secret, sampleEvent(provider), { timestamp: now() - 365 * 86400 })));
    expect((await post(sign(provider, secret, sampleEvent(provider), { timestamp: now() - 4 * 60 }))).status).toBe(200);
  }
  if (provider === 'stripe') {
    // Several v1 signatures (during a secret roll): one matching is enough.
    const rolled = sign(provider, secret, sampleEvent(provider));
    const header = rolled.headers['stripe-signature']!;
    const [t, v1] = header.split(',');
    expect((await post(rolled, { 'stripe-signature': `${t},v1=${'0'.repeat(64)},${v1}` })).status).toBe(200);
  }
  if (provider === 'standard') {
    const rolled = sign(provider, secret, sampleEvent(provider));
    const header = rolled.headers['webhook-signature']!;
    expect((await post(rolled, { 'webhook-signature': `v1,${randomBytes(32).toString('base64')} ${header}` })).status).toBe(200);
  }

  // Correctly signed but not a JSON event: 400, never a 500.
  for (const body of ['{"type":', 'null', '[1,2]', '"text"', provider === 'github' ? '' : '{"no":"type"}']) {
    const result = tallied(await json(await post(sign(provider, secret, body))));
    expect({ body, status: result.status, error: result.body }).toEqual({ body, status: 400, error: { error: 'Malformed event payload' } });
  }
  if (provider === 'github') {
    expect(tallied(await json(await post(sign(provider, secret, sampleEvent(provider)), { 'x-github-event': '' }))).status).toBe(400);
    // GitHub's form content type: the JSON is in the `payload` field. SvelteKit's
    // CSRF check refuses form posts without a same-origin Origin, so send one.
    const form = `payload=${encodeURIComponent(sampleEvent(provider))}`;
    const signed = sign(provider, secret, form);
    const res = await post(signed, { 'content-type': 'application/x-www-form-urlencoded', origin: selfOrigin });
    expect(await json(res)).toMatchObject({ status: 200, body: { received: true } });
  }

  // Signed, of a type the endpoint handles, but not of the shape its handler
  // reads: 400 before any handler runs, never a TypeError and a 500.
  for (const { name, body } of wrongShapes(provider)) {
    const result = tallied(await json(await post(sign(provider, secret, body, { event: name }))));
    expect({ name, body, status: result.status, error: result.body }).toEqual({ name, body, status: 400, error: { error: 'Malformed event payload' } });
  }

  // Each header the provider sends, left out of an otherwise good delivery: 400.
  for (const header of Object.keys(good.headers).filter((name) => name !== 'content-type')) {
    const signed = sign(provider, secret, sampleEvent(provider));
    const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== header));
    const result = tallied(await json(await fetch(url, { method: 'POST', headers, body: signed.body })));
    expect({ header, status: result.status }).toEqual({ header, status: 400 });
  }

  if (provider === 'github') {
    // Rotation: the previous secret is accepted while it is set, a third one never.
    expect(extra.previousSecret, 'the github contract runs with a previous secret').toBeDefined();
    expect((await post(sign(provider, extra.previousSecret!, sampleEvent(provider)))).status).toBe(200);
    await refused('a third secret', post(sign(provider, newWebhookSecret(provider), sampleEvent(provider))));
    // The delivery id is bounded and plain: anything else is refused.
    const odd = tallied(await json(await post(sign(provider, secret, sampleEvent(provider), { id: 'x'.repeat(101) }))));
    expect(odd.status).toBe(400);
  }

  // Too large: refused before it is verified (413, by the endpoint or the framework).
  const huge = sign(provider, secret, JSON.stringify({ type: 'x', data: { pad: 'x'.repeat(2_000_000) } }));
  expect(tallied(await post(huge)).status).toBe(413);

  // Too large without a Content-Length (chunked): the endpoint stops reading
  // past 1 MB; adapter-node cuts such a stream at its own limit, 512 KB, and
  // the shared body reader answers that refusal with 413 too.
  const streamed = tallied({ status: (await chunkedUpload(server, path, { method: 'POST', bytes: 4 * 1024 * 1024, headers: huge.headers })).status }).status;
  expect(streamed, 'chunked oversized body').toBe(413);

  const statuses = Object.fromEntries([...new Set(bad)].sort().map((status) => [status, bad.filter((b) => b === status).length]));
  console.info(`webhook ${provider} on ${server.url}: ${bad.length} bad deliveries answered ${JSON.stringify(statuses)} (content-length 2 MB: 413, chunked 4 MB: ${streamed})`);
  expect(bad.filter((status) => status < 400 || status >= 500)).toEqual([]);

  // Only POST.
  expect((await fetch(url)).status).toBe(405);
}

/** How many times `line` occurs in `text`. */
export const occurrences = (text: string, line: string) => text.split(line).length - 1;

/**
 * 20 concurrent deliveries of one delivery (one webhook-id, one Stripe event,
 * one X-GitHub-Delivery) to the production server. The generated handler's
 * case awaits work before it logs, so a check-then-remember de-duplication
 * would run it for many of them; the handler must run once, which the
 * server's output shows: its log line appears once. Every other copy is told
 * to retry (409) or acknowledged as a duplicate; a later copy is a duplicate.
 * A burst whose copies all came after the first was handled proves nothing
 * about the race: bursts are sent (each of a new delivery) until one has
 * copies that came while the handler ran (a 409), at most 10.
 */
async function checkHandledOnce(server: Server, provider: WebhookProvider, secret: string, post: (signed: Signed) => Promise<Response>): Promise<void> {
  // First 20 concurrent deliveries of a type no handler runs for: 20 open
  // connections, so that the copies below arrive together.
  const ignored = () => (provider === 'github' ? sign(provider, secret, sampleEvent(provider), { event: 'star' }) : sign(provider, secret, sampleEvent(provider, 'something.else')));
  await Promise.all(Array.from({ length: 20 }, async () => (await post(ignored())).text()));
  const busy = '409 {"error":"This delivery is being handled"}';
  const handled = '200 {"received":true}';
  const bursts: string[] = [];
  for (let burst = 1; burst <= 10 && !bursts.some((b) => b.includes('409')); burst++) {
    const marker = 100_000 + Math.floor(Math.random() * 900_000);
    const line = handledLine(provider, marker);
    const copy = sign(provider, secret, sampleEvent(provider, undefined, marker));
    expect(occurrences(server.output(), line)).toBe(0);
    const answers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await post(copy);
        return `${response.status} ${await response.text()}`;
      }),
    );
    const tally = Object.fromEntries([...new Set(answers)].map((answer) => [answer, answers.filter((a) => a === answer).length]));
    expect(tally[handled], JSON.stringify(tally)).toBe(1);
    for (const answer of answers.filter((a) => a !== handled)) {
      expect([busy, '200 {"received":true,"duplicate":true}']).toContain(answer);
    }
    // The server's output reaches us through a pipe: wait for the line, then a little longer for any second one.
    for (let waited = 0; occurrences(server.output(), line) === 0 && waited < 5000; waited += 50) await sleep(50);
    await sleep(300);
    const runs = occurrences(server.output(), line);
    expect(runs, `burst ${burst}: the handler's log line "${line}"`).toBe(1);
    const later = await post(copy);
    expect([later.status, await later.json()]).toEqual([200, { received: true, duplicate: true }]);
    bursts.push(`burst ${burst}: ${(tally[busy] ?? 0) > 0 ? `${tally[busy]} copies came while it ran (409)` : 'no copy came while it ran'}, the handler ran ${runs} time(s)`);
  }
  console.info(`webhook ${provider} on ${server.url}: 20 concurrent copies of one delivery, ${bursts.join('; ')}`);
  expect(bursts.some((b) => b.includes('409')), 'no burst had copies that came while the handler ran').toBe(true);
}


import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { expectNoLeak } from './http.js';

export type WebhookProvider = 'standard' | 'stripe' | 'github';

/** The environment variable each provider's endpoint reads its secret from. */
export const webhookSecretEnv: Record<WebhookProvider, string> = {
  standard: 'WEBHOOK_SECRET',
  stripe: 'STRIPE_WEBHOOK_SECRET',
  github: 'GITHUB_WEBHOOK_SECRET',
};

/** A fresh secret of the form the provider uses: `whsec_<base64>` for Standard Webhooks. */
export function newWebhookSecret(provider: WebhookProvider): string {
  return provider === 'standard' ? `whsec_${randomBytes(24).toString('base64')}` : `whsec_${randomBytes(24).toString('hex')}`;
}

export interface WebhookContractOptions {
  provider: WebhookProvider;
  /** The secret the server runs with (its env var, see webhookSecretEnv); null: the server runs without one. */
  secret: string | null;
}

interface Signed {
  body: string;
  headers: Record<string, string>;
}

const now = () => Math.floor(Date.now() / 1000);

/** Signs a body as the provider does; `timestamp` and `id` override the fresh defaults. */
function sign(provider: WebhookProvider, secret: string, body: string, options: { timestamp?: number; id?: string; event?: string } = {}): Signed {
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

/** A realistic event of a type the generated endpoint handles. */
function sampleEvent(provider: WebhookProvider, type?: string): string {
  if (provider === 'standard') {
    return JSON.stringify({ type: type ?? 'user.created', timestamp: new Date().toISOString(), data: { id: 'user_1', email: 'ada@example.com' } });
  }
  if (provider === 'stripe') {
    return JSON.stringify({
      id: `evt_${randomUUID().replace(/-/g, '')}`,
      object: 'event',
      type: type ?? 'payment_intent.succeeded',
      created: now(),
      livemode: false,
      data: { object: { id: 'pi_1', object: 'payment_intent', amount: 2000, currency: 'eur' } },
    });
  }
  return JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 42, hook: { type: 'Repository' }, repository: { full_name: 'octo/repo' } });
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
export async function checkWebhookContract(server: string, path: string, selfOrigin = server, extra: WebhookContractOptions): Promise<void> {
  const { provider, secret } = extra;
  const url = `${server}${path}`;
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

  // Every failing signature gets the same 400, which does not say what failed.
  const refused = async (label: string, response: Promise<Response>) => {
    const result = await json(await response);
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
    const result = await json(await post(sign(provider, secret, body)));
    expect({ body, status: result.status, error: result.body }).toEqual({ body, status: 400, error: { error: 'Malformed event payload' } });
  }
  if (provider === 'github') {
    expect((await json(await post(sign(provider, secret, sampleEvent(provider)), { 'x-github-event': '' }))).status).toBe(400);
    // GitHub's form content type: the JSON is in the `payload` field. SvelteKit's
    // CSRF check refuses form posts without a same-origin Origin, so send one.
    const form = `payload=${encodeURIComponent(sampleEvent(provider))}`;
    const signed = sign(provider, secret, form);
    const res = await post(signed, { 'content-type': 'application/x-www-form-urlencoded', origin: selfOrigin });
    expect(await json(res)).toMatchObject({ status: 200, body: { received: true } });
  }

  // Too large: refused before it is verified (413, by the endpoint or the framework).
  const huge = sign(provider, secret, JSON.stringify({ type: 'x', data: { pad: 'x'.repeat(2_000_000) } }));
  expect((await post(huge)).status).toBe(413);

  // Only POST.
  expect((await fetch(url)).status).toBe(405);
}

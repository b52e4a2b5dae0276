// What the webhook, cors, download and stream templates write, per framework
// and version, planned in process (planGeneration, then applyPlan into a
// temporary project): the files, their content, the notes of the report, and
// that a second run changes nothing. test/cli/templates.test.ts keeps the
// runs of the built CLI: usage errors, exit codes, --dry-run and --json.
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planDiff } from '../../src/index.js';
import { nextPackageJson, snapshotTree, sveltekitPackageJson, useTempProjects } from '../cli/run-cli.js';
import { expectIdempotent, generate, planRun, read, written, type Run } from './plan-runs.js';

const project = useTempProjects();

const withVitest = (json: string) => {
  const pkg = JSON.parse(json) as { devDependencies?: Record<string, string> };
  return JSON.stringify({ ...pkg, devDependencies: { ...pkg.devDependencies, vitest: '^4.1.0' } });
};
const next14 = JSON.stringify({ dependencies: { next: '14.2.35', react: '18.3.1' }, devDependencies: { typescript: '5.9.3' } });
const next16 = nextPackageJson;
const kit2 = JSON.stringify({ type: 'module', devDependencies: { '@sveltejs/kit': '2.70.4', typescript: '5.9.3' } });
const kit3 = sveltekitPackageJson;

describe('webhook', () => {
  it('Next.js 16: a POST route, the shared and the Standard Webhooks helpers, a Vitest file; verify before parse', async () => {
    const inputs = { 'package.json': withVitest(next16), 'src/app/layout.tsx': '' };
    const dir = project(inputs);
    const result = await generate(dir, { resources: ['hooks/events'], template: 'webhook' });
    expect(written(dir, inputs)).toEqual([
      'src/app/api/hooks/events/events.webhook.test.ts',
      'src/app/api/hooks/events/route.ts',
      'src/lib/server/api-utils.ts',
      'src/lib/server/webhook-standard.ts',
      'src/lib/server/webhooks.ts',
    ]);
    const route = read(dir, 'src/app/api/hooks/events/route.ts');
    expect(route).toMatch(/^export async function POST\(request: Request\) \{$/m);
    expect(route).not.toMatch(/export async function (GET|PUT|PATCH|DELETE)/);
    expect(route).toContain('process.env.WEBHOOK_SECRET');
    // The raw body is read once and verified before anything parses it.
    const order = ['readBodyBytes(request)', 'verifyStandardWebhook(', 'parseStandardWebhookEvent('].map((s) => route.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(route).not.toContain('request.json()');
    // Every payload shape is checked before a handler runs; each delivery is claimed once.
    expect(route).toContain('if (parsed.ok === false)');
    expect(route).toContain('if (!event) return Response.json({ received: true });');
    expect(route).toContain('return handleOnce(delivery, async () => {');
    expect(route).toContain('switch (event.type)');
    expect(route).toContain('readSecret(process.env.WEBHOOK_SECRET)');
    const shared = read(dir, 'src/lib/server/webhooks.ts');
    // Web Crypto and web-standard bytes only: no node:crypto, no Buffer.
    expect(shared).toContain('await crypto.subtle.sign("HMAC", hmacKey, data)');
    expect(shared).toContain('difference |= byte ^');
    expect(shared).not.toMatch(/from "node:|Buffer\.|timingSafeEqual/);
    expect(shared).toContain('console.error(');
    const helper = read(dir, 'src/lib/server/webhook-standard.ts');
    expect(helper).toContain('webhook-signature');
    expect(helper).toContain('whsec_');
    expect(read(dir, 'src/app/api/hooks/events/events.webhook.test.ts')).toContain("from \"./route\"");
    expect(result.notes).toContain('Set WEBHOOK_SECRET');
    expect(result.notes).not.toContain('CSRF');
    await expectIdempotent(dir, { resources: ['hooks/events'], template: 'webhook' });
  });

  it('--provider stripe and github: their headers, env vars and helper modules; no Vitest file without vitest', async () => {
    const inputs = { 'package.json': next16 };
    const dir = project(inputs);
    const stripe = await generate(dir, { resources: ['pay'], template: 'webhook', base: 'webhooks', flags: { provider: 'stripe' } });
    const github = await generate(dir, { resources: ['gh'], template: 'webhook', base: 'webhooks', flags: { provider: 'github' } });
    expect(written(dir, inputs)).toEqual([
      'app/webhooks/gh/route.ts',
      'app/webhooks/pay/route.ts',
      'lib/server/api-utils.ts',
      'lib/server/webhook-github.ts',
      'lib/server/webhook-stripe.ts',
      'lib/server/webhooks.ts',
    ]);
    const pay = read(dir, 'app/webhooks/pay/route.ts');
    expect(pay).toContain('process.env.STRIPE_WEBHOOK_SECRET');
    expect(pay).toContain('request.headers.get("stripe-signature")');
    expect(pay).toContain('case "payment_intent.succeeded":');
    expect(read(dir, 'lib/server/webhook-stripe.ts')).toContain('name === "v1"');
    expect(stripe.notes).toContain('Set STRIPE_WEBHOOK_SECRET');
    const gh = read(dir, 'app/webhooks/gh/route.ts');
    expect(gh).toContain('process.env.GITHUB_WEBHOOK_SECRET');
    expect(gh).toContain('headers.get("x-hub-signature-256")');
    expect(gh).toContain('headers.get("x-github-event")');
    expect(gh).toContain('switch (event.name)');
    // GitHub signs with one secret: while it changes, the previous one is accepted too.
    expect(gh).toContain('readSecret(process.env.GITHUB_WEBHOOK_SECRET_PREVIOUS)');
    expect(github.notes).toContain('Set GITHUB_WEBHOOK_SECRET');
    expect(github.notes).toContain('set GITHUB_WEBHOOK_SECRET_PREVIOUS to the old secret');
  });

  it('SvelteKit 3: the secret declared in src/env.ts and imported from $app/env/private; the CSRF note', async () => {
    const inputs = { 'package.json': withVitest(kit3) };
    const dir = project(inputs);
    const result = await generate(dir, { resources: ['hooks/stripe'], template: 'webhook', flags: { provider: 'stripe' } });
    expect(written(dir, inputs)).toEqual([
      'src/env.ts',
      'src/lib/server/api-utils.ts',
      'src/lib/server/webhook-stripe.ts',
      'src/lib/server/webhooks.ts',
      'src/routes/api/hooks/stripe/+server.ts',
      'src/routes/api/hooks/stripe/stripe.webhook.test.ts',
    ]);
    const route = read(dir, 'src/routes/api/hooks/stripe/+server.ts');
    expect(route).toContain('export const POST: RequestHandler = async ({ request }) =>');
    expect(route).toContain('import { STRIPE_WEBHOOK_SECRET } from "$app/env/private";');
    expect(route).toContain('from "#lib/server/webhooks.js"');
    expect(route).not.toContain('$env/');
    expect(route).not.toContain('process.env');
    const env = read(dir, 'src/env.ts');
    expect(env).toContain('defineEnvVars({');
    // Every provider's secret, optional, so a later run for another provider changes nothing.
    for (const name of ['WEBHOOK_SECRET', 'STRIPE_WEBHOOK_SECRET', 'GITHUB_WEBHOOK_SECRET', 'GITHUB_WEBHOOK_SECRET_PREVIOUS']) expect(env).toMatch(new RegExp(`^  ${name}: \\{`, 'm'));
    expect(env).toContain('schema: (value: string | undefined) => value');
    expect(read(dir, 'src/routes/api/hooks/stripe/stripe.webhook.test.ts')).toContain('vi.mock("$app/env/private"');
    expect(result.notes).toContain('Set STRIPE_WEBHOOK_SECRET');
    expect(result.notes).toMatch(/CSRF.*application\/x-www-form-urlencoded, multipart\/form-data, text\/plain.*csrf\.trustedOrigins/);
    await expectIdempotent(dir, { resources: ['hooks/stripe'], template: 'webhook', flags: { provider: 'stripe' } });
    await generate(dir, { resources: ['hooks/github'], template: 'webhook', flags: { provider: 'github' } });
    expect(read(dir, 'src/env.ts')).toBe(env);
    expect(read(dir, 'src/routes/api/hooks/github/+server.ts')).toMatch(/^import \{\n  GITHUB_WEBHOOK_SECRET,\n  GITHUB_WEBHOOK_SECRET_PREVIOUS,\n\} from "\$app\/env\/private";$/m);
  });

  it("SvelteKit 3: a src/env.ts of the user's that lacks the variable gains only the declaration, in its own style", async () => {
    const userEnv = "import { defineEnvVars } from '@sveltejs/kit/env';\n\n// Ours.\nexport const variables = defineEnvVars({\n\tAPI_URL: {},\n});\n";
    const dir = project({ 'package.json': kit3, 'src/env.ts': userEnv });
    expect(await planDiff(await planRun(dir, { resources: ['hook'], template: 'webhook' }))).toContain('+++ b/src/env.ts');
    await generate(dir, { resources: ['hook'], template: 'webhook' });
    const env = read(dir, 'src/env.ts');
    expect(env).toMatch(/defineEnvVars\(\{\n\tWEBHOOK_SECRET: \{\n\t\tdescription: '[^']+',[\s\S]*\},\n\tAPI_URL: \{\},\n\}\);/);
    expect(env.replace(/\n\tWEBHOOK_SECRET: \{[\s\S]*?\n\t\},/, '')).toBe(userEnv);
    expect(env).not.toContain('GITHUB_WEBHOOK_SECRET');
    // A second run changes nothing.
    await expectIdempotent(dir, { resources: ['hook'], template: 'webhook' });

    const declared = project({ 'package.json': kit3, 'src/env.ts': userEnv.replace('API_URL', 'WEBHOOK_SECRET') });
    await generate(declared, { resources: ['hook'], template: 'webhook' });
    expect(read(declared, 'src/env.ts')).toBe(userEnv.replace('API_URL', 'WEBHOOK_SECRET'));

    // GitHub reads two variables: only the one the file lacks is inserted.
    const github = project({ 'package.json': kit3, 'src/env.ts': userEnv.replace('API_URL', 'GITHUB_WEBHOOK_SECRET') });
    const run = await generate(github, { resources: ['hook'], template: 'webhook', flags: { provider: 'github' } });
    const inserted = read(github, 'src/env.ts');
    expect(inserted).toMatch(/defineEnvVars\(\{\n\tGITHUB_WEBHOOK_SECRET_PREVIOUS: \{\n\t\tdescription: '[^']+',\n\t\t\/\/ Optional: set only while the secret is being changed\.\n[\s\S]*?\},\n\tGITHUB_WEBHOOK_SECRET: \{\},\n\}\);/);
    expect(run.notes).toContain('GITHUB_WEBHOOK_SECRET_PREVIOUS is declared in src/env.ts');
  });

  it('SvelteKit 2: $env/dynamic/private, $lib imports, no env file', async () => {
    const inputs = { 'package.json': withVitest(kit2) };
    const dir = project(inputs);
    await generate(dir, { resources: ['hook'], template: 'webhook', flags: { provider: 'github' } });
    const route = read(dir, 'src/routes/api/hook/+server.ts');
    expect(route).toContain('import { env } from "$env/dynamic/private";');
    expect(route).toContain('env.GITHUB_WEBHOOK_SECRET');
    expect(route).toContain('from "$lib/server/webhook-github"');
    expect(existsSync(join(dir, 'src/env.ts'))).toBe(false);
    expect(read(dir, 'src/routes/api/hook/hook.webhook.test.ts')).toContain('vi.mock("$env/dynamic/private"');
  });

  it('Next.js 14: the same POST (no params, nothing cached)', async () => {
    const dir = project({ 'package.json': next14, 'tsconfig.json': '{}', 'app/layout.tsx': '' });
    await generate(dir, { resources: ['hook'], template: 'webhook' });
    const route = read(dir, 'app/api/hook/route.ts');
    expect(route).toContain('export async function POST(request: Request)');
    expect(route).not.toContain('dynamic');
  });

  it('JavaScript projects get JavaScript', async () => {
    const dir = project({ 'package.json': JSON.stringify({ type: 'module', devDependencies: { '@sveltejs/kit': '^2.70.0' } }) });
    await generate(dir, { resources: ['hook'], template: 'webhook', flags: { provider: 'stripe' } });
    const route = read(dir, 'src/routes/api/hook/+server.js');
    expect(route).toContain("/** @type {import('./$types').RequestHandler} */");
    // No TypeScript left in the code (JSDoc comments carry types, of course).
    const code = read(dir, 'src/lib/server/webhooks.js').replace(/\/\*[^]*?\*\/|^\s*\/\/.*$/gm, '');
    expect(code).not.toMatch(/\((request|value|id): |\): (Promise|boolean|Response)/);
    const helpers = await import(join(dir, 'src/lib/server/webhooks.js'));
    expect(helpers.safeEqual('abc', 'abc')).toBe(true);
    expect(helpers.safeEqual('abc', 'abd')).toBe(false);
    expect(helpers.safeEqual('abc', 'abcd')).toBe(false);
    expect(helpers.safeEqual('é', 'e\u0301')).toBe(false);
    // The JavaScript signs as node:crypto does.
    const mac = createHmac('sha256', 'k').update('t.').update('body').digest('hex');
    expect(helpers.toHex(await helpers.hmacSha256('k', 't.', new TextEncoder().encode('body')))).toBe(mac);
  });

  it('SvelteKit output of webhook and stream names nothing that needs @types/node', async () => {
    const dir = project({ 'package.json': withVitest(kit2) });
    for (const provider of ['standard', 'stripe', 'github']) await generate(dir, { resources: [`hooks/${provider}`], template: 'webhook', flags: { provider: provider } });
    await generate(dir, { resources: ['ticks'], template: 'stream' });
    await generate(dir, { resources: ['events'], template: 'stream', flags: { sse: true } });
    const files = Object.entries(snapshotTree(dir)).filter(([path]) => path.endsWith('.ts'));
    expect(files.length).toBe(16);
    // The code, without its comments (which may name what it avoids).
    const code = (text: string) => text.replace(/\/\*[^]*?\*\/|^\s*\/\/.*$/gm, '');
    for (const [path, text] of files) {
      expect({ path, node: code(text).match(/\b(process|Buffer|NodeJS|setImmediate|require)\b|from "node:/g) }).toEqual({ path, node: null });
    }
  });
});

describe('cors', () => {
  it('Next.js 16: OPTIONS plus the chosen methods, the policy with the exact origins, the shared helpers, a Vitest file', async () => {
    const inputs = { 'package.json': withVitest(next16), 'src/app/layout.tsx': '' };
    const dir = project(inputs);
    const args: Run = { resources: ['public'], template: 'cors', methods: ['GET', 'POST', 'DELETE'], flags: { origins: 'https://app.example.com,http://localhost:5173/' } };
    const result = await generate(dir, args);
    expect(written(dir, inputs)).toEqual([
      'src/app/api/public/public.cors.test.ts',
      'src/app/api/public/route.ts',
      'src/lib/server/api-utils.ts',
      'src/lib/server/cors.ts',
      'src/lib/server/cors/public.ts',
    ]);
    const route = read(dir, 'src/app/api/public/route.ts');
    const exported = [...route.matchAll(/^export async function (\w+)\(request: Request\)/gm)].map((m) => m[1]);
    expect(exported).toEqual(['OPTIONS', 'GET', 'POST', 'DELETE']);
    expect(route).toContain('return preflight(request, publicCors);');
    expect(route).toContain('from "../../../lib/server/cors/public"');
    expect(route).not.toContain('dynamic');
    const policy = read(dir, 'src/lib/server/cors/public.ts');
    // The trailing slash is dropped: origins are compared exactly as browsers send them.
    expect(policy).toContain('origins: ["https://app.example.com", "http://localhost:5173"],');
    expect(policy).toContain('methods: ["GET", "POST", "DELETE"],');
    expect(policy).toContain('credentials: false,');
    const helpers = read(dir, 'src/lib/server/cors.ts');
    expect(helpers).toContain('new Headers({ Vary: "Origin" })');
    expect(helpers).toContain('policy.origins.includes(origin)');
    expect(result.notes).toContain('Allowed origins of /api/public (exact match): https://app.example.com, http://localhost:5173');
    await expectIdempotent(dir, args);
  });

  it('no --origins: same-origin only, the default methods GET and POST', async () => {
    const inputs = { 'package.json': next16 };
    const dir = project(inputs);
    const result = await generate(dir, { resources: ['ping'], template: 'cors' });
    expect(written(dir, inputs)).toEqual(['app/api/ping/route.ts', 'lib/server/api-utils.ts', 'lib/server/cors.ts', 'lib/server/cors/ping.ts']);
    expect(read(dir, 'lib/server/cors/ping.ts')).toContain('origins: [],');
    expect([...read(dir, 'app/api/ping/route.ts').matchAll(/^export async function (\w+)/gm)].map((m) => m[1])).toEqual(['OPTIONS', 'GET', 'POST']);
    expect(result.notes).toContain('same-origin requests only');
  });

  it("'*': any origin, never with credentials; a DELETE-only endpoint needs no JSON reader", async () => {
    const inputs = { 'package.json': next16 };
    const dir = project(inputs);
    await generate(dir, { resources: ['open'], template: 'cors', methods: ['DELETE'], flags: { origins: '*' } });
    expect(written(dir, inputs)).toEqual(['app/api/open/route.ts', 'lib/server/cors.ts', 'lib/server/cors/open.ts']);
    expect(read(dir, 'lib/server/cors/open.ts')).toContain('origins: ["*"],');
    expect(read(dir, 'lib/server/cors.ts')).toMatch(/if \(policy\.origins\.includes\("\*"\)\) \{[^}]*Access-Control-Allow-Origin", "\*"\);\n\s*\} else if/);
  });

  it('Next.js 14: force-dynamic when there is a GET (its CORS headers depend on the request)', async () => {
    const dir = project({ 'package.json': next14, 'tsconfig.json': '{}', 'app/layout.tsx': '' });
    await generate(dir, { resources: ['a'], template: 'cors', flags: { origins: 'https://x.example' } });
    expect(read(dir, 'app/api/a/route.ts')).toContain('export const dynamic = "force-dynamic";');
    await generate(dir, { resources: ['b'], template: 'cors', methods: ['POST'], flags: { origins: 'https://x.example' } });
    expect(read(dir, 'app/api/b/route.ts')).not.toContain('dynamic');
  });

  it('SvelteKit 3 and 2: RequestHandler exports, #lib or $lib imports, the CSRF note per version', async () => {
    const inputs = { 'package.json': withVitest(kit3) };
    const dir = project(inputs);
    const three = await generate(dir, { resources: ['public'], template: 'cors', methods: ['GET', 'PUT'], flags: { origins: 'https://app.example.com' } });
    const route = read(dir, 'src/routes/api/public/+server.ts');
    expect(route).toContain('export const OPTIONS: RequestHandler = async ({ request }) =>');
    expect(route).toContain('export const PUT: RequestHandler = async ({ request }) =>');
    expect(route).toContain('from "#lib/server/cors.js"');
    expect(existsSync(join(dir, 'src/routes/api/public/public.cors.test.ts'))).toBe(true);
    expect(three.notes).toMatch(/CSRF.*no Content-Type.*csrf\.trustedOrigins/);
    const kit2Dir = project({ 'package.json': kit2 });
    const two = await generate(kit2Dir, { resources: ['public'], template: 'cors' });
    expect(read(kit2Dir, 'src/routes/api/public/+server.ts')).toContain('from "$lib/server/cors"');
    expect(two.notes).toContain('CSRF');
    expect(two.notes).not.toContain('no Content-Type');
  });
});

describe('download', () => {
  it('Next.js 16: GET and HEAD on <resource>/[...path], the shared helper, a Vitest file', async () => {
    const inputs = { 'package.json': withVitest(next16), 'src/app/layout.tsx': '' };
    const dir = project(inputs);
    const result = await generate(dir, { resources: ['files'], template: 'download' });
    expect(written(dir, inputs)).toEqual(['src/app/api/files/[...path]/files.download.test.ts', 'src/app/api/files/[...path]/route.ts', 'src/lib/server/download.ts']);
    const route = read(dir, 'src/app/api/files/[...path]/route.ts');
    expect([...route.matchAll(/^export async function (\w+)\(/gm)].map((m) => m[1])).toEqual(['GET', 'HEAD']);
    expect(route).toContain('{ params }: { params: Promise<{ path: string[] }> }');
    expect(route).toContain('const dir = "downloads";');
    expect(route).toContain('return serveDownload(request, path, { dir });');
    expect(route).toContain('return serveDownload(request, path, { dir, head: true });');
    expect(route).not.toContain('dynamic');
    const helper = read(dir, 'src/lib/server/download.ts');
    for (const needle of ['realpath(', 'root + sep', 'process.cwd()', 'turbopackIgnore: true', "filename*=UTF-8''", 'Content-Range', 'no-transform']) expect(helper).toContain(needle);
    expect(helper).not.toMatch(/readFile\(/);
    expect(result.notes).toMatch(/Put the files to serve in downloads\/.*process\.cwd\(\)/);
    await expectIdempotent(dir, { resources: ['files'], template: 'download' });
  });

  it('--dir is normalised; a nested resource keeps its parameters; Next.js 14 gets sync params and force-dynamic', async () => {
    const dir = project({ 'package.json': next14, 'tsconfig.json': '{}', 'app/layout.tsx': '' });
    await generate(dir, { resources: ['orgs/[org]/docs'], template: 'download', flags: { dir: './private/docs/' } });
    const route = read(dir, 'app/api/orgs/[org]/docs/[...path]/route.ts');
    expect(route).toContain('export const dynamic = "force-dynamic";');
    expect(route).toContain('{ params }: { params: { org: string; path: string[] } }');
    expect(route).toContain('const { org, path } = params;');
    expect(route).toContain('const dir = "private/docs";');
    expect(route).toContain('from "../../../../../../lib/server/download"');
  });

  it('SvelteKit 3: a rest parameter as one string, #lib import; --methods GET only', async () => {
    const inputs = { 'package.json': withVitest(kit3) };
    const dir = project(inputs);
    const result = await generate(dir, { resources: ['files'], template: 'download', methods: ['GET'] });
    expect(written(dir, inputs)).toEqual(['src/lib/server/download.ts', 'src/routes/api/files/[...path]/+server.ts', 'src/routes/api/files/[...path]/files.download.test.ts']);
    // SvelteKit has no npm start; a project without @types/node is told what the helper needs.
    expect(result.notes).toContain('npm run dev / node build');
    expect(result.notes).not.toContain('npm start');
    expect(result.notes).toContain('npm install --save-dev @types/node, and add "node" to compilerOptions.types');
    const route = read(dir, 'src/routes/api/files/[...path]/+server.ts');
    expect(route).toContain('export const GET: RequestHandler = async ({ request, params }) =>');
    expect(route).toContain('serveDownload(request, params.path, { dir })');
    expect(route).not.toContain('HEAD');
    expect(route).toContain('from "#lib/server/download.js"');
  });
});

describe('stream', () => {
  it('Next.js 16: a GET streaming text, the shared streaming helpers, a Vitest file', async () => {
    const inputs = { 'package.json': withVitest(next16), 'src/app/layout.tsx': '' };
    const dir = project(inputs);
    const result = await generate(dir, { resources: ['ticks'], template: 'stream' });
    expect(written(dir, inputs)).toEqual(['src/app/api/ticks/route.ts', 'src/app/api/ticks/ticks.stream.test.ts', 'src/lib/server/streaming.ts']);
    const route = read(dir, 'src/app/api/ticks/route.ts');
    expect(route).toMatch(/^export async function GET\(request: Request\) \{\n[^]*return textStream\(request, async \(out\) => \{/m);
    // The example awaits its writes and sleeps through the helper, whose timers end with the stream.
    expect(route).toContain('await out.write(`chunk ${sent} of 5');
    expect(route).toContain('await out.sleep(400);');
    expect(route).not.toMatch(/setInterval|setTimeout/);
    expect(route).not.toContain('dynamic');
    const helper = read(dir, 'src/lib/server/streaming.ts');
    for (const needle of ['"text/plain; charset=utf-8"', '"text/event-stream"', '"X-Accel-Buffering": "no"', '": ping\\n\\n"', 'signal.addEventListener("abort", onAbort)', 'signal.removeEventListener("abort", onAbort)', 'new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER_MARK })', 'pull() {', 'cancel(reason) {', 'last-event-id']) expect(helper).toContain(needle);
    expect(helper).not.toContain('Connection');
    const test = read(dir, 'src/app/api/ticks/ticks.stream.test.ts');
    expect(test).toContain('vi.useFakeTimers(');
    // The handler is called with the types it declares: no cast.
    expect(test).toContain('return GET(request);');
    expect(test).not.toMatch(/\bas (unknown|any)\b|: any\b/);
    // It imports the helper as the route does.
    expect(test).toContain(route.match(/^import \{ textStream \} from .*$/m)![0]);
    expect(result.notes).toContain('/api/ticks streams text');
    await expectIdempotent(dir, { resources: ['ticks'], template: 'stream' });
  });

  it('--sse: Server-Sent Events from the same helper module; Next.js 14 gets force-dynamic', async () => {
    const dir = project({ 'package.json': next14, 'tsconfig.json': '{}', 'app/layout.tsx': '' });
    const result = await generate(dir, { resources: ['events'], template: 'stream', flags: { sse: true } });
    const route = read(dir, 'app/api/events/route.ts');
    expect(route).toContain('export const dynamic = "force-dynamic";');
    expect(route).toContain('return eventStream(request, async (events) => {');
    expect(route).toContain('await events.send({ time: new Date().toISOString() });');
    expect(route).toContain('await events.sleep(1000);');
    expect(result.notes).toContain("new EventSource('/api/events')");
  });

  it('SvelteKit 3 and 2: RequestHandler, #lib or $lib', async () => {
    const inputs = { 'package.json': withVitest(kit3) };
    const dir = project(inputs);
    await generate(dir, { resources: ['events'], template: 'stream', flags: { sse: true } });
    expect(written(dir, inputs)).toEqual(['src/lib/server/streaming.ts', 'src/routes/api/events/+server.ts', 'src/routes/api/events/events.stream.test.ts']);
    const route = read(dir, 'src/routes/api/events/+server.ts');
    expect(route).toContain('export const GET: RequestHandler = async ({ request }) =>');
    expect(route).toContain('import { eventStream } from "#lib/server/streaming.js";');
    // The Vitest file builds SvelteKit's whole RequestEvent for the route (3.x: cookies.parse, tracing): no cast.
    const test = read(dir, 'src/routes/api/events/events.stream.test.ts');
    for (const needle of ['function requestEvent<Params, Route extends string>(', 'route: { id },', 'parse: unused("cookies"),', 'tracing: { enabled: false, root: span, current: span },', 'isRemoteRequest: false,', 'return GET(requestEvent(request, params, "/api/events"));']) {
      expect(test).toContain(needle);
    }
    expect(test).not.toMatch(/\bas (unknown|any)\b|: any\b/);
    const two = project({ 'package.json': kit2 });
    await generate(two, { resources: ['ticks'], template: 'stream' });
    expect(read(two, 'src/routes/api/ticks/+server.ts')).toContain('import { textStream } from "$lib/server/streaming";');
  });
});

describe('generated Vitest files', () => {
  // The e2e suite type-checks and runs them in real apps; this holds them to
  // calling handlers as the framework's types ask, with nothing cast away.
  it.each([
    ['Next.js 16', next16],
    ['SvelteKit 3', kit3],
  ])('%s: every template calls its handlers without a cast', async (_label, packageJson) => {
    const dir = project({ 'package.json': withVitest(packageJson) });
    const runs: Run[] = [{ resources: ['todos'] }, { resources: ['hooks/in'], template: 'webhook' }, { resources: ['open'], template: 'cors', methods: ['GET', 'POST', 'DELETE'], flags: { origins: 'https://a.example' } }, { resources: ['files'], template: 'download' }, { resources: ['ticks'], template: 'stream' }, { resources: ['events'], template: 'stream', flags: { sse: true } }];
    for (const args of runs) await generate(dir, args);
    const tests = Object.entries(snapshotTree(dir)).filter(([path]) => path.endsWith('.test.ts'));
    expect(tests.map(([path]) => path.split('/').pop()).sort()).toEqual(['events.stream.test.ts', 'files.download.test.ts', 'in.webhook.test.ts', 'open.cors.test.ts', 'ticks.stream.test.ts', 'todos.crud.test.ts']);
    for (const [path, text] of tests) {
      expect(text, path).not.toMatch(/\bas (unknown|any)\b|: any\b|<any>/);
    }
  });
});

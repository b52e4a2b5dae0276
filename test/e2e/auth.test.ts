// `--auth` and `--role` (issue #15) on real apps with real auth libraries.
//
// better-auth, served (sv-better-auth: `sv create` with drizzle, better-auth and
// adapter-node; next16-better-auth: create-next-app 16 with better-auth on
// Drizzle/libsql; both with the admin plugin's `role` column): the built CLI
// generates guarded endpoints, the app's own drizzle-kit push, check, lint and
// build run, and its production server answers real HTTP. Users sign up and in
// through better-auth's own endpoints (test/e2e/harness/better-auth.ts); then:
//   - crud `--auth --role admin`: the admin 200/201 (and a user holding
//     `editor,admin`), no cookie, a forged cookie (random token; real token with
//     a wrong signature) and an expired session 401 with
//     `{"error":"Authentication required"}`, a signed-in user without the role
//     (or with none) 403 `{"error":"Forbidden"}`; the guard runs before the body
//     is read;
//   - download `--auth`: any signed-in user 200, no cookie 401 (GET and HEAD);
//   - crud `--auth writes`: GET public, POST 401 without a cookie, 201 with one;
//   - stream `--auth`: 401 without a session; cors `--auth`: the preflight
//     unguarded, the refusal with the policy's CORS headers; `add POST --auth
//     --role admin` on a route the user wrote: its GET untouched and public.
// A hand-written route reading better-auth's session first proves that the
// harness's forged and expired cookies are refused by better-auth itself.
//
// Auth.js, Clerk and Supabase, type-checked (their servers cannot be reached
// from here): next16-auth-libs (next-auth 5, @clerk/nextjs 7, @supabase/ssr, as
// their quickstarts write them) and sv-authjs (@auth/sveltekit). The CLI
// generates with `--auth <provider> --role admin`; the app's strict check and
// lint must pass, and Vitest files written into the app call the generated
// handlers with the library's session function replaced at the module boundary
// (`vi.mock` of the app's `@/auth`, of `@clerk/nextjs/server`, of
// `@supabase/ssr`; SvelteKit's `locals.auth` is the event's): signed in 200/201,
// signed out 401, the wrong role 403.
//
//   E2E_AUTH_APPS=sv-better-auth,sv-authjs   some apps (default: every one)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { ok } from './harness/database-app.js';
import { createBetterAuthApp, type AuthUser, type BetterAuthApp } from './harness/better-auth.js';
import { authAppNames, betterAuthAppNames, createApp, type App, type AuthAppName, type BetterAuthAppName, type Server } from './harness/index.js';
import { authLibRuns } from './auth-lib-tests.js';

const requested = process.env.E2E_AUTH_APPS?.split(',').map((s) => s.trim()).filter(Boolean);
const apps = (requested ?? [...authAppNames]) as AuthAppName[];
const unknown = apps.filter((a) => !authAppNames.includes(a));
if (unknown.length > 0) throw new Error(`E2E_AUTH_APPS: unknown app(s) ${unknown.join(', ')} (known: ${authAppNames.join(', ')})`);
const isBetterAuth = (name: AuthAppName): name is BetterAuthAppName => (betterAuthAppNames as readonly string[]).includes(name);

const UNAUTHENTICATED = { error: 'Authentication required' };
const FORBIDDEN = { error: 'Forbidden' };

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
  return value;
}

/** A hand-written route that answers the session better-auth sees: the harness's own proof. */
function whoamiRoute(app: App): { path: string; text: string } {
  if (app.framework === 'next') {
    return {
      path: 'src/app/api/whoami/route.ts',
      text: `import { auth } from "@/lib/auth";

export async function GET(request: Request) {
  const session = await auth.api.getSession({ headers: request.headers });
  return Response.json({ user: session ? { id: session.user.id, role: session.user.role ?? null } : null });
}
`,
    };
  }
  return {
    path: 'src/routes/api/whoami/+server.ts',
    text: `import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
\tconst user = locals.user;
\treturn Response.json({ user: user ? { id: user.id, role: 'role' in user ? user.role : null } : null });
};
`,
  };
}

/** A route the user wrote (a public GET), in the app's own style, for `add … --auth`. */
function reportsRoute(app: App): { path: string; text: string } {
  if (app.framework === 'next') {
    return { path: 'src/app/api/reports/route.ts', text: 'export async function GET() {\n  return Response.json({ reports: [] });\n}\n' };
  }
  return {
    path: 'src/routes/api/reports/+server.ts',
    text: "import type { RequestHandler } from './$types';\n\nexport const GET: RequestHandler = () => {\n\treturn Response.json({ reports: [] });\n};\n",
  };
}

/** The one origin the CORS endpoint allows. */
const ORIGIN = 'https://app.example.com';

async function answer(res: Response): Promise<{ status: number; type: string; body: unknown }> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text, and the assertion shows it
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body };
}

for (const name of apps.filter(isBetterAuth)) {
  describe(name, () => {
    let auth: BetterAuthApp | undefined;
    let server: Server | undefined;
    const users: Partial<Record<'admin' | 'member' | 'noRole' | 'multi' | 'expired', AuthUser>> = {};
    const live = () => need(server, 'the server');
    const app = () => need(auth, 'the app').app;
    const user = (key: keyof typeof users) => need(users[key], `the ${key} user`);
    const send = (method: string, path: string, cookie?: string, body?: unknown) =>
      live().fetch(path, {
        method,
        headers: { ...(cookie === undefined ? {} : { cookie }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });

    beforeAll(async () => {
      auth = await createBetterAuthApp(name);
    });
    afterAll(async () => {
      await auth?.remove();
    });

    it('generates crud --auth --role admin, download --auth and crud --auth writes with the built CLI', async () => {
      const cli = (args: string[]) => runCli([...args, '--yes'], { cwd: app().dir });
      ok('todos', await cli(['todos', '--auth', '--role', 'admin']));
      ok('files', await cli(['files', '--template', 'download', '--auth']));
      ok('notes', await cli(['notes', '--auth', 'writes']));
      ok('ticker', await cli(['ticker', '--template', 'stream', '--auth']));
      ok('public', await cli(['public', '--template', 'cors', '--origins', ORIGIN, '--auth']));
      // add: a POST guarded by role on a route the user wrote, whose GET stays as it was (public).
      const reports = reportsRoute(app());
      await app().writeFile(reports.path, reports.text);
      ok('add', await cli(['add', '/api/reports', 'POST', '--auth', '--role', 'admin']));
      expect(await app().readFile(reports.path)).toContain(reports.text.trim().split('\n').slice(-3).join('\n'));
      const whoami = whoamiRoute(app());
      await app().writeFile(whoami.path, whoami.text);
      // The harness's own route, in the app's style (sv's lint is prettier --check).
      if (need(auth, 'the app').info.hasPrettier) ok('prettier --write whoami', await app().run('prettier', ['--write', whoami.path]));
      await app().writeFile('downloads/report.txt', 'quarterly numbers\n');
    });

    it("creates the database with the app's own drizzle-kit push: better-auth's tables and the generated ones", async () => {
      await need(auth, 'the app').push();
      const tables = (await need(auth, 'the app').query("select name from sqlite_master where type = 'table'")).map((r) => String(r.name));
      expect(tables).toEqual(expect.arrayContaining(['user', 'session', 'account', 'verification']));
    });

    it.runIf(name === 'sv-better-auth')("passes the app's own check (svelte-kit sync && svelte-check)", async () => {
      ok('npm run check', await app().script('check'));
    });

    it.runIf(name === 'next16-better-auth')('type-checks under strict (next typegen && tsc --noEmit)', async () => {
      ok('next typegen', await app().run('next', ['typegen']));
      ok('tsc --noEmit', await app().run('tsc', ['--noEmit']));
    });

    it("passes the app's own lint", async () => {
      ok('npm run lint', await app().script('lint'));
    });

    it('builds, starts, and signs users up and in through better-auth', async () => {
      await need(auth, 'the app').build();
      server = await need(auth, 'the app').start();
      const a = need(auth, 'the app');
      users.admin = await a.signUp(live(), 'admin');
      await a.setRole(user('admin'), 'admin');
      users.member = await a.signUp(live(), 'member'); // the admin plugin's default role: user
      users.noRole = await a.signUp(live(), 'no role');
      await a.setRole(user('noRole'), null);
      users.multi = await a.signUp(live(), 'editor and admin');
      await a.setRole(user('multi'), 'editor,admin');
      users.expired = await a.signUp(live(), 'expired');
      await a.setRole(user('expired'), 'admin');
    });

    it('the harness: better-auth accepts the session cookies and refuses forged and expired ones', async () => {
      const whoami = async (cookie?: string) => (await answer(await send('GET', '/api/whoami', cookie))).body;
      expect(await whoami(user('admin').cookie)).toEqual({ user: { id: user('admin').id, role: 'admin' } });
      expect(await whoami(user('member').cookie)).toEqual({ user: { id: user('member').id, role: 'user' } });
      expect(await whoami(user('expired').cookie)).toEqual({ user: { id: user('expired').id, role: 'admin' } });
      const forged = need(auth, 'the app').forgedCookies(user('admin'));
      expect(await whoami()).toEqual({ user: null });
      expect(await whoami(forged.randomToken)).toEqual({ user: null });
      expect(await whoami(forged.tamperedSignature)).toEqual({ user: null });
      // The admin's real cookie still works after the forgeries.
      expect(await whoami(user('admin').cookie)).toEqual({ user: { id: user('admin').id, role: 'admin' } });
      await need(auth, 'the app').expireSession(user('expired'));
      expect(await whoami(user('expired').cookie)).toEqual({ user: null });
    });

    it('crud --role admin: the admin and a user holding editor,admin list, create, read, change and delete', async () => {
      const admin = user('admin').cookie;
      expect(await answer(await send('GET', '/api/todos', admin))).toMatchObject({ status: 200, body: { items: [], total: 0 } });
      const created = await answer(await send('POST', '/api/todos', admin, { name: 'first' }));
      expect(created).toMatchObject({ status: 201, body: { name: 'first' } });
      const id = String((created.body as { id: unknown }).id);
      expect(await answer(await send('GET', `/api/todos/${id}`, admin))).toMatchObject({ status: 200, body: { name: 'first' } });
      expect(await answer(await send('PATCH', `/api/todos/${id}`, admin, { name: 'changed' }))).toMatchObject({ status: 200, body: { name: 'changed' } });
      const multi = user('multi').cookie;
      expect(await answer(await send('GET', '/api/todos', multi))).toMatchObject({ status: 200, body: { total: 1 } });
      expect((await send('POST', '/api/todos', multi, { name: 'second' })).status).toBe(201);
      expect((await send('DELETE', `/api/todos/${id}`, admin)).status).toBe(204);
      expect(await answer(await send('GET', '/api/todos', admin))).toMatchObject({ status: 200, body: { total: 1, items: [{ name: 'second' }] } });
    });

    const refusals = [
      ['GET', '/api/todos', undefined],
      ['POST', '/api/todos', { name: 'intruder' }],
      ['GET', '/api/todos/1', undefined],
      ['PUT', '/api/todos/1', { name: 'intruder' }],
      ['PATCH', '/api/todos/1', { name: 'intruder' }],
      ['DELETE', '/api/todos/1', undefined],
    ] as const;

    it('crud --role admin: no cookie, a forged cookie and an expired session get 401 JSON, on every method', async () => {
      const forged = need(auth, 'the app').forgedCookies(user('admin'));
      const cookies = { none: undefined, randomToken: forged.randomToken, tamperedSignature: forged.tamperedSignature, expired: user('expired').cookie };
      for (const [what, cookie] of Object.entries(cookies)) {
        for (const [method, path, body] of refusals) {
          const res = await answer(await send(method, path, cookie, body));
          expect(res, `${method} ${path} with ${what}`).toEqual({ status: 401, type: expect.stringContaining('application/json'), body: UNAUTHENTICATED });
        }
      }
      // The guard comes before the body: malformed JSON without a session is a 401, not a 400.
      expect(await answer(await send('POST', '/api/todos', undefined, '{"name":'))).toMatchObject({ status: 401, body: UNAUTHENTICATED });
      // Nothing was written.
      expect(await answer(await send('GET', '/api/todos', user('admin').cookie))).toMatchObject({ status: 200, body: { total: 1 } });
    });

    it('crud --role admin: a signed-in user without the role, or with none, gets 403 JSON', async () => {
      for (const key of ['member', 'noRole'] as const) {
        for (const [method, path, body] of refusals) {
          const res = await answer(await send(method, path, user(key).cookie, body));
          expect(res, `${method} ${path} as ${key}`).toEqual({ status: 403, type: expect.stringContaining('application/json'), body: FORBIDDEN });
        }
      }
      expect(await answer(await send('GET', '/api/todos', user('admin').cookie))).toMatchObject({ status: 200, body: { total: 1 } });
    });

    it('download --auth: a signed-in user gets the file, no cookie or a forged one 401', async () => {
      const res = await send('GET', '/api/files/report.txt', user('member').cookie);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('quarterly numbers\n');
      expect((await send('HEAD', '/api/files/report.txt', user('member').cookie)).status).toBe(200);
      for (const cookie of [undefined, need(auth, 'the app').forgedCookies(user('member')).tamperedSignature, user('expired').cookie]) {
        expect(await answer(await send('GET', '/api/files/report.txt', cookie))).toEqual({ status: 401, type: expect.stringContaining('application/json'), body: UNAUTHENTICATED });
        expect((await send('HEAD', '/api/files/report.txt', cookie)).status).toBe(401);
      }
    });

    it('stream --auth: 200 and a stream signed in, 401 JSON without a session', async () => {
      const res = await send('GET', '/api/ticker', user('member').cookie);
      expect(res.status).toBe(200);
      const reader = need(res.body ?? undefined, 'the stream').getReader();
      expect((await reader.read()).done).toBe(false);
      await reader.cancel();
      for (const cookie of [undefined, need(auth, 'the app').forgedCookies(user('member')).randomToken]) {
        expect(await answer(await send('GET', '/api/ticker', cookie))).toEqual({ status: 401, type: expect.stringContaining('application/json'), body: UNAUTHENTICATED });
      }
    });

    it("cors --auth: the preflight is never guarded; GET 401 without a session, with the policy's CORS headers; 200 with one", async () => {
      const preflight = await live().fetch('/api/public', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      const refused = await live().fetch('/api/public', { headers: { origin: ORIGIN } });
      expect(refused.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(await answer(refused)).toEqual({ status: 401, type: expect.stringContaining('application/json'), body: UNAUTHENTICATED });
      const allowed = await live().fetch('/api/public', { headers: { origin: ORIGIN, cookie: user('member').cookie } });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    });

    it("add POST --auth --role admin on the user's route: its GET stays public; POST 401, 403, then the admin reaches the placeholder (501)", async () => {
      expect(await answer(await send('GET', '/api/reports'))).toMatchObject({ status: 200, body: { reports: [] } });
      expect(await answer(await send('POST', '/api/reports', undefined, {}))).toMatchObject({ status: 401, body: UNAUTHENTICATED });
      expect(await answer(await send('POST', '/api/reports', user('member').cookie, {}))).toMatchObject({ status: 403, body: FORBIDDEN });
      expect((await send('POST', '/api/reports', user('admin').cookie, {})).status).toBe(501);
    });

    it('crud --auth writes: reads are public, writes need a session (any role)', async () => {
      expect(await answer(await send('GET', '/api/notes'))).toMatchObject({ status: 200, body: { total: 0 } });
      expect(await answer(await send('POST', '/api/notes', undefined, { name: 'anonymous' }))).toEqual({ status: 401, type: expect.stringContaining('application/json'), body: UNAUTHENTICATED });
      expect(await answer(await send('POST', '/api/notes', need(auth, 'the app').forgedCookies(user('member')).randomToken, { name: 'forged' }))).toMatchObject({ status: 401 });
      const created = await answer(await send('POST', '/api/notes', user('member').cookie, { name: 'signed in' }));
      expect(created).toMatchObject({ status: 201, body: { name: 'signed in' } });
      const id = String((created.body as { id: unknown }).id);
      expect(await answer(await send('GET', `/api/notes/${id}`))).toMatchObject({ status: 200, body: { name: 'signed in' } });
      expect(await answer(await send('PATCH', `/api/notes/${id}`, undefined, { name: 'anonymous' }))).toMatchObject({ status: 401, body: UNAUTHENTICATED });
      expect(await answer(await send('DELETE', `/api/notes/${id}`))).toMatchObject({ status: 401, body: UNAUTHENTICATED });
      expect(await answer(await send('GET', '/api/notes'))).toMatchObject({ status: 200, body: { total: 1, items: [{ name: 'signed in' }] } });
    });
  });
}

for (const run of authLibRuns.filter((r) => apps.includes(r.app))) {
  describe(run.label, () => {
    let app: App | undefined;
    const live = () => need(app, 'the app');
    const kit = run.app === 'sv-authjs';

    beforeAll(async () => {
      app = await createApp(run.app);
    });
    afterAll(async () => {
      await app?.remove();
    });

    it(`generates ${run.generations.map((g) => g.join(' ')).join('; ')}`, async () => {
      if (run.app === 'next16-auth-libs') {
        // Three libraries in one app: a bare --auth cannot choose, and says so before writing anything.
        const ambiguous = await runCli(['posts', '--auth', '--yes'], { cwd: live().dir });
        expect(ambiguous.code).toBe(2);
        expect(ambiguous.stderr).toMatch(/authjs.*clerk.*supabase/s);
      }
      for (const args of run.generations) ok(args.join(' '), await runCli([...args, '--yes'], { cwd: live().dir }));
    });

    it(kit ? "passes the app's own check (svelte-kit sync && svelte-check)" : 'type-checks under strict (next typegen && tsc --noEmit)', async () => {
      ok('check', kit ? await live().script('check') : await live().script('typecheck'));
    });

    it("passes the app's own lint", async () => {
      ok('npm run lint', await live().script('lint'));
    });

    it("the generated handlers, the library's session function mocked: signed in 200/201, signed out 401, wrong role 403", async () => {
      for (const [path, text] of Object.entries(run.tests)) await live().writeFile(path, text);
      const files = Object.keys(run.tests);
      ok('vitest run (mocked sessions)', await live().test(kit ? ['--project', 'server', ...files] : files));
      // The test files type-check as the app's own code does (the check's other findings, if any,
      // are the generated files', which the check above reports).
      const checked = kit ? await live().script('check') : await live().run('tsc', ['--noEmit']);
      const findings = `${checked.stdout}\n${checked.stderr}`.split('\n').filter((line) => files.some((file) => line.includes(file)));
      expect(findings, 'type errors in the test files').toEqual([]);
    });

    it("passes the app's own Vitest run, with what the CLI generated", async () => {
      ok('vitest run', await live().test(kit ? ['--project', 'server'] : []));
    });
  });
}

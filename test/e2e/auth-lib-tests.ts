// What test/e2e/auth.test.ts does in the apps whose auth library cannot be
// served here (Auth.js, Clerk, Supabase): the CLI runs to make, and Vitest
// files written into the app that call the generated handlers with the
// library's session function replaced only where the app meets the library:
//   - next-auth: `vi.mock("@/auth")`, the app's own `auth()` (src/auth.ts);
//   - Clerk: `vi.mock("@clerk/nextjs/server")`'s `auth()`, which clerkMiddleware
//     would have fed from the session token;
//   - Supabase: `vi.mock("@supabase/ssr")`'s `createServerClient`, whose
//     `auth.getClaims()` answers the claims a verified access token carries
//     (`role: "authenticated"` at the top as Supabase puts it; the app's role in
//     `app_metadata`), plus `next/headers`' `cookies()`, which the app's own
//     server client (utils/supabase/server.ts) reads and which exists only
//     inside a request Next.js serves;
//   - @auth/sveltekit: `locals.auth()`, which SvelteKit hands the handler in
//     its event.
// Each file: signed in with the role 200/201, signed out 401, the wrong role
// 403 (with the JSON bodies of the contract), `writes`: GET public.
import type { AuthProvider } from './harness/index.js';

export interface AuthLibRun {
  /** A label for the describe block. */
  label: string;
  /** The app the run works in (a fresh working copy each). */
  app: 'next16-auth-libs' | 'sv-authjs';
  provider: AuthProvider;
  /** CLI runs (without --yes). */
  generations: string[][];
  /** Test files to write into the app: path → text. */
  tests: Record<string, string>;
}

const nextCommon = `
const base = "http://localhost";
const json = { "content-type": "application/json" };
const post = (path: string, body: unknown) =>
  new Request(base + path, { method: "POST", headers: json, body: JSON.stringify(body) });
const get = (path: string) => new Request(base + path);
`;

/** The same three cases for every Next.js provider: the session is set by \`signIn(role)\` / \`signOut()\`. */
function nextCases(extra: string): string {
  return `
describe("generated handlers behind the guard", () => {
  it("signed in with the role: GET 200, POST 201", async () => {
    signIn("admin");
    const created = await createTodo(post("/api/todos", { name: "first" }));
    expect(created.status).toBe(201);
    const listed = await listTodos(get("/api/todos"));
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ total: 1, items: [{ name: "first" }] });
  });

  it("signed in with a list of roles holding it: 200", async () => {
    signIn("editor,admin");
    expect((await listTodos(get("/api/todos"))).status).toBe(200);
  });

  it("signed out: 401 JSON, before the body is read", async () => {
    signOut();
    for (const response of [
      await listTodos(get("/api/todos")),
      await createTodo(post("/api/todos", { name: "intruder" })),
      await createTodo(new Request(base + "/api/todos", { method: "POST", headers: json, body: "{" })),
    ]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect(await response.json()).toEqual({ error: "Authentication required" });
    }
  });

  it("signed in without the role: 403 JSON", async () => {
    for (const role of ["member", undefined]) {
      signIn(role);
      for (const response of [await listTodos(get("/api/todos")), await createTodo(post("/api/todos", { name: "x" }))]) {
        expect(response.status).toBe(403);
        expect(response.headers.get("content-type")).toContain("application/json");
        expect(await response.json()).toEqual({ error: "Forbidden" });
      }
    }
  });
${extra}});
`;
}

/** --auth <provider>,writes on notes: reads public, writes need any session. */
const writesCase = `
  it("--auth writes: GET public signed out, POST 401 signed out and 201 signed in without a role", async () => {
    signOut();
    expect((await listNotes(get("/api/notes"))).status).toBe(200);
    const refused = await createNote(post("/api/notes", { name: "anonymous" }));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: "Authentication required" });
    signIn(undefined);
    expect((await createNote(post("/api/notes", { name: "signed in" }))).status).toBe(201);
  });
`;

const nextAuthTest = `import { describe, expect, it, vi } from "vitest";
import type { Session } from "next-auth";

const state = vi.hoisted(() => ({ session: null as unknown }));
vi.mock("@/auth", () => ({ auth: vi.fn(async () => state.session) }));

import { GET as listTodos, POST as createTodo } from "@/app/api/todos/route";
import { GET as listNotes, POST as createNote } from "@/app/api/notes/route";
${nextCommon}
function signIn(role: string | undefined) {
  const session: Session = {
    user: { id: "user-1", name: "Ada", email: "ada@example.com", ...(role === undefined ? {} : { role }) },
    expires: "2099-01-01T00:00:00.000Z",
  };
  state.session = session;
}
function signOut() {
  state.session = null;
}
${nextCases(writesCase)}`;

const clerkTest = `import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

const state = vi.hoisted(() => ({ userId: null as string | null, role: undefined as string | undefined }));
vi.mock("@clerk/nextjs/server", () => ({
  auth: vi.fn(async () => ({
    userId: state.userId,
    sessionId: state.userId === null ? null : "sess_1",
    sessionClaims:
      state.userId === null
        ? null
        : { sub: state.userId, sid: "sess_1", metadata: state.role === undefined ? {} : { role: state.role } },
  })),
}));

import { GET as listTodos, POST as createTodo } from "@/app/api/todos/route";
import { GET as download } from "@/app/api/files/[...path]/route";
${nextCommon}
function signIn(role: string | undefined) {
  state.userId = "user_2abc";
  state.role = role;
}
function signOut() {
  state.userId = null;
  state.role = undefined;
}
${nextCases(`
  it("download --auth: 200 signed in (any role), 401 signed out", async () => {
    mkdirSync("downloads", { recursive: true });
    writeFileSync("downloads/report.txt", "numbers");
    const context = () => ({ params: Promise.resolve({ path: ["report.txt"] }) });
    signIn(undefined);
    const served = await download(get("/api/files/report.txt"), context());
    expect(served.status).toBe(200);
    expect(await served.text()).toBe("numbers");
    signOut();
    const refused = await download(get("/api/files/report.txt"), context());
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: "Authentication required" });
  });
`)}`;

const supabaseTest = `import { describe, expect, it, vi } from "vitest";

const state = vi.hoisted(() => ({
  claims: null as Record<string, unknown> | null,
  cookiesSeen: [] as unknown[],
}));
// The request's cookies, as Next.js gives them to the app's server client inside a request.
vi.mock("next/headers", () => ({
  cookies: async () => ({
    getAll: () => [{ name: "sb-project-auth-token", value: "base64-session" }],
    set: () => {},
  }),
}));
vi.mock("@supabase/ssr", () => ({
  createServerClient: vi.fn((_url: string, _key: string, options: { cookies: { getAll(): unknown } }) => ({
    auth: {
      getClaims: async () => {
        state.cookiesSeen.push(await options.cookies.getAll());
        return state.claims === null
          ? { data: null, error: { name: "AuthSessionMissingError", message: "Auth session missing!", status: 400 } }
          : { data: { claims: state.claims, header: { alg: "ES256", typ: "JWT" }, signature: new Uint8Array(64) }, error: null };
      },
      getUser: async () => {
        state.cookiesSeen.push(await options.cookies.getAll());
        return state.claims === null
          ? { data: { user: null }, error: { name: "AuthSessionMissingError", message: "Auth session missing!", status: 400 } }
          : { data: { user: { id: state.claims.sub, app_metadata: state.claims.app_metadata, user_metadata: state.claims.user_metadata } }, error: null };
      },
    },
  })),
}));

import { GET as listTodos, POST as createTodo } from "@/app/api/todos/route";
import { GET as listNotes, POST as createNote } from "@/app/api/notes/route";
${nextCommon}
/** Claims as Supabase signs them: the Postgres role "authenticated" at the top, the app's role in app_metadata. */
function signIn(role: string | undefined, userMetadataRole?: string) {
  state.claims = {
    sub: "9f1c6a52-0000-4000-8000-000000000001",
    aud: "authenticated",
    role: "authenticated",
    email: "ada@example.com",
    app_metadata: { provider: "email", providers: ["email"], ...(role === undefined ? {} : { role }) },
    user_metadata: userMetadataRole === undefined ? {} : { role: userMetadataRole },
    is_anonymous: false,
  };
}
function signOut() {
  state.claims = null;
}
${nextCases(`${writesCase}
  it("reads the request's cookies through the server client", async () => {
    signIn("admin");
    state.cookiesSeen = [];
    await listTodos(get("/api/todos"));
    expect(state.cookiesSeen).toContainEqual([{ name: "sb-project-auth-token", value: "base64-session" }]);
  });

  it("a role the user can set (user_metadata) is no role: 403", async () => {
    signIn(undefined, "admin");
    expect((await listTodos(get("/api/todos"))).status).toBe(403);
  });
`)}`;

const svAuthjsTest = `import { describe, expect, it } from 'vitest';
import type { Session } from '@auth/sveltekit';
import { GET as listTodos, POST as createTodo } from '../../routes/api/todos/+server';
import { GET as listNotes, POST as createNote } from '../../routes/api/notes/+server';

let session: Session | null = null;

/**
 * The event SvelteKit passes a handler (its type taken from the handler called);
 * locals.auth() is what the handle of src/auth.ts sets.
 */
function event<Event>(method: string, path: string, body?: string): Event {
	const url = new URL('http://localhost' + path);
	const request = new Request(url, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body
	});
	return {
		request,
		url,
		params: {},
		route: { id: path },
		locals: { auth: async () => session },
		cookies: { get: () => undefined, getAll: () => [] },
		fetch,
		getClientAddress: () => '127.0.0.1',
		platform: undefined,
		setHeaders: () => {},
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false,
		tracing: { enabled: false, root: undefined, current: undefined }
	} as unknown as Event;
}

function signIn(role: string | undefined) {
	session = {
		user: { id: 'user-1', name: 'Ada', email: 'ada@example.com', ...(role === undefined ? {} : { role }) },
		expires: '2099-01-01T00:00:00.000Z'
	};
}
function signOut() {
	session = null;
}

describe('generated handlers behind locals.auth()', () => {
	it('signed in with the role: GET 200, POST 201', async () => {
		signIn('admin');
		expect((await createTodo(event('POST', '/api/todos', JSON.stringify({ name: 'first' })))).status).toBe(201);
		const listed = await listTodos(event('GET', '/api/todos'));
		expect(listed.status).toBe(200);
		expect(await listed.json()).toMatchObject({ total: 1, items: [{ name: 'first' }] });
		signIn('editor,admin');
		expect((await listTodos(event('GET', '/api/todos'))).status).toBe(200);
	});

	it('signed out: 401 JSON, before the body is read', async () => {
		signOut();
		for (const response of [
			await listTodos(event('GET', '/api/todos')),
			await createTodo(event('POST', '/api/todos', JSON.stringify({ name: 'intruder' }))),
			await createTodo(event('POST', '/api/todos', '{'))
		]) {
			expect(response.status).toBe(401);
			expect(response.headers.get('content-type')).toContain('application/json');
			expect(await response.json()).toEqual({ error: 'Authentication required' });
		}
	});

	it('signed in without the role: 403 JSON', async () => {
		for (const role of ['member', undefined]) {
			signIn(role);
			for (const response of [
				await listTodos(event('GET', '/api/todos')),
				await createTodo(event('POST', '/api/todos', JSON.stringify({ name: 'x' })))
			]) {
				expect(response.status).toBe(403);
				expect(await response.json()).toEqual({ error: 'Forbidden' });
			}
		}
	});

	it('--auth writes: GET public signed out, POST 401 signed out and 201 signed in without a role', async () => {
		signOut();
		expect((await listNotes(event('GET', '/api/notes'))).status).toBe(200);
		const refused = await createNote(event('POST', '/api/notes', JSON.stringify({ name: 'anonymous' })));
		expect(refused.status).toBe(401);
		expect(await refused.json()).toEqual({ error: 'Authentication required' });
		signIn(undefined);
		expect((await createNote(event('POST', '/api/notes', JSON.stringify({ name: 'signed in' })))).status).toBe(201);
	});
});
`;

export const authLibRuns: readonly AuthLibRun[] = [
  {
    label: 'next16-auth-libs: next-auth 5',
    app: 'next16-auth-libs',
    provider: 'authjs',
    generations: [
      ['todos', '--auth', 'authjs', '--role', 'admin'],
      ['notes', '--auth', 'authjs,writes'],
    ],
    tests: { 'auth-tests/authjs.test.ts': nextAuthTest },
  },
  {
    label: 'next16-auth-libs: Clerk',
    app: 'next16-auth-libs',
    provider: 'clerk',
    generations: [
      ['todos', '--auth', 'clerk', '--role', 'admin'],
      ['files', '--template', 'download', '--auth', 'clerk'],
    ],
    tests: { 'auth-tests/clerk.test.ts': clerkTest },
  },
  {
    label: 'next16-auth-libs: Supabase',
    app: 'next16-auth-libs',
    provider: 'supabase',
    generations: [
      ['todos', '--auth', 'supabase', '--role', 'admin'],
      ['notes', '--auth', 'supabase,writes'],
    ],
    tests: { 'auth-tests/supabase.test.ts': supabaseTest },
  },
  {
    label: 'sv-authjs: @auth/sveltekit',
    app: 'sv-authjs',
    provider: 'authjs',
    generations: [
      ['todos', '--auth', 'authjs', '--role', 'admin'],
      // The provider detected: @auth/sveltekit is the one library the app has.
      ['notes', '--auth', 'writes'],
    ],
    tests: { 'src/lib/auth-tests/authjs.test.ts': svAuthjsTest },
  },
];

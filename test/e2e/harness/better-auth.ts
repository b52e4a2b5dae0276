// A better-auth app (test/fixtures/scaffolds/sv-better-auth, next16-better-auth)
// served for real: its libsql database and better-auth's tables made offline by
// the app's own `drizzle-kit push`, its production server on 127.0.0.1, and its
// users signed up and signed in through better-auth's own endpoints
// (`/api/auth/sign-up/email`, `/api/auth/sign-in/email`), as a browser would.
// What a test needs beyond a signed-in user is done to the database directly, as
// an operator would: a role for the admin plugin's `user.role` column, a session
// whose `expires_at` is past. Forged cookies are made from a real one.
//
//   const app = await createBetterAuthApp('sv-better-auth');
//   await app.push(); await app.build(); const server = await app.start();
//   const admin = await app.signUp(server, 'admin');
//   await app.setRole(admin, 'admin');
//   await server.fetch('/api/todos', { headers: { cookie: admin.cookie } });
import { createHmac, randomBytes } from 'node:crypto';
import { createDatabaseApp, type DatabaseApp } from './database-app.js';
import { freePort, type BetterAuthAppName, type Server } from './index.js';

/** better-auth's session cookie over plain HTTP (`__Secure-` is prefixed only on HTTPS). */
export const SESSION_COOKIE = 'better-auth.session_token';

/** The secret every step of the app gets (better-auth refuses its default secret in production). */
const SECRET = `e2e-${randomBytes(24).toString('hex')}`;

export interface AuthUser {
  id: string;
  email: string;
  password: string;
  /** The session token, as stored in `session.token`. */
  token: string;
  /** `better-auth.session_token=<token>.<signature>` (URL-encoded as better-auth sets it), for a Cookie header. */
  cookie: string;
}

export interface BetterAuthApp extends DatabaseApp {
  /** Signs a new user up, then in, through better-auth's own endpoints; the cookie is the sign-in's. */
  signUp(server: Server, name: string): Promise<AuthUser>;
  /** Signs an existing user in again: a new session and cookie. */
  signIn(server: Server, user: Pick<AuthUser, 'email' | 'password'>): Promise<AuthUser>;
  /** Sets `user.role` (the admin plugin's column: one role, or several comma-separated); null clears it. */
  setRole(user: AuthUser, role: string | null): Promise<void>;
  /** Moves the session's `expires_at` into the past (the cookie itself is untouched and still correctly signed). */
  expireSession(user: AuthUser): Promise<void>;
  /** Cookies no one signed in for: a random token with a random signature, and the user's real token signed with another secret. */
  forgedCookies(user: AuthUser): { randomToken: string; tamperedSignature: string };
}

const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** The session cookie's value from a response's Set-Cookie headers. */
function sessionCookie(res: Response): string {
  for (const header of res.headers.getSetCookie()) {
    const pair = header.split(';', 1)[0]!;
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq) === SESSION_COOKIE && eq < pair.length - 1) return pair.slice(eq + 1);
  }
  throw new Error(`no ${SESSION_COOKIE} cookie in the answer (${res.status}); Set-Cookie: ${JSON.stringify(res.headers.getSetCookie())}`);
}

/** A cookie value `token.signature` signed as better-auth signs it (HMAC-SHA256, base64), URL-encoded. */
function signed(token: string, secret: string): string {
  return encodeURIComponent(`${token}.${createHmac('sha256', secret).update(token).digest('base64')}`);
}

export async function createBetterAuthApp(name: BetterAuthAppName): Promise<BetterAuthApp> {
  // Every step (push, build, servers) gets the secret. The server is told its own URL, as a
  // deployment is: sv's better-auth config takes `baseURL: env.ORIGIN`, which the harness sets for
  // adapter-node; better-auth on Next.js reads BETTER_AUTH_URL (without it, it guesses the URL
  // from the request, gets localhost, and refuses the sign-up's Origin).
  const db = await createDatabaseApp(name, { env: { BETTER_AUTH_SECRET: SECRET } });
  const start = async (extra: Record<string, string> = {}): Promise<Server> => {
    const port = await freePort();
    return db.start({ BETTER_AUTH_URL: `http://127.0.0.1:${port}`, ...extra }, port);
  };
  let users = 0;

  // better-auth limits sign-up and sign-in to 3 requests in 10 s per client IP, which it reads
  // from X-Forwarded-For (without it, every client shares one bucket): each call comes from a
  // client of its own, as users behind a proxy do.
  let clients = 0;
  const post = async (server: Server, path: string, body: unknown): Promise<Response> => {
    clients += 1;
    // Origin, as a browser sends it with a POST: better-auth refuses a POST without one.
    const headers = { 'content-type': 'application/json', origin: server.origin, 'x-forwarded-for': `10.77.${clients >> 8}.${clients & 255}` };
    const res = await server.fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}\n--- server output ---\n${server.output().slice(-4000)}`);
    return res;
  };

  const signIn = async (server: Server, user: Pick<AuthUser, 'email' | 'password'>): Promise<AuthUser> => {
    const res = await post(server, '/api/auth/sign-in/email', { email: user.email, password: user.password });
    const body = (await res.json()) as { token: string; user: { id: string } };
    const value = sessionCookie(res);
    const token = decodeURIComponent(value).split('.')[0]!;
    if (token !== body.token) throw new Error(`sign-in: the cookie's token ${token} is not the session's ${body.token}`);
    return { id: body.user.id, email: user.email, password: user.password, token, cookie: `${SESSION_COOKIE}=${value}` };
  };

  return {
    ...db,
    start,
    async restart(server) {
      await server.stop();
      return start();
    },
    async signUp(server, label) {
      users += 1;
      const email = `${label.replace(/\W/g, '-')}-${users}-${randomBytes(3).toString('hex')}@example.com`;
      const password = `pw-${randomBytes(9).toString('base64url')}`;
      await post(server, '/api/auth/sign-up/email', { email, password, name: label });
      return signIn(server, { email, password });
    },
    signIn,
    async setRole(user, role) {
      await db.query(`update "user" set role = ${role === null ? 'null' : sqlString(role)} where id = ${sqlString(user.id)}`);
      const [row] = await db.query(`select role from "user" where id = ${sqlString(user.id)}`);
      if (row?.role !== role) throw new Error(`setRole: user ${user.id} has role ${String(row?.role)}, not ${role}`);
    },
    async expireSession(user) {
      await db.query(`update session set expires_at = ${Date.now() - 60 * 60_000} where token = ${sqlString(user.token)}`);
      const [row] = await db.query(`select expires_at from session where token = ${sqlString(user.token)}`);
      if (!(Number(row?.expires_at) < Date.now())) throw new Error(`expireSession: session of ${user.email} not found or not expired`);
    },
    forgedCookies(user) {
      return {
        randomToken: `${SESSION_COOKIE}=${signed(randomBytes(24).toString('base64url').slice(0, 32), randomBytes(32).toString('hex'))}`,
        tamperedSignature: `${SESSION_COOKIE}=${signed(user.token, `not-${SECRET}`)}`,
      };
    },
  };
}

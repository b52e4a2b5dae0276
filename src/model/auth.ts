import { UsageError } from '../util/errors.js';

/** The auth set-ups a guard is written for: a library, or SvelteKit's `locals.user` filled by the project's own hook. */
export const authProviders = ['better-auth', 'authjs', 'clerk', 'supabase', 'locals'] as const;
export type AuthProvider = (typeof authProviders)[number];

/** Which methods a guard protects: every one, or the writes only (reads stay public). */
export type AuthScope = 'all' | 'writes';

/** `--auth [spec]` and `--role <name>`, parsed: the provider is detected when not named. */
export interface AuthRequest {
  provider?: AuthProvider;
  scope: AuthScope;
  /** 403 unless the signed-in user has this role. */
  role?: string;
}

const readMethods = new Set(['GET', 'HEAD']);

/**
 * Whether a guard of this scope protects a method. A CORS preflight never
 * is: browsers send it without credentials, so a guarded one would fail
 * every cross-origin call before it starts.
 */
export function guardsMethod(scope: AuthScope, method: string): boolean {
  if (method === 'OPTIONS') return false;
  return scope === 'all' || !readMethods.has(method);
}

/**
 * `--auth` (true: detect), `--auth clerk`, `--auth writes`, `--auth better-auth,writes`;
 * undefined without the flag. `--role` alone is refused: it means nothing without a guard.
 */
export function parseAuth(auth: unknown, role: unknown): AuthRequest | undefined {
  if (auth === undefined || auth === false) {
    if (role !== undefined) throw new UsageError('--role needs --auth: the role is checked on the signed-in user.', 'Add --auth (or --auth <provider>).');
    return undefined;
  }
  const words = auth === true ? [] : String(auth).split(',').map((w) => w.trim()).filter(Boolean);
  const request: AuthRequest = { scope: 'all' };
  for (const word of words) {
    if (word === 'writes' || word === 'all') {
      request.scope = word;
      continue;
    }
    const provider = authProviders.find((p) => p === word);
    if (provider === undefined) throw new UsageError(`--auth: "${word}" is neither a provider (${authProviders.join(', ')}) nor writes.`);
    if (request.provider !== undefined && request.provider !== provider) throw new UsageError(`--auth names two providers, ${request.provider} and ${provider}; a route is guarded by one.`);
    request.provider = provider;
  }
  if (role !== undefined) request.role = parseRole(role);
  return request;
}

/** A role as auth libraries store them: `admin`, `billing:write`, `org-owner`. */
function parseRole(value: unknown): string {
  const role = typeof value === 'string' ? value.trim() : '';
  if (!/^[A-Za-z][\w:.-]{0,23}$/.test(role)) throw new UsageError(`--role: "${String(value)}" is not a role name such as admin or billing:write (a letter, then up to 23 letters, digits, _ : . -).`);
  return role;
}

/** The words that give this request in a replayed command line. */
export function replayAuth(request: AuthRequest | undefined): string[] {
  if (request === undefined) return [];
  const spec = [request.provider, request.scope === 'writes' ? 'writes' : undefined].filter((w): w is string => w !== undefined);
  return [...(spec.length > 0 ? ['--auth', spec.join(',')] : ['--auth']), ...(request.role !== undefined ? ['--role', request.role] : [])];
}

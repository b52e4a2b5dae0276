import { guardsMethod, type AuthProvider, type AuthRequest } from '../model/auth.js';
import { readAuthSetup, type AuthSetup, type ProjectExport } from '../project/auth.js';
import { dependencyVersion } from '../project/package-json.js';
import { UsageError } from '../util/errors.js';
import type { GeneratorInput } from './generator.js';
import { serverModuleFile } from './server-module.js';

// The guard of `--auth`: one module of the project's (auth-guard.ts) that
// answers who is signed in through the project's own auth library, and a
// call at the top of every guarded handler that returns its 401/403 before
// the handler reads anything. In the handler, not in middleware: Next.js 16
// renamed middleware to proxy.ts, and CVE-2025-29927 let requests skip
// middleware-only checks.

/** A run's guard: which library, where its module goes, what the handlers pass it. */
export interface AuthGuard {
  provider: AuthProvider;
  request: AuthRequest;
  /** The guard module's path and template. */
  file: string;
  template: string;
  /** What a handler hands the guard: its Request (better-auth on Next.js), SvelteKit's locals, or nothing (the library reads the request itself). */
  takes: 'request' | 'locals' | 'nothing';
  /** The project module the guard imports (better-auth's instance, Auth.js's auth, Supabase's createClient). */
  imports: ProjectExport | null;
  /** Template locals beyond the import. */
  locals: Record<string, unknown>;
}

/**
 * The run's guard, null without --auth; a UsageError for a provider the
 * project cannot have guarded. Read anew at each call (a few small files):
 * the same request may be planned again after the project changed.
 */
export function resolveAuth(input: Pick<GeneratorInput, 'auth' | 'project' | 'style'>): AuthGuard | null {
  const request = input.auth;
  if (request === undefined) return null;
  return guardFor(input, request, readAuthSetup(input.project.root, input.project.packageJson));
}

/** Whether a handler of this method is guarded in this run. */
export function guards(guard: AuthGuard | null, method: string): guard is AuthGuard {
  return guard !== null && guardsMethod(guard.request.scope, method);
}

function guardFor(input: Pick<GeneratorInput, 'project' | 'style'>, request: AuthRequest, setup: AuthSetup): AuthGuard {
  const next = input.style.name === 'next';
  const provider = request.provider ?? detect(setup, next);
  if (request.provider !== undefined && provider !== 'locals' && !setup.installed.includes(provider)) {
    throw new UsageError(`--auth ${provider}: this project's package.json does not depend on ${packageOf(provider, next)}.`, 'Install it first, or leave the provider out to detect the one the project has.');
  }
  const file = serverModuleFile(input, 'auth-guard');
  const base = { provider, request, file };
  if (!next) {
    if (provider === 'clerk') throw new UsageError('--auth clerk: Clerk is guarded on Next.js only; on SvelteKit, set locals.user from your Clerk hook and use --auth locals.');
    if (provider === 'authjs') return { ...base, template: 'auth/authjs.sveltekit.ts.ejs', takes: 'locals', imports: null, locals: {} };
    // better-auth (sv add better-auth), Supabase's SvelteKit guide and any hook of the project's own all set locals.user.
    return { ...base, template: 'auth/locals.sveltekit.ts.ejs', takes: 'locals', imports: null, locals: { library: provider } };
  }
  switch (provider) {
    case 'locals':
      throw new UsageError('--auth locals: Next.js has no locals; name the auth library (better-auth, authjs, clerk, supabase).');
    case 'better-auth':
      return { ...base, template: 'auth/better-auth.next.ts.ejs', takes: 'request', imports: projectModule(setup, 'better-auth', 'the better-auth instance (export const auth = betterAuth(…))'), locals: {} };
    case 'authjs': {
      const major = setup.major('authjs');
      if (major !== null && major < 5) throw new UsageError(`--auth authjs: next-auth ${major} is not supported; the guard calls Auth.js v5's auth().`, 'Upgrade to next-auth@5 (Auth.js), or guard the route by hand with getServerSession.');
      return { ...base, template: 'auth/authjs.next.ts.ejs', takes: 'nothing', imports: projectModule(setup, 'authjs', 'Auth.js (export const { auth, handlers } = NextAuth(…))'), locals: {} };
    }
    case 'clerk': {
      const major = setup.major('clerk');
      if (major !== null && major < 5) throw new UsageError(`--auth clerk: @clerk/nextjs ${major} is not supported; the guard needs auth() from @clerk/nextjs/server (v5 and later).`);
      // auth() became async in @clerk/nextjs 6.
      return { ...base, template: 'auth/clerk.next.ts.ejs', takes: 'nothing', imports: null, locals: { awaitAuth: major === null || major >= 6 } };
    }
    case 'supabase': {
      // getClaims() verifies the token's signature itself (auth-js 2.71); before it, getUser() asks Supabase Auth.
      const authJs = dependencyVersion(input.project.root, null, '@supabase/auth-js');
      const claims = authJs !== null && (authJs.major > 2 || (authJs.major === 2 && authJs.minor >= 71));
      return { ...base, template: 'auth/supabase.next.ts.ejs', takes: 'nothing', imports: projectModule(setup, 'supabase', 'a server client (export async function createClient())'), locals: { claims } };
    }
  }
}

/** The one library the project has, for a bare --auth. */
function detect(setup: AuthSetup, next: boolean): AuthProvider {
  const [only, ...others] = setup.installed;
  if (others.length > 0) throw new UsageError(`--auth: this project has ${setup.installed.join(' and ')}; name the one that guards these endpoints (--auth ${only}).`);
  if (only !== undefined) return only;
  if (!next) return 'locals';
  throw new UsageError('--auth: this project depends on no auth library create-endpoint knows (better-auth, next-auth, @clerk/nextjs, @supabase/ssr).', 'Install one and set it up, then run again.');
}

function projectModule(setup: AuthSetup, provider: 'better-auth' | 'authjs' | 'supabase', what: string): ProjectExport {
  const found = setup.projectExport(provider);
  if (found === null) throw new UsageError(`--auth ${provider}: no module exports ${what} where its docs put it.`, 'Set the library up as its docs show (e.g. lib/auth.ts, auth.ts, utils/supabase/server.ts), then run again.');
  return found;
}

function packageOf(provider: AuthProvider, next: boolean): string {
  const names: Record<AuthProvider, string> = { 'better-auth': 'better-auth', authjs: next ? 'next-auth' : '@auth/sveltekit', clerk: '@clerk/nextjs', supabase: '@supabase/ssr', locals: '' };
  return names[provider];
}

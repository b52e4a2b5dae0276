import type { HandlerSyntax } from '../frameworks/handler-syntax.js';
import { readAuthSetup } from '../project/auth.js';
import { guard as guardLine } from '../render/layout.js';
import { guards, resolveAuth, type AuthGuard } from './auth.js';
import type { GeneratorInput } from './generator.js';
import type { RenderedModule } from './rendered.js';

export { resolveAuth };

type AuthInput = Pick<GeneratorInput, 'auth' | 'project' | 'style' | 'templates'>;

/** What app-locals.ts declares on App.Locals; here too, so that the report does not load the AST patcher. */
const localsUserType = 'user?: { id: string; role?: string };';

/** The name the guard module exports and every guarded handler calls. */
export const guardFunction = 'requireUser';

/**
 * A route's handler syntax with the guard at the top of every guarded
 * handler: it takes what the guard needs (the request, SvelteKit's locals)
 * and returns the refusal before the body runs. `refusal` wraps the response
 * where the route adds headers to all its answers (CORS).
 */
export function withGuard(route: HandlerSyntax, guard: AuthGuard | null, importGuard: () => string, refusal: (response: string) => string = (r) => r): HandlerSyntax {
  if (guard === null) return route;
  return {
    open(method, uses) {
      if (!guards(guard, method)) return route.open(method, uses);
      const takes = guard.takes === 'nothing' ? [] : [guard.takes];
      const opening = route.open(method, [...new Set([...uses, ...takes])]);
      const args = [...takes, ...(guard.request.role === undefined ? [] : [JSON.stringify(guard.request.role)])];
      return [opening, `  const access = await ${importGuard()}(${args.join(', ')});`, guardLine('  ', 'access.ok === false', `return ${refusal('access.response')};`)].join('\n');
    },
    close: () => route.close(),
    param: (name) => route.param(name),
    url: route.url,
    // A getter, as the route's own: reading it may import the JSON helper.
    get json() {
      return route.json;
    },
  };
}

/** The guard module, and the `App.Locals` declaration a locals guard needs when src/app.d.ts lacks it. */
export async function authFiles(input: AuthInput): Promise<RenderedModule[]> {
  const guard = resolveAuth(input);
  if (guard === null) return [];
  const { project, style, templates } = input;
  const specifier = guard.imports ? style.importSpecifier(project, guard.file, guard.imports.file) : '';
  const locals = { bearer: guard.provider === 'clerk', exportName: guard.imports?.name ?? '', specifier, library: guard.provider, ...guard.locals };
  const module: RenderedModule = { kind: 'module', path: guard.file, text: await templates.render(guard.template, locals), prettierLayout: false };
  const declaration = await localsDeclaration(input, guard);
  if (declaration === null) return [module];
  return [{ ...module, requires: [declaration.path] }, declaration];
}

/** src/app.d.ts with `user` on App.Locals, for a guard reading locals.user where nothing declares it; null when declared. */
async function localsDeclaration(input: Omit<AuthInput, 'templates'>, guard: AuthGuard): Promise<RenderedModule | null> {
  if (guard.template !== 'auth/locals.sveltekit.ts.ejs') return null;
  const locals = readAuthSetup(input.project.root, input.project.packageJson).appLocals();
  if (locals.members.includes('user')) return null;
  // Loaded here: the AST patcher (TypeScript) is for the runs that declare App.Locals' user, not for every run.
  const { declareLocalsUser } = await import('../patch/app-locals.js');
  const text = declareLocalsUser(locals.text);
  if (text === null) return null;
  return locals.text === null ? { kind: 'module', path: locals.file, text, prettierLayout: false } : { kind: 'module', path: locals.file, text, insertedInto: locals.text };
}

/** What the report says of the guard: which library, what it checks, what the user must set up. */
export async function authNotes(input: Omit<AuthInput, 'templates'>): Promise<string[]> {
  const guard = resolveAuth(input);
  if (guard === null) return [];
  const { request } = guard;
  const which = request.scope === 'writes' ? 'the POST, PUT, PATCH and DELETE handlers (GET and HEAD stay public)' : 'every handler (but a CORS preflight)';
  const role = request.role === undefined ? '' : `, and 403 unless the user has the role ${request.role} (${roleSource(guard)})`;
  const notes = [`--auth ${guard.provider}: ${which} answers 401 without a signed-in user${role}; requireUser in ${guard.file} decides, and is yours to edit.`];
  if (guard.takes === 'locals' && guard.provider !== 'authjs') {
    const declaration = await localsDeclaration(input, guard);
    notes.push(`locals.user must be set by your handle hook in src/hooks.server.ts for each request${declaration ? `; src/app.d.ts now declares it on App.Locals (${localsUserType}): change its type to your user's` : ''}.`);
  }
  if (guard.provider === 'clerk') notes.push('Clerk: clerkMiddleware() must run for these routes (its matcher in proxy.ts or middleware.ts must include them), or auth() throws.');
  notes.push('No Vitest file was written for the guarded endpoints: they need a signed-in user of your auth library to answer.');
  return notes;
}

function roleSource(guard: AuthGuard): string {
  switch (guard.provider) {
    case 'clerk':
      return "the session token's metadata.role";
    case 'supabase':
      return guard.takes === 'locals' ? 'locals.user.role' : 'app_metadata.role';
    case 'authjs':
      return 'session.user.role, which your session callback must set';
    default:
      return guard.takes === 'locals' ? 'locals.user.role' : "user.role, as better-auth's admin plugin sets it";
  }
}

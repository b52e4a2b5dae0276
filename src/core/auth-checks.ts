import { guards, type AuthGuard } from '../generators/auth.js';
import type { Plan } from './plan.js';
import type { TemplateName } from '../generators/registry.js';
import { UsageError } from '../util/errors.js';

/**
 * Handlers a run with --auth kept as they were (a later run never rewrites an
 * existing handler) are not guarded by it: a warning names each one whose
 * file calls no requireUser, rather than a report that reads as if the route
 * were now protected.
 */
export function warnKeptUnguarded(plan: Plan, guard: AuthGuard | null): void {
  if (guard === null) return;
  for (const file of plan.files) {
    const kept = (file.skipped ?? []).filter((method) => guards(guard, method));
    if (kept.length === 0 || /\brequireUser\s*\(/.test(file.before ?? '')) continue;
    plan.problems.push({
      level: 'warning',
      file: file.path,
      message: `${kept.join(', ')} in ${file.path} ${kept.length > 1 ? 'were' : 'was'} kept as ${kept.length > 1 ? 'they were' : 'it was'}, without the --auth guard: check the session there yourself, or call requireUser from ${guard.file} at the top, as the new handlers do.`,
    });
  }
}

/** Webhooks authenticate by their signature: a session guard would refuse every delivery. */
export function refuseAuthOnWebhooks(options: { template?: TemplateName | undefined; auth?: unknown }): void {
  if (options.auth !== undefined && options.template === 'webhook') {
    throw new UsageError('--auth does not apply to webhooks: a provider signs each delivery, and the route checks that signature; it sends no user session.');
  }
}

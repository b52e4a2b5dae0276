import { planPatchedFile, planWholeFile, resolveInsideRoot, type Plan, type PlannedFile } from './plan.js';
import { readTextOrNull } from './project/files.js';

/**
 * Plans a module the generator writes beside the routes (a shared helper, a
 * resource's module, a policy, a Vitest file). It is written once; from then
 * on it is the user's. A later run that renders it otherwise (the user edited
 * it, a Prettier config or zod came later, another resource needs one more
 * helper) never stops on it and never rewrites it: it only adds, through the
 * AST, the top-level declarations the module lacks. `--force` still writes
 * the fresh render over it.
 */
export async function planModuleFile(plan: Plan, path: string, text: string, force: boolean): Promise<PlannedFile> {
  const before = readTextOrNull(resolveInsideRoot(plan.root, path));
  if (force || before === null || before === text) return planWholeFile(plan, path, text, force);
  const { addMissingDeclarations } = await import('./patch/merge-module.js');
  const { RouteFileSyntaxError } = await import('./patch/errors.js');
  let merged: { text: string; added: string[] };
  try {
    merged = addMissingDeclarations(before, text, path);
  } catch (error) {
    if (!(error instanceof RouteFileSyntaxError)) throw error;
    plan.problems.push({
      level: 'warning',
      file: path,
      message: `${path}:${error.line}:${error.column} does not parse (${error.detail}); it was kept as it is, so anything this run needs from it must already be there.`,
    });
    merged = { text: before, added: [] };
  }
  const file = planPatchedFile(plan, path, before, merged.text);
  if (merged.added.length > 0) file.added = merged.added;
  else file.reason = 'kept: yours since it was written (--force writes a fresh one over it)';
  return file;
}

import { planPatchedFile, planWholeFile, resolveInsideRoot, type Plan, type PlannedFile } from './plan.js';
import { readTextOrNull } from '../util/files.js';

/**
 * Plans a module the generator writes beside the routes (a shared helper, a
 * resource's module, a policy, a Vitest file). It is written once; from then
 * on it is the user's. A later run that renders it otherwise (the user edited
 * it, a Prettier config or zod came later) never stops on it and never
 * rewrites it. A shared helper gains, through the AST, the top-level
 * declarations it lacks, which the new resource may need (zod's helpers once
 * zod is installed); a resource's own module is kept as it is. `--force`
 * still writes the fresh render over either.
 */
export async function planModuleFile(plan: Plan, path: string, text: string, options: { force: boolean; perResource: boolean }): Promise<PlannedFile> {
  const { force } = options;
  const before = readTextOrNull(resolveInsideRoot(plan.root, path));
  if (force || before === null || before === text) return planWholeFile(plan, path, text, force);
  if (options.perResource) return keep(planPatchedFile(plan, path, before, before));
  const { addMissingDeclarations } = await import('../patch/merge-module.js');
  const { RouteFileSyntaxError } = await import('../patch/errors.js');
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
  else keep(file);
  return file;
}

function keep(file: PlannedFile): PlannedFile {
  file.reason = 'kept: yours since it was written (--force writes a fresh one over it)';
  return file;
}

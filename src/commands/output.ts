import { ExitCode } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { applyPlan, changes, conflicts, planDiff, type Plan, type PlannedFile } from '../core/plan.js';
import type { OutputFlags } from './flags.js';

export interface RunSummary {
  /** What the run was about, for the report's first line. */
  title: string;
  /** Extra fields for the --json document. */
  details?: Record<string, unknown>;
}

/**
 * Shows or applies a plan, as the flags ask: --json, --dry-run and --check
 * are views of the same plan. Returns the exit code.
 */
export async function finishPlan(plan: Plan, flags: OutputFlags, logger: Logger, summary: RunSummary): Promise<number> {
  const blocked = conflicts(plan);
  const pending = changes(plan);
  const willWrite = !flags.dryRun && !flags.check && blocked.length === 0 && pending.length > 0;
  if (blocked.length > 0) {
    for (const file of blocked) plan.problems.push({ level: 'error', file: file.path, message: `${file.path} ${file.reason}` });
  }
  if (willWrite) applyPlan(plan);

  const exitCode = blocked.length > 0 || (flags.check && pending.length > 0) ? ExitCode.failed : ExitCode.ok;
  if (flags.json) {
    logger.out(JSON.stringify(jsonDocument(plan, flags, summary, exitCode, willWrite), null, 2));
    return exitCode;
  }
  if (flags.dryRun) {
    const diff = await planDiff(plan);
    if (diff) logger.out(diff);
  }
  report(plan, flags, logger, summary, willWrite);
  return exitCode;
}

function jsonDocument(plan: Plan, flags: OutputFlags, summary: RunSummary, exitCode: number, written: boolean) {
  return {
    ok: exitCode === ExitCode.ok,
    written,
    dryRun: Boolean(flags.dryRun),
    check: Boolean(flags.check),
    root: plan.root,
    ...summary.details,
    files: plan.files.map((f) => ({
      path: f.path,
      action: f.action,
      ...(f.added ? { added: f.added, skipped: f.skipped } : {}),
      ...(f.wrapped ? { wrapped: f.wrapped, unwrapped: f.unwrapped } : {}),
      ...(f.reason ? { reason: f.reason } : {}),
    })),
    problems: plan.problems,
    nextSteps: plan.nextSteps,
  };
}

const actionLabel = { create: 'created', update: 'updated', unchanged: 'unchanged', conflict: 'conflict' } as const;
const plannedLabel = { create: 'would create', update: 'would update', unchanged: 'unchanged', conflict: 'conflict' } as const;

function report(plan: Plan, flags: OutputFlags, logger: Logger, summary: RunSummary, written: boolean): void {
  logger.info(summary.title);
  const labels = written ? actionLabel : plannedLabel;
  const width = Math.max(...plan.files.map((f) => labels[f.action].length));
  for (const file of plan.files) {
    const methods = file.added?.length || file.skipped?.length || file.wrapped?.length ? `  ${describeMethods(file)}` : '';
    const kept = file.action !== 'conflict' && file.reason ? `  (${file.reason})` : '';
    logger.info(`  ${labels[file.action].padEnd(width)}  ${file.path}${methods}${kept}`);
  }
  for (const problem of plan.problems) {
    if (problem.level === 'error') logger.error(problem.message);
    else logger.warn(problem.message);
  }
  const pending = changes(plan).length;
  if (conflicts(plan).length > 0) {
    logger.info('Nothing was written. Resolve the conflicts, or run again with --force to overwrite those files.');
  } else if (flags.check) {
    logger.info(pending > 0 ? `${pending} file(s) would change.` : 'Up to date: nothing would change.');
  } else if (flags.dryRun) {
    logger.info(pending > 0 ? 'Dry run: nothing was written.' : 'Nothing to do: every file is up to date.');
  } else if (!written) {
    logger.info('Nothing to do: every file is up to date.');
  } else {
    for (const step of plan.nextSteps) logger.info(step);
  }
}

function describeMethods({ added = [], skipped = [], wrapped = [] }: PlannedFile): string {
  const parts = [];
  if (added.length) parts.push(added.join(', '));
  if (skipped.length) parts.push(`(kept ${skipped.join(', ')})`);
  if (wrapped.length) parts.push(`(responses of ${wrapped.join(', ')} wrapped)`);
  return parts.join(' ');
}

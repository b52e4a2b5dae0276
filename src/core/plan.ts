import { chmodSync, mkdirSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FailedError, UsageError } from '../util/errors.js';
import { isDirectory, readTextOrNull } from '../util/files.js';

export type FileAction = 'create' | 'update' | 'unchanged' | 'conflict';

export interface PlannedFile {
  /** Relative to the project root, with "/" separators. */
  path: string;
  action: FileAction;
  /** The file on disk when planned; null when it does not exist. */
  before: string | null;
  /** What the file would hold after the run. */
  after: string;
  /** Why a file is a conflict. */
  reason?: string;
  /** Methods added to and left alone in a route file. */
  added?: string[];
  skipped?: string[];
  /** Methods of the route file whose responses were wrapped, and those that could not be, with why. */
  wrapped?: string[];
  unwrapped?: { method: string; reason: string }[];
}

export interface Problem {
  level: 'error' | 'warning';
  message: string;
  file?: string;
}

/** Everything a run would do, computed without writing: apply it, or show it. */
export interface Plan {
  root: string;
  files: PlannedFile[];
  problems: Problem[];
  /** What the user may want to do next. */
  nextSteps: string[];
}

export function emptyPlan(root: string): Plan {
  return { root, files: [], problems: [], nextSteps: [] };
}

/**
 * Adds a whole file the generator owns. A file that exists with other content
 * is a conflict unless `force`; one with the same content is left unchanged.
 */
export function planWholeFile(plan: Plan, path: string, after: string, force: boolean): PlannedFile {
  const absolute = resolveInsideRoot(plan.root, path);
  const existing = plan.files.find((f) => f.path === path);
  if (existing) {
    if (existing.after !== after) throw new FailedError(`Two parts of this run would write different content to ${path}.`);
    return existing;
  }
  const before = readTextOrNull(absolute);
  const file: PlannedFile = { path, before, after, action: actionFor(before, after, force) };
  if (file.action === 'conflict') file.reason = 'exists with other content (use --force to overwrite it)';
  plan.files.push(file);
  return file;
}

/** Adds a file whose new content was computed from its current content (a patch). */
export function planPatchedFile(plan: Plan, path: string, before: string, after: string, methods?: Pick<PlannedFile, 'added' | 'skipped' | 'wrapped' | 'unwrapped'>): PlannedFile {
  resolveInsideRoot(plan.root, path);
  const existing = plan.files.find((f) => f.path === path);
  if (existing) {
    // A later part that changed what an earlier part planned (two tables
    // into one schema) takes its place.
    if (existing.after === before && existing.before !== null) {
      existing.after = after;
      existing.action = existing.before === after ? 'unchanged' : 'update';
      return existing;
    }
    if (existing.after !== after) {
      throw new FailedError(`Two parts of this run would change ${path} differently; nothing was written.`, 'Run them one at a time.');
    }
    return existing;
  }
  const file: PlannedFile = { path, before, after, action: before === after ? 'unchanged' : 'update', ...methods };
  plan.files.push(file);
  return file;
}

function actionFor(before: string | null, after: string, force: boolean): FileAction {
  if (before === null) return 'create';
  if (before === after) return 'unchanged';
  return force ? 'update' : 'conflict';
}

export function conflicts(plan: Plan): PlannedFile[] {
  return plan.files.filter((f) => f.action === 'conflict');
}

export function changes(plan: Plan): PlannedFile[] {
  return plan.files.filter((f) => f.action === 'create' || f.action === 'update');
}

/**
 * The absolute path of a project file, refusing any path that would leave
 * the project root, through `..` or through a symbolic link.
 */
export function resolveInsideRoot(root: string, path: string): string {
  if (isAbsolute(path)) throw new UsageError(`Refusing to write ${path}: it is outside the project.`);
  const absolute = resolve(root, path);
  const rel = relative(root, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`Refusing to write ${path}: it is outside the project.`);
  const realRoot = realpathOrSelf(root);
  let ancestor = dirname(absolute);
  while (isDirectory(ancestor) === false && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  const realAncestor = realpathOrSelf(ancestor);
  if (realAncestor !== realRoot && !realAncestor.startsWith(realRoot + sep)) {
    throw new UsageError(`Refusing to write ${path}: a symbolic link leads outside the project.`);
  }
  return absolute;
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A unified diff of every change in the plan. */
export async function planDiff(plan: Plan): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  return changes(plan)
    .map((f) =>
      createTwoFilesPatch(f.before === null ? '/dev/null' : `a/${f.path}`, `b/${f.path}`, f.before ?? '', f.after, undefined, undefined, {
        context: 3,
      }).replace(/^=+\n/, ''),
    )
    .join('');
}

/**
 * Writes the plan all or nothing: every new content goes to a temporary
 * sibling first, and only when all are written are they renamed into place.
 * If anything fails, files already renamed get their old content back and new
 * files and folders are removed, so the project is left as it was.
 */
export function applyPlan(plan: Plan): void {
  const pending = changes(plan);
  for (const file of pending) {
    if (readTextOrNull(join(plan.root, file.path)) !== file.before) {
      throw new FailedError(`${file.path} changed while this run was planning; nothing was written.`, 'Run the command again.');
    }
  }
  const createdDirs: string[] = [];
  const staged: { file: PlannedFile; absolute: string; temp: string }[] = [];
  const renamed: { file: PlannedFile; absolute: string }[] = [];
  try {
    for (const file of pending) {
      const absolute = resolveInsideRoot(plan.root, file.path);
      makeDirs(dirname(absolute), createdDirs);
      const temp = `${absolute}.${tempSuffix()}.tmp`;
      writeFileSync(temp, file.after, { flag: 'wx' });
      staged.push({ file, absolute, temp });
      if (file.before !== null) chmodSync(temp, statSync(absolute).mode);
    }
    for (const { file, absolute, temp } of staged) {
      renameSync(temp, absolute);
      renamed.push({ file, absolute });
    }
  } catch (error) {
    rollBack(staged, renamed, createdDirs);
    throw new FailedError(`Could not write the changes, so none were kept: ${(error as Error).message}`);
  }
}

function makeDirs(dir: string, created: string[]): void {
  const missing: string[] = [];
  for (let d = dir; !isDirectory(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    mkdirSync(d);
    created.push(d);
  }
}

function rollBack(
  staged: { temp: string }[],
  renamed: { file: PlannedFile; absolute: string }[],
  createdDirs: string[],
): void {
  for (const { temp } of staged) rmSync(temp, { force: true });
  for (const { file, absolute } of renamed) {
    try {
      if (file.before === null) unlinkSync(absolute);
      else writeFileSync(absolute, file.before);
    } catch {
      // Best effort: keep restoring the others.
    }
  }
  for (const dir of [...createdDirs].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty or already gone.
    }
  }
}

/**
 * Eight random hex digits for a staged file's name. Not node:crypto: loading
 * it costs a few ms of every run, and the name need not be unpredictable,
 * only unlikely to be taken (the write uses `wx`, so a taken name fails
 * rather than overwrites).
 */
function tempSuffix(): string {
  return Math.floor(Math.random() * 0x100000000)
    .toString(16)
    .padStart(8, '0');
}

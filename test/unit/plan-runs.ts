// Runs planned in process, as the CLI would plan them: the helpers of the
// planner-level tests (test/unit/*-plan.test.ts).
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { templateOptionsFrom } from '../../src/generators/registry.js';
import { formatFile } from '../../src/render/format.js';
import { applyPlan, changes, conflicts, detectProject, findRouteFile, parseFields, planAdd, planGeneration, withStyle, type StyleName, type TemplateName } from '../../src/index.js';
import { snapshotTree } from '../cli/run-cli.js';
import type { AuthRequest } from '../../src/model/auth.js';

/** One run, as the CLI would make it: `flags` are the template options as commander gives them (`--dir` is `dir`). */
export interface Run {
  resources: string[];
  template?: TemplateName;
  methods?: string[];
  base?: string;
  param?: string;
  /** `--fields`, as the CLI takes it. */
  fields?: string;
  /** false: `--no-format`. */
  format?: boolean;
  /** `--style`, for a project whose package.json names no framework. */
  style?: StyleName;
  /** `--lang`: the language to write, over the project's. */
  lang?: 'ts' | 'js';
  singular?: string;
  force?: boolean;
  /** `--auth`/`--role`, parsed. */
  auth?: AuthRequest;
  flags?: Record<string, unknown>;
}

/** Plans a run in the project at `dir`, in the framework it depends on, with the CLI's defaults for what the run leaves out. */
export function planRun(dir: string, run: Run) {
  const detected = detectProject(undefined, dir);
  // As the CLI takes --lang: the project's language set from it.
  const project = withStyle(run.lang === undefined ? detected : { ...detected, typescript: run.lang === 'ts' }, run.style ?? detected.detectedStyles[0]!);
  return planGeneration({
    ...templateOptionsFrom(run.flags ?? {}),
    project,
    resources: run.resources,
    template: run.template ?? 'crud',
    ...(run.methods ? { methods: run.methods } : {}),
    ...(run.base !== undefined ? { base: run.base } : {}),
    ...(run.param !== undefined ? { param: run.param } : {}),
    ...(run.fields !== undefined ? { fields: parseFields(run.fields), fieldsGiven: true } : {}),
    ...(run.format !== undefined ? { format: run.format } : {}),
    ...(run.lang !== undefined ? { lang: run.lang } : {}),
    ...(run.singular !== undefined ? { singular: run.singular } : {}),
    ...(run.force !== undefined ? { force: run.force } : {}),
    ...(run.auth !== undefined ? { auth: run.auth } : {}),
  });
}

/** Plans and applies a run; its notes are what the report prints after the files. */
export async function generate(dir: string, run: Run) {
  const plan = await planRun(dir, run);
  expect(conflicts(plan)).toEqual([]);
  expect(plan.problems.filter((p) => p.level === 'error')).toEqual([]);
  applyPlan(plan);
  return { plan, notes: plan.nextSteps.join('\n') };
}
export const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

/** Every file the run wrote, relative to the project, without package.json and the other inputs. */
export function written(dir: string, inputs: Record<string, string>): string[] {
  return Object.keys(snapshotTree(dir))
    .filter((p) => !(p in inputs))
    .sort();
}

export async function expectIdempotent(dir: string, run: Run) {
  const after = snapshotTree(dir);
  const again = await planRun(dir, run);
  expect(changes(again)).toEqual([]);
  expect(snapshotTree(dir)).toEqual(after);
}


/** One `add`, as the CLI would make it: a route file or URL path, the methods, and the template flags as commander gives them. */
export interface AddRun {
  route: string;
  methods: readonly string[];
  template?: TemplateName;
  flags?: Record<string, unknown>;
  force?: boolean;
  auth?: AuthRequest;
}

/** Plans an add in the project at `dir`, its route found as the CLI finds it. */
export async function planAddRun(dir: string, run: AddRun) {
  // Under vitest the sources run as TypeScript, so planAdd's Prettier worker (a built .js file) cannot
  // start: formatting once first loads Prettier in this thread, and add then formats with it.
  await formatFile('const warm = 1\n', tmpdir(), 'warm.ts');
  const detected = detectProject(undefined, dir);
  const project = withStyle(detected, detected.detectedStyles[0]!);
  const file = findRouteFile(project, run.route, dir);
  return planAdd({
    ...templateOptionsFrom(run.flags ?? {}),
    project,
    file,
    methods: [...run.methods],
    ...(run.template ? { template: run.template } : {}),
    force: run.force ?? false,
    format: true,
    ...(run.auth !== undefined ? { auth: run.auth } : {}),
  });
}

/** Plans and applies an add; `sources` says where each added method's body came from. */
export async function add(dir: string, run: AddRun) {
  const { plan, sources } = await planAddRun(dir, run);
  expect(conflicts(plan)).toEqual([]);
  expect(plan.problems.filter((p) => p.level === 'error')).toEqual([]);
  applyPlan(plan);
  return { plan, sources };
}

/** Whether every character of `original` appears in `patched`, in order: nothing was lost or moved. */
export function isSubsequence(original: string, patched: string): boolean {
  let at = 0;
  for (const ch of original) {
    at = patched.indexOf(ch, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

// Runs planned in process, as the CLI would plan them: the helpers of the
// planner-level tests (test/unit/*-plan.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { templateOptionsFrom } from '../../src/generators/registry.js';
import { applyPlan, changes, conflicts, detectProject, parseFields, planGeneration, withStyle, type TemplateName } from '../../src/index.js';
import { snapshotTree } from '../cli/run-cli.js';

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
  flags?: Record<string, unknown>;
}

/** Plans a run in the project at `dir`, in the framework it depends on, with the CLI's defaults for what the run leaves out. */
export function planRun(dir: string, run: Run) {
  const detected = detectProject(undefined, dir);
  const project = withStyle(detected, detected.detectedStyles[0]!);
  return planGeneration({
    ...templateOptionsFrom(run.flags ?? {}),
    project,
    resources: run.resources,
    template: run.template ?? 'crud',
    ...(run.methods ? { methods: run.methods } : {}),
    ...(run.base !== undefined ? { base: run.base } : {}),
    ...(run.param !== undefined ? { param: run.param } : {}),
    ...(run.fields !== undefined ? { fields: parseFields(run.fields) } : {}),
    ...(run.format !== undefined ? { format: run.format } : {}),
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


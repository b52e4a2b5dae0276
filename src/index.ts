/**
 * The programmatic API: the same functions the CLI uses. Plan first (nothing
 * is written), then look at the plan, diff it, or apply it.
 */
export { planGeneration, templateNames, type GenerateOptions, type GenerateRequest, type TemplateName } from './core/plan-generation.js';
export { applyPlan, changes, conflicts, planDiff, type FileAction, type Plan, type PlannedFile, type Problem } from './core/plan.js';
export { detectProject, withStyle, type Project, type StyledProject } from './project/detect.js';
export { parseFields, type Field, type FieldType } from './model/fields.js';
export { renderCrud } from './generators/crud.js';
export { CliError, UsageError, FailedError, CancelledError, ExitCode } from './util/errors.js';
export type { StyleName } from './project/framework.js';

/**
 * The programmatic API: the same functions the CLI uses. Plan first (nothing
 * is written), then look at the plan, diff it, or apply it.
 */
export { planGeneration, templateNames, type GenerateOptions, type GenerateRequest, type TemplateName } from './generate.js';
export { applyPlan, changes, conflicts, planDiff, type FileAction, type Plan, type PlannedFile, type Problem } from './plan.js';
export { detectProject, withStyle, type Project, type StyledProject } from './project/detect.js';
export { parseFields, type Field, type FieldType } from './fields.js';
export { renderCrud } from './generators/crud.js';
export { CliError, UsageError, FailedError, CancelledError, ExitCode } from './errors.js';
export type { StyleName } from './project/framework.js';

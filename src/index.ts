/**
 * The programmatic API: the same functions the CLI uses. Plan first (nothing
 * is written), then look at the plan, diff it, or apply it. Its surface is
 * checked in at api/surface.txt (test/unit/api-surface.test.ts).
 */
export { planGeneration, templateNames, type GenerateOptions, type GenerateRequest, type TemplateName } from './core/plan-generation.js';
export { planAdd, placeholderSource, type AddOptions, type AddPlan } from './core/plan-add.js';
export { findRouteFile, listRoutes } from './core/api.js';
export type { RouteRow } from './core/route-table.js';
export { applyPlan, changes, conflicts, planDiff, type FileAction, type Plan, type PlannedFile, type Problem } from './core/plan.js';
export { detectProject, withStyle } from './frameworks/detect.js';
export type { Project, StyledProject } from './project/detect.js';
export { parseFields, type Field, type FieldType } from './model/fields.js';
export { authProviders, type AuthProvider, type AuthRequest, type AuthScope } from './model/auth.js';
export type { TemplateOptions, WebhookProvider } from './generators/generator.js';
export { CliError, UsageError, FailedError, CancelledError, ExitCode } from './util/errors.js';
export type { StyleName } from './project/framework.js';

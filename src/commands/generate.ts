import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { formatFields, parseFields, type Field } from '../fields.js';
import { allCrudMethods } from '../generators/crud.js';
import type { Logger } from '../logger.js';
import { planGeneration, type GenerateOptions, type TemplateName, templateNames } from '../generate.js';
import { detectProject, withStyle } from '../project/detect.js';
import { styleNames, type StyleName } from '../project/framework.js';
import { getStyle } from '../styles/index.js';
import { parseMethodList, type GenerateFlags } from './flags.js';
import { canPrompt } from './interactive.js';
import { finishPlan } from './output.js';

const defaultFields = 'name:string';

/** `create-endpoint <resource...>`: resolve the options, plan, then apply or show the plan. */
export async function generateCommand(resourceArgs: string[], flags: GenerateFlags, logger: Logger): Promise<number> {
  const options = await resolveOptions(resourceArgs, flags);
  const plan = await planGeneration(options);
  const style = getStyle(options.project.style);
  const v = options.project.version;
  return finishPlan(plan, flags, logger, {
    title: `create-endpoint: ${options.template} ${options.resources.join(', ')} for ${style.label} ${v.major}${v.source === 'assumed' ? ' (assumed: no version found)' : ''}`,
    details: {
      template: options.template,
      style: style.name,
      frameworkVersion: { major: v.major, minor: v.minor, source: v.source },
      resources: options.resources,
      replay: replayCommand(options),
    },
  });
}

/**
 * Each option comes from its flag, else a prompt when a person is there, else
 * its default; values are validated here once, before anything is planned.
 */
async function resolveOptions(resourceArgs: string[], flags: GenerateFlags): Promise<GenerateOptions> {
  if (flags.cwd !== undefined && !existsSync(join(process.cwd(), flags.cwd))) {
    throw new UsageError(`--cwd ${flags.cwd}: no such folder.`);
  }
  const project = detectProject(flags.cwd);
  const template = (flags.template ?? 'crud') as TemplateName;
  if (!templateNames.includes(template)) throw new UsageError(`--template: "${template}" is not one of ${templateNames.join(', ')}.`);
  let fields: Field[] | undefined = flags.fields !== undefined ? parseFields(flags.fields) : undefined;
  let methods = flags.methods !== undefined ? parseMethodList(flags.methods, allCrudMethods, '--methods') : undefined;
  let style = flags.style as StyleName | undefined;
  if (style !== undefined && !styleNames.includes(style)) throw new UsageError(`--style: "${style}" is not one of ${styleNames.join(', ')}.`);

  const interactive = canPrompt(flags);
  const prompts = interactive ? await import('./prompts.js') : undefined;
  let resources = resourceArgs;
  if (resources.length === 0) {
    if (!prompts) throw new UsageError('Missing <resource>: name the resource to generate, e.g. `create-endpoint todos`.');
    resources = await prompts.askResources();
  }
  if (style === undefined) style = project.detectedStyles.length === 1 ? project.detectedStyles[0] : undefined;
  if (style === undefined) {
    if (!prompts) throw new UsageError(styleProblem(project.detectedStyles), 'Pass --style next or --style sveltekit.');
    style = await prompts.askStyle(project.detectedStyles);
  }
  if (template === 'crud') {
    fields ??= parseFields(prompts ? await prompts.askFields() : defaultFields);
    methods ??= prompts ? await prompts.askMethods(allCrudMethods) : [...allCrudMethods];
  }
  return {
    project: withStyle(project, style),
    resources,
    template,
    fields: fields ?? parseFields(defaultFields),
    methods: methods ?? [...allCrudMethods],
    base: flags.base ?? 'api',
    param: flags.param ?? 'id',
    force: Boolean(flags.force),
    format: flags.format !== false,
  };
}

function styleProblem(detected: StyleName[]): string {
  if (detected.length > 1) return 'This project depends on both next and @sveltejs/kit: choose one with --style.';
  return 'Cannot tell the framework: package.json depends on neither next nor @sveltejs/kit. Name it with --style.';
}

/** The command that replays this run without prompts. */
function replayCommand(options: GenerateOptions): string {
  const parts = ['npx create-endpoint', ...options.resources, '--style', options.project.style];
  if (options.template !== 'crud') parts.push('--template', options.template);
  else parts.push('--fields', formatFields(options.fields), '--methods', options.methods.join(','));
  if (options.base !== 'api') parts.push('--base', JSON.stringify(options.base));
  if (options.param !== 'id') parts.push('--param', options.param);
  return parts.join(' ');
}

import { resolve } from 'node:path';
import { defaults } from '../core/defaults.js';
import { UsageError } from '../util/errors.js';
import { getGenerator } from '../generators/index.js';
import { replayTemplateOptions, templateEntry, templateOptionsFrom, type TemplateEntry } from '../generators/registry.js';
import type { Logger } from '../util/logger.js';
import type { PackageJson } from '../project/package-json.js';
import { planGeneration, type GenerateOptions } from '../core/plan-generation.js';
import { refuseAuthOnWebhooks } from '../core/auth-checks.js';
import { parseAuth, replayAuth } from '../model/auth.js';
import { withStyle } from '../frameworks/detect.js';
import type { FrameworkName } from '../project/framework.js';
import { getFramework } from '../frameworks/index.js';
import { projectFromFlag, parseMethodList, styleFromFlag, type GenerateFlags } from './flags.js';
import { canPrompt } from './interactive.js';
import { finishPlan } from './output.js';

/** `create-endpoint <resource...>`: resolve the options, plan, then apply or show the plan. */
export async function generateCommand(resourceArgs: string[], flags: GenerateFlags, logger: Logger): Promise<number> {
  const { options, prompted } = await resolveOptions(resourceArgs, flags);
  const plan = await planGeneration(options);
  const replay = replayCommand(options);
  if (prompted) plan.nextSteps.push(`To run this again without prompts: ${replay}`);
  const style = getFramework(options.project.style);
  const v = options.project.version;
  return finishPlan(plan, flags, logger, {
    title: `create-endpoint: ${options.template} ${options.resources.join(', ')} for ${style.label} ${v.major}${v.source === 'assumed' ? ' (assumed: no version found)' : ''}`,
    details: {
      template: options.template,
      style: style.name,
      frameworkVersion: { major: v.major, minor: v.minor, source: v.source },
      resources: options.resources,
      replay,
    },
  });
}

/**
 * Each option comes from its flag, else a prompt when a person is there, else
 * its default; values are validated here once, before anything is planned.
 */
async function resolveOptions(resourceArgs: string[], flags: GenerateFlags): Promise<{ options: GenerateOptions; prompted: boolean }> {
  const project = projectFromFlag(flags.cwd);
  let template = flags.template;
  // Every template flag given is validated up front, before any question.
  templateOptionsFrom(flags);
  const auth = parseAuth(flags.auth, flags.role);
  refuseAuthOnWebhooks({ template: flags.template, auth });
  let style = styleFromFlag(flags.style, project.detectedStyles);
  const lang = flags.lang;

  const interactive = canPrompt(flags);
  const prompts = interactive ? await import('./prompts.js') : undefined;
  let resources = resourceArgs;
  if (resources.length === 0) {
    if (!prompts) throw new UsageError('Missing <resource>: name the resource to generate, e.g. `create-endpoint todos`.');
    resources = await prompts.askResources();
  }
  const singular = singularFromFlag(flags.singular, resources);
  if (style === undefined) style = project.detectedStyles.length === 1 ? project.detectedStyles[0] : undefined;
  if (style === undefined) {
    if (!prompts) throw new UsageError(styleProblem(project.detectedStyles), 'Pass --style next or --style sveltekit.');
    style = await prompts.askStyle(project.detectedStyles);
  }
  template ??= prompts ? await prompts.askTemplate() : defaults.template;
  const generator = getGenerator(template);
  const styleModule = getFramework(style);
  const allowed = generator.allowedMethods(styleModule);
  let methods = flags.methods !== undefined ? parseMethodList(flags.methods, allowed, '--methods') : undefined;
  const entry = templateEntry(template);
  // A table of the resource in the project's Drizzle schema gives the fields: nothing to ask.
  const asked = entry?.name === 'crud' && prompts && flags.fields === undefined && (await hasDrizzleTable(project, resources)) ? withoutFields(entry.options) : (entry?.options ?? {});
  const answers = prompts ? await prompts.askTemplateOptions(asked, flags) : {};
  if (entry?.asksMethods) methods ??= prompts ? await prompts.askMethods(allowed) : undefined;
  const options: GenerateOptions = {
    project: withStyle(lang === undefined ? project : { ...project, typescript: lang === 'ts' }, style),
    singular,
    ...(lang === undefined ? {} : { lang }),
    resources,
    template,
    fieldsGiven: flags.fields !== undefined || answers.fields !== undefined,
    methods: methods ?? [...generator.defaultMethods(styleModule)],
    ...templateOptionsFrom({ ...flags, ...answers }),
    base: flags.base ?? defaults.base,
    param: flags.param ?? defaults.param,
    auth,
    force: Boolean(flags.force),
    format: flags.format !== false,
  };
  return { options, prompted: prompts !== undefined };
}

/** `--singular person`: one resource's singular, for a name inflection gets wrong. */
function singularFromFlag(flag: string | undefined, resources: string[]): string | undefined {
  if (flag === undefined) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_ ][A-Za-z0-9]+)*$/.test(flag)) throw new UsageError(`--singular: "${flag}" is not a word such as person or line-item.`);
  if (resources.length !== 1) throw new UsageError('--singular names the singular of one resource; generate the others in another run.');
  return flag;
}

function styleProblem(detected: FrameworkName[]): string {
  if (detected.length > 1) return 'This project depends on both next and @sveltejs/kit: choose one with --style.';
  return 'Cannot tell the framework: package.json depends on neither next nor @sveltejs/kit. Name it with --style.';
}

/** The command that replays this run without prompts. */
function replayCommand(options: GenerateOptions): string {
  // Quoted unless plain in bash and zsh alike (zsh globs `?` and `[`).
  const quote = (s: string) => (/^[\w./:@,=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const parts = ['npx create-endpoint', ...options.resources.map(quote), '--style', options.project.style];
  if (options.template !== defaults.template) parts.push('--template', options.template);
  // In --help's order: the default template's own options beside --template, before --methods; another template's after it.
  const own = replayTemplateOptions(options.template, options, quote);
  const methods = ['--methods', options.methods.join(',')];
  parts.push(...(options.template === defaults.template ? [...own, ...methods] : [...methods, ...own]));
  if (options.base !== defaults.base) parts.push('--base', quote(options.base) || "''");
  if (options.param !== defaults.param) parts.push('--param', options.param);
  if (options.singular !== undefined) parts.push('--singular', quote(options.singular));
  if (options.lang !== undefined) parts.push('--lang', options.lang);
  parts.push(...replayAuth(options.auth));
  return parts.join(' ');
}

/** Whether the project's Drizzle schema has a table named after every resource (`courses` for `courses`). */
async function hasDrizzleTable(project: { root: string; packageJson: PackageJson | null }, resources: string[]): Promise<boolean> {
  const { readDrizzleSetup } = await import('../project/drizzle.js');
  const { tableOfFolder } = await import('../generators/crud-store.js');
  const setup = readDrizzleSetup(project.root, project.packageJson);
  if (setup === null || 'missing' in setup) return false;
  return resources.every((r) => tableOfFolder(setup.tables, r.replace(/^.*\//, '')) !== undefined);
}

/** A template's options without --fields, whose prompt a database table answers. */
function withoutFields(options: TemplateEntry['options']): TemplateEntry['options'] {
  return Object.fromEntries(Object.entries(options).filter(([key]) => key !== 'fields'));
}

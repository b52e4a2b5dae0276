import { defaults } from './defaults.js';
import type { TemplateOptions } from '../generators/generator.js';
import { getGenerator, type TemplateName } from '../generators/index.js';
import { templateOptionsFrom } from '../generators/registry.js';
import { toJavaScript, type RenderedFile } from '../generators/rendered.js';
import { planModuleFile } from './module-file.js';
import { emptyPlan, planPatchedFile, type Plan } from './plan.js';
import { generatedTypeName } from './crud-module.js';
import type { StyledProject } from '../project/detect.js';
import { isJavaScriptPath } from '../util/files.js';
import { RenderedSyntaxError, templateSyntaxError } from '../render/format.js';
import { formatInto } from './format-into.js';
import { assertParses } from '../render/syntax-check.js';
import { TemplateSource } from '../render/templates.js';
import { followModuleType, resolveResource, type Resource } from '../generators/resource.js';
import { ExistingRouteFiles, planRouteFile } from './route-file.js';
import { refuseSiblingParams } from './sibling-params.js';
import { getFramework } from '../frameworks/index.js';
import type { Framework } from '../frameworks/framework.js';
import { authFiles, authNotes, resolveAuth } from '../generators/auth-guard.js';
import { refuseAuthOnWebhooks, warnKeptUnguarded } from './auth-checks.js';

export { templateNames, type TemplateName } from '../generators/index.js';

/** Fully resolved options of a generation run: what the programmatic API takes. */
export interface GenerateOptions extends TemplateOptions {
  project: StyledProject;
  resources: string[];
  template: TemplateName;
  base: string;
  param: string;
  /** One resource's singular, over the inflected one (`--singular`). */
  singular?: string | undefined;
  /** `--lang`, when given: the project's language is already set from it; kept for the replay command. */
  lang?: 'ts' | 'js';
  force: boolean;
  format: boolean;
}

/** What the programmatic API needs at least; every other option has the CLI's default. */
export type GenerateRequest = Pick<GenerateOptions, 'project' | 'resources'> & Partial<Omit<GenerateOptions, 'project' | 'resources'>>;

/** Plans a generation run: renders and formats every file, compares with the disk, writes nothing. */
export async function planGeneration(request: GenerateRequest): Promise<Plan> {
  const options = withDefaults(request);
  const { project } = options;
  const style = getFramework(project.style);
  const templates = new TemplateSource(project.root);
  const plan = emptyPlan(project.root);
  const generator = getGenerator(options.template);
  const existing = new ExistingRouteFiles(project.root);
  const rendered: RenderedFile[] = [];
  const routes: { path: string; resource: string }[] = [];
  refuseAuthOnWebhooks(options);
  for (const input of options.resources) {
    const resource = followModule(resolveResource(input, options, project, style), options, style);
    const generatorInput = { ...options, project, style, resource, templates, syntaxFor: (path: string) => existing.syntaxFor(path) };
    const files = await generator.render(generatorInput);
    for (const file of files) if (file.kind === 'route') routes.push({ path: file.path, resource: input });
    // Before the next resource: its store may build on this one's table.
    refuseSiblingParams(project.root, routes);
    rendered.push(...files);
    for (const note of generator.notes?.(generatorInput) ?? []) if (!plan.nextSteps.includes(note)) plan.nextSteps.push(note);
  }
  // One guard module for the run, whatever the resources.
  rendered.push(...(await authFiles({ ...options, style, templates })));
  plan.nextSteps.push(...(await authNotes({ ...options, style })));
  // Every built-in template is written as Prettier prints TypeScript with its
  // defaults (test/unit/prettier-stable.test.ts); a project's own templates and
  // JavaScript output are not.
  const printedAsPrettierDefaults = project.typescript && !templates.usedProjectTemplates;
  try {
    for (const file of await Promise.all(rendered.map((f) => (isJavaScriptPath(f.path) ? toJavaScript(f) : f)))) {
      // Without Prettier nothing else parses a project's own templates' output.
      if (!options.format && templates.usedProjectTemplates) await assertParses(file.text, file.path);
      await planRendered(plan, file, { ...options, printedAsPrettierDefaults, existing });
    }
  } catch (error) {
    if (!(error instanceof RenderedSyntaxError)) throw error;
    throw templateSyntaxError(error, options.template, templates.usedProjectTemplates);
  }
  warnKeptUnguarded(plan, resolveAuth({ ...options, style }));
  return plan;
}

/** A CRUD resource whose module exists keeps the module's names, unless --singular says otherwise. */
function followModule(resource: Resource, options: GenerateOptions, style: Framework): Resource {
  if (options.template !== 'crud' || options.singular !== undefined) return resource;
  return followModuleType(resource, generatedTypeName(options.project.root, resource.moduleFile), options.project, style);
}

async function planRendered(
  plan: Plan,
  file: RenderedFile,
  options: GenerateOptions & { printedAsPrettierDefaults: boolean; existing: ExistingRouteFiles },
): Promise<void> {
  if (file.kind === 'route') {
    await planRouteFile(plan, file, options.existing, options);
    return;
  }
  if (file.insertedInto !== undefined) {
    planPatchedFile(plan, file.path, file.insertedInto, file.text);
    return;
  }
  const text = options.format ? await formatInto(plan, file.text, file.path, {}, options.printedAsPrettierDefaults && file.prettierLayout !== false) : file.text;
  await planModuleFile(plan, file.path, text, { force: options.force, perResource: file.perResource === true });
}

function withDefaults(request: GenerateRequest): GenerateOptions {
  const template = request.template ?? defaults.template;
  return {
    template,
    methods: [...getGenerator(template).defaultMethods(getFramework(request.project.style))],
    ...templateOptionsFrom({}),
    base: defaults.base,
    param: defaults.param,
    force: false,
    format: true,
    // The API's caller says when its fields stand against a database table's (the CLI: when --fields was given).
    fieldsGiven: false,
    ...withoutUndefined(request),
  };
}

/** A request's own values, so an explicit `undefined` still gets the default. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

import type { Field } from './fields.js';
import { renderCrud } from './generators/crud.js';
import type { RenderedFile } from './generators/rendered.js';
import { emptyPlan, planWholeFile, type Plan } from './plan.js';
import type { StyledProject } from './project/detect.js';
import { formatFile } from './render/format.js';
import { stripTypes } from './render/strip-types.js';
import { TemplateSource } from './render/templates.js';
import { resolveResource } from './resource.js';
import { getStyle } from './styles/index.js';

export const templateNames = ['crud', 'webhook', 'cors', 'download', 'stream'] as const;
export type TemplateName = (typeof templateNames)[number];

/** Fully resolved options of a generation run: what the programmatic API takes. */
export interface GenerateOptions {
  project: StyledProject;
  resources: string[];
  template: TemplateName;
  fields: Field[];
  methods: string[];
  base: string;
  param: string;
  force: boolean;
  format: boolean;
}

/** Plans a generation run: renders and formats every file, compares with the disk, writes nothing. */
export async function planGeneration(options: GenerateOptions): Promise<Plan> {
  const { project } = options;
  const style = getStyle(project.style);
  const templates = new TemplateSource(project.root);
  const plan = emptyPlan(project.root);
  const rendered: RenderedFile[] = [];
  for (const input of options.resources) {
    const resource = resolveResource(input, options, project, style);
    rendered.push(...(await renderCrud({ project, style, resource, fields: options.fields, methods: options.methods, templates })));
  }
  for (const file of rendered) {
    let text = project.typescript ? file.text : await stripTypes(file.text, file.path);
    if (options.format) {
      const formatted = await formatFile(text, project.root, file.path);
      if (formatted.warning) plan.problems.push({ level: 'warning', file: file.path, message: formatted.warning });
      text = formatted.text;
    }
    const planned = planWholeFile(plan, file.path, text, options.force);
    if (file.kind === 'route') {
      const methods = file.methods.map((m) => m.name);
      planned.added = planned.action === 'unchanged' ? [] : methods;
      planned.skipped = planned.action === 'unchanged' ? methods : [];
    }
  }
  plan.nextSteps.push(...nextSteps(options));
  return plan;
}

function nextSteps(options: GenerateOptions): string[] {
  const { project } = options;
  const style = getStyle(project.style);
  const first = resolveResource(options.resources[0]!, options, project, style);
  const url = first.collectionUrl.replace(/\[([^\]]+)\]/g, ':$1');
  const port = project.style === 'next' ? 3000 : 5173;
  return [
    `Next: start the dev server (npm run dev) and try: curl -i http://localhost:${port}${url}`,
    `The in-memory store lives in ${first.moduleFile}: replace its store functions to use your database.`,
  ];
}

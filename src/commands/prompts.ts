import { defaults } from '../core/defaults.js';
import { CancelledError } from '../util/errors.js';
import { attributeName, templates, type TemplateEntry, type TemplateName, type TemplateOption } from '../generators/registry.js';
import type { FrameworkName } from '../project/framework.js';
import { frameworkList, frameworkNames } from '../frameworks/index.js';
import { parseRoutePath } from '../model/route-path.js';

type Clack = typeof import('@clack/prompts');

async function clack(): Promise<Clack> {
  return import('@clack/prompts');
}

function answered<T>(p: Clack, value: T): Exclude<T, symbol> {
  if (p.isCancel(value)) {
    p.cancel('Cancelled: nothing was written.');
    throw new CancelledError();
  }
  return value as Exclude<T, symbol>;
}

export async function askResources(): Promise<string[]> {
  const p = await clack();
  const value = answered(
    p,
    await p.text({
      message: 'Which resource? (a route path below the base; several separated by spaces)',
      placeholder: 'todos',
      // The same checks as the argument, here rather than after every other question.
      validate: (v) => (v === undefined || v.trim() === '' ? 'Give at least one resource, e.g. todos' : resourceProblem(v)),
    }),
  );
  return value.trim().split(/\s+/);
}

function resourceProblem(value: string): string | undefined {
  for (const resource of value.trim().split(/\s+/)) {
    try {
      const segments = parseRoutePath(resource, 'Resource');
      if (segments.at(-1)?.kind !== 'static') return `Resource "${resource}" must end with a name, e.g. orgs/[orgId]/members`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  return undefined;
}

export async function askTemplate(): Promise<TemplateName> {
  const p = await clack();
  return answered(
    p,
    await p.select<TemplateName>({
      message: 'What should the endpoint do?',
      options: templates.map((entry) => ({ value: entry.name, label: entry.name, hint: entry.description })),
      initialValue: defaults.template,
    }),
  );
}

export async function askStyle(detected: FrameworkName[]): Promise<FrameworkName> {
  const p = await clack();
  return answered(
    p,
    await p.select<FrameworkName>({
      message: 'Which framework?',
      options: frameworkList.map((f) => ({ value: f.name, label: f.promptLabel, hint: detected.includes(f.name) ? 'detected' : undefined })),
      initialValue: detected[0] ?? frameworkNames[0],
    }),
  );
}

/**
 * The questions of a template's options whose flags were left out (crud's
 * fields), in the entry's order: commander's attribute of each flag, with the
 * answer as the flag would give it.
 */
export async function askTemplateOptions(options: TemplateEntry['options'], flags: Readonly<Record<string, unknown>>): Promise<Record<string, string>> {
  const answers: Record<string, string> = {};
  for (const spec of Object.values(options)) {
    const attribute = attributeName(spec.flags);
    if (spec.prompt && flags[attribute] === undefined) answers[attribute] = await askOption(spec, spec.prompt);
  }
  return answers;
}

async function askOption(spec: TemplateOption<unknown>, question: NonNullable<TemplateOption<unknown>['prompt']>): Promise<string> {
  const p = await clack();
  return answered(
    p,
    await p.text({
      message: question.message,
      placeholder: question.placeholder,
      defaultValue: question.initial,
      validate(v) {
        if (v === undefined || v.trim() === '') return undefined;
        try {
          spec.parse(v);
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      },
    }),
  );
}

export async function askMethods(all: readonly string[]): Promise<string[]> {
  const p = await clack();
  return answered(
    p,
    await p.multiselect<string>({
      message: 'Which methods?',
      options: all.map((m) => ({ value: m, label: m })),
      initialValues: [...all],
      required: true,
    }),
  );
}

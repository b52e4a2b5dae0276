import { defaults } from '../core/defaults.js';
import { CancelledError } from '../util/errors.js';
import { fieldTypes, parseFields } from '../model/fields.js';
import { templates, type TemplateName } from '../generators/registry.js';
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

export async function askFields(): Promise<string> {
  const p = await clack();
  return answered(
    p,
    await p.text({
      message: `Fields? (name:type, name?:type for optional; types: ${fieldTypes.join(', ')})`,
      placeholder: 'title:string,done:boolean',
      defaultValue: defaults.fields,
      validate(v) {
        if (v === undefined || v.trim() === '') return undefined;
        try {
          parseFields(v);
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

// Generation skips Prettier when the project formats with Prettier's defaults
// and every line of a built-in template's output fits: the templates are
// written as Prettier prints them. This proves it, with the real Prettier,
// over every framework version and over random resources and fields; and that
// the typical run does skip Prettier, so the fast path is real.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectProject, parseFields, planGeneration, withStyle, type GenerateRequest, type StyledProject } from '../../src/index.js';
import { filesSentToPrettier } from '../../src/render/format.js';
import { createFormatter } from '../../src/render/prettier-format.js';

const format = createFormatter(prettier);

interface ProjectShape {
  name: string;
  style: 'next' | 'sveltekit';
  packageJson: Record<string, unknown>;
  dirs: string[];
  tsconfig?: Record<string, unknown>;
}

const shapes: ProjectShape[] = [
  { name: 'next14', style: 'next', packageJson: { dependencies: { next: '14.2.30' } }, dirs: ['app'] },
  { name: 'next15', style: 'next', packageJson: { dependencies: { next: '15.5.28' } }, dirs: ['app'] },
  {
    name: 'next16 (src/app, @/ alias, Vitest)',
    style: 'next',
    packageJson: { dependencies: { next: '16.4.5' }, devDependencies: { vitest: '^4.0.0' } },
    dirs: ['src/app'],
    tsconfig: { compilerOptions: { paths: { '@/*': ['./src/*'] } } },
  },
  { name: 'sveltekit2', style: 'sveltekit', packageJson: { devDependencies: { '@sveltejs/kit': '2.70.0' } }, dirs: ['src/routes'] },
  { name: 'next15-zod (zod 4)', style: 'next', packageJson: { dependencies: { next: '15.5.28', zod: '^4.1.0' } }, dirs: ['app'] },
  {
    name: 'sveltekit2-valibot (valibot 1)',
    style: 'sveltekit',
    packageJson: { devDependencies: { '@sveltejs/kit': '2.70.0', valibot: '^1.1.0' } },
    dirs: ['src/routes'],
  },
  {
    name: 'sveltekit3 (#lib imports, Vitest)',
    style: 'sveltekit',
    packageJson: { devDependencies: { '@sveltejs/kit': '3.2.0', vitest: '^4.0.0' }, imports: { '#lib/*': './src/lib/*' } },
    dirs: ['src/routes'],
  },
];

let base: string;
const projects = new Map<string, StyledProject>();

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'prettier-stable-'));
  for (const shape of shapes) {
    const root = join(base, shape.name.split(' ')[0]!);
    for (const dir of shape.dirs) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', private: true, ...shape.packageJson }));
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(shape.tsconfig ?? { compilerOptions: { strict: true } }));
    projects.set(shape.name, withStyle(detectProject(undefined, root), shape.style));
  }
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/**
 * Checks every file the run would write against what Prettier makes of it;
 * returns how many files the run wrote and how many it had Prettier format.
 */
async function expectPrettierStable(request: Omit<GenerateRequest, 'project'>, project: StyledProject) {
  const before = filesSentToPrettier().length;
  const plan = await planGeneration({ ...request, project });
  const formatted = filesSentToPrettier().slice(before);
  for (const file of plan.files) {
    expect(file.after, `${file.path} is not as Prettier prints it`).toBe(await format(file.after, join(project.root, file.path), {}));
  }
  return { files: plan.files.length, formatted };
}

/**
 * Checks the property over random runs, each planning one generation; then
 * that most files skipped Prettier (long random names overflow some lines,
 * and those files go to Prettier).
 */
async function expectStableOverRuns<T>(runs: fc.Arbitrary<T>, request: (run: T) => [Omit<GenerateRequest, 'project'>, StyledProject] | null) {
  let files = 0;
  let formatted = 0;
  await fc.assert(
    fc.asyncProperty(runs, async (run) => {
      const planned = request(run);
      fc.pre(planned !== null);
      const result = await expectPrettierStable(...planned!);
      files += result.files;
      formatted += result.formatted.length;
    }),
    { numRuns: 60 },
  );
  expect(formatted / files).toBeLessThan(0.5);
}

const crudFields = parseFields('title:string,done:boolean,priority?:number,due?:date');

describe.each(shapes.map((s) => s.name))('crud in %s, with no Prettier config', (name) => {
  it('writes every file as Prettier would, without loading Prettier', async () => {
    const project = projects.get(name)!;
    const run = await expectPrettierStable({ resources: ['todos', 'orgs/[orgId]/members'], fields: crudFields }, project);
    expect(run.files).toBeGreaterThan(5);
    expect(run.formatted).toEqual([]);
  });

  it('as Prettier would for any subset of methods', async () => {
    const project = projects.get(name)!;
    for (const methods of [['GET'], ['POST'], ['GET', 'DELETE'], ['PUT', 'PATCH']]) {
      await expectPrettierStable({ resources: ['notes'], fields: parseFields('body:string'), methods }, project);
    }
  });
});

const otherTemplates: { label: string; request: Omit<GenerateRequest, 'project'> }[] = [
  { label: 'webhook (standard)', request: { template: 'webhook', resources: ['hooks'], provider: 'standard' } },
  { label: 'webhook (stripe)', request: { template: 'webhook', resources: ['payments/stripe'], provider: 'stripe' } },
  { label: 'webhook (github)', request: { template: 'webhook', resources: ['github'], provider: 'github' } },
  { label: 'cors (same origin)', request: { template: 'cors', resources: ['hello'] } },
  { label: 'cors (origins)', request: { template: 'cors', resources: ['hello'], origins: ['https://app.example.com', 'http://localhost:3000'] } },
  { label: 'cors (any origin)', request: { template: 'cors', resources: ['open'], origins: ['*'], methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] } },
  { label: 'download', request: { template: 'download', resources: ['files'], methods: ['GET', 'HEAD'] } },
  { label: 'stream (text)', request: { template: 'stream', resources: ['ticks'] } },
  { label: 'stream (SSE)', request: { template: 'stream', resources: ['events'], sse: true } },
];

describe.each(shapes.map((s) => s.name))('every other template in %s, with no Prettier config', (name) => {
  it.each(otherTemplates.map((t) => [t.label, t.request] as const))('%s: as Prettier would, without loading it', async (_label, request) => {
    const run = await expectPrettierStable(request, projects.get(name)!);
    expect(run.files).toBeGreaterThan(1);
    expect(run.formatted).toEqual([]);
  });
});

describe('crud over random resources', () => {
  const word = fc.stringMatching(/^[a-z]{1,14}$/);
  // Names --fields accepts: reserved ones (id, limit, …) are refused before any template renders.
  const accepted = (name: string) => {
    try {
      return parseFields(name).length === 1;
    } catch {
      return false;
    }
  };
  const field = fc.record({
    name: fc.stringMatching(/^[a-z][a-zA-Z]{0,16}$/).filter(accepted),
    type: fc.constantFrom('string', 'number', 'boolean', 'date'),
    optional: fc.boolean(),
  });
  // Parent segments: a parameter in every style; SvelteKit also nests rest and optional ones.
  const parent = fc.record({ name: word, param: word, kind: fc.constantFrom('[p]', '[...p]', '[[p]]') });
  const resource = fc.record({
    name: word,
    parents: fc.array(parent, { maxLength: 2 }),
    param: fc.constantFrom('id', 'slug', 'itemId'),
    fields: fc.uniqueArray(field, { minLength: 1, maxLength: 6, selector: (f) => f.name }),
    shape: fc.constantFrom(...shapes.map((s) => s.name)),
  });

  it('every file is as Prettier prints it, whatever the names; most skip Prettier', async () => {
    await expectStableOverRuns(resource, (r) => {
      let fields;
      try {
        fields = parseFields(r.fields.map((f) => `${f.name}${f.optional ? '?' : ''}:${f.type}`).join(','));
      } catch {
        return null;
      }
      const project = projects.get(r.shape)!;
      const parents = r.parents.map((p, i) => {
        const kind = project.style === 'next' ? '[p]' : p.kind;
        return `${p.name}s/${kind.replace('p', `${p.param}${i}`)}`;
      });
      const resources = [[...parents, `${r.name}s`].join('/')];
      return [{ resources, fields, param: r.param }, project];
    });
  });
});

describe('every template over random names and options', () => {
  const word = fc.stringMatching(/^[a-z]{1,10}$/);
  const subset = (methods: string[]) => fc.subarray(methods, { minLength: 1 });
  const request = fc.oneof(
    fc.record({ template: fc.constant('crud' as const), methods: subset(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) }),
    fc.record({ template: fc.constant('webhook' as const), provider: fc.constantFrom('standard' as const, 'stripe' as const, 'github' as const) }),
    fc.record({
      template: fc.constant('cors' as const),
      methods: subset(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      origins: fc.oneof(fc.constant<string[]>([]), fc.constant<string[]>(['*']), fc.array(word.map((w) => `https://${w}.example`), { minLength: 1, maxLength: 3 })),
    }),
    fc.record({ template: fc.constant('download' as const), methods: subset(['GET', 'HEAD']), downloadDir: fc.constantFrom('downloads', 'private/docs', 'files 2026') }),
    fc.record({ template: fc.constant('stream' as const), sse: fc.boolean() }),
  );
  const run = fc.record({
    request,
    // Hyphens become camelCase and digits stay: both reach identifiers.
    name: fc.stringMatching(/^[a-z]{1,10}(-[a-z]{1,8})?\d?$/),
    parent: fc.option(word, { nil: undefined }),
    base: fc.constantFrom('api', 'api/v1', 'v2'),
    shape: fc.constantFrom(...shapes.map((s) => s.name)),
  });

  it('every file is as Prettier prints it; most skip Prettier', async () => {
    await expectStableOverRuns(run, (r) => {
      const resources = [r.parent ? `${r.parent}s/[${r.parent}Id]/${r.name}` : r.name];
      return [{ ...r.request, resources, base: r.base }, projects.get(r.shape)!];
    });
  });
});

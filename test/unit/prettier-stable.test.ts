// Generation skips Prettier when the project formats with Prettier's defaults
// and every line of a built-in template's output fits: the templates are
// written as Prettier prints them. This proves it, with the real Prettier,
// over every framework version and over random resources and fields; and that
// the typical run does skip Prettier, so the fast path is real. In a project
// with options of its own (sv's config, or any combination of the options the
// fast path prints), every file must be what Prettier makes of the template's
// output with those options, whether or not Prettier ran.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectProject, parseFields, planGeneration, withStyle, type GenerateRequest, type StyledProject } from '../../src/index.js';
import { filesSentToPrettier } from '../../src/render/format.js';
import type { PrintOptions } from '../../src/render/print-options.js';
import { createFormatter } from '../../src/render/prettier-format.js';
import type { AuthRequest } from '../../src/model/auth.js';

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
/** The same projects, each with a Prettier config of its own that a test writes. */
const styledProjects = new Map<string, StyledProject>();

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'prettier-stable-'));
  for (const shape of shapes) {
    const root = join(base, shape.name.split(' ')[0]!);
    for (const dir of shape.dirs) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', private: true, ...shape.packageJson }));
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(shape.tsconfig ?? { compilerOptions: { strict: true } }));
    projects.set(shape.name, withStyle(detectProject(undefined, root), shape.style));
    const styled = `${root}-styled`;
    for (const dir of shape.dirs) mkdirSync(join(styled, dir), { recursive: true });
    writeFileSync(join(styled, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module', ...shape.packageJson }));
    writeFileSync(join(styled, 'tsconfig.json'), JSON.stringify(shape.tsconfig ?? { compilerOptions: { strict: true } }));
    styledProjects.set(shape.name, withStyle(detectProject(undefined, styled), shape.style));
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
    // --auth, where the project needs no auth library: SvelteKit's locals.user (webhooks refuse it).
    auth: fc.option(fc.record({ scope: fc.constantFrom('all' as const, 'writes' as const), role: fc.option(fc.stringMatching(/^[a-z][a-z:-]{0,23}$/), { nil: undefined }) }), { nil: undefined }),
  });

  it('every file is as Prettier prints it; most skip Prettier', async () => {
    await expectStableOverRuns(run, (r) => {
      const resources = [r.parent ? `${r.parent}s/[${r.parent}Id]/${r.name}` : r.name];
      const project = projects.get(r.shape)!;
      const guarded = r.auth && project.style === 'sveltekit' && r.request.template !== 'webhook' ? { auth: withoutUndefinedRole(r.auth) } : {};
      return [{ ...r.request, resources, base: r.base, ...guarded }, project];
    });
  });
});

function withoutUndefinedRole(auth: { scope: 'all' | 'writes'; role: string | undefined }): AuthRequest {
  return auth.role === undefined ? { scope: auth.scope } : { scope: auth.scope, role: auth.role };
}

/** The options of sv's prettier add-on (test/fixtures/scaffolds/sv-ts/prettier.config.js); its svelte plugin and override format .svelte files only. */
const svOptions: Partial<PrintOptions> = { useTabs: true, singleQuote: true, trailingComma: 'none', printWidth: 100 };
const svConfig = readFileSync(new URL('../fixtures/scaffolds/sv-ts/prettier.config.js', import.meta.url), 'utf8');

/**
 * Plans the request unformatted (what the templates render), and in the
 * project's styled twin with `config` written as its Prettier config; every
 * file of the styled plan must be what Prettier makes of the rendered one with
 * `options`. Returns how many files the styled plan wrote and how many it had
 * Prettier format.
 */
async function expectStyledAsPrettier(request: Omit<GenerateRequest, 'project'>, shape: string, config: [string, string], options: Partial<PrintOptions>) {
  const plain = await planGeneration({ ...request, project: projects.get(shape)!, format: false });
  const project = styledProjects.get(shape)!;
  rmSync(join(project.root, '.prettierrc'), { force: true });
  rmSync(join(project.root, 'prettier.config.js'), { force: true });
  writeFileSync(join(project.root, config[0]), config[1]);
  const before = filesSentToPrettier().length;
  const styled = await planGeneration({ ...request, project });
  const formatted = filesSentToPrettier().length - before;
  expect(styled.files.map((f) => f.path)).toEqual(plain.files.map((f) => f.path));
  for (const [i, file] of styled.files.entries()) {
    const expected = await prettier.format(plain.files[i]!.after, { ...options, parser: 'babel-ts', filepath: join(project.root, file.path) });
    expect(file.after, `${file.path} with ${JSON.stringify(options)}`).toBe(expected);
  }
  return { files: styled.files.length, formatted };
}

/** sv's config without its plugin, which is not installed here (Prettier would fail to load it) and formats .svelte files only. */
const svConfigWithoutPlugin = svConfig.replace(/^\s*plugins: .*\n/m, '');

describe("in a project with sv's Prettier config", () => {
  // Every shape but zod's: its date schema is a member chain whose layout at 100 columns is Prettier's to decide.
  it.each(shapes.map((s) => s.name).filter((name) => !name.includes('zod')))('crud in %s: as Prettier prints it, without loading Prettier', async (shape) => {
    expect(svConfigWithoutPlugin).not.toBe(svConfig);
    const run = await expectStyledAsPrettier({ resources: ['todos', 'orgs/[orgId]/members'], fields: crudFields }, shape, ['prettier.config.js', svConfig], svOptions);
    expect(run.files).toBeGreaterThan(5);
    expect(run.formatted).toBe(0);
  });

  it.each(shapes.map((s) => s.name))('crud in %s: as Prettier prints it', async (shape) => {
    await expectStyledAsPrettier({ resources: ['todos', 'orgs/[orgId]/members'], fields: crudFields }, shape, ['prettier.config.js', svConfigWithoutPlugin], svOptions);
  });

  it.each(otherTemplates.map((t) => [t.label, t.request] as const))('%s in every framework version: as Prettier prints it', async (_label, request) => {
    for (const shape of shapes) await expectStyledAsPrettier(request, shape.name, ['prettier.config.js', svConfigWithoutPlugin], svOptions);
  });
});

describe('in a project with random Prettier options', () => {
  const options = fc.record(
    {
      printWidth: fc.constantFrom(60, 80, 90, 100, 120),
      tabWidth: fc.constantFrom(2, 3, 4),
      useTabs: fc.boolean(),
      semi: fc.boolean(),
      singleQuote: fc.boolean(),
      trailingComma: fc.constantFrom('all' as const, 'es5' as const, 'none' as const),
      bracketSpacing: fc.boolean(),
      arrowParens: fc.constantFrom('always' as const, 'avoid' as const),
      quoteProps: fc.constantFrom('as-needed' as const, 'consistent' as const, 'preserve' as const),
      endOfLine: fc.constantFrom('lf' as const, 'crlf' as const, 'auto' as const),
    },
    { requiredKeys: [] },
  );
  const word = fc.stringMatching(/^[a-z]{1,10}$/);
  const subset = (methods: string[]) => fc.subarray(methods, { minLength: 1 });
  const field = fc.record({ name: fc.stringMatching(/^[a-z][a-zA-Z]{0,16}$/), type: fc.constantFrom('string', 'number', 'boolean', 'date'), optional: fc.boolean() });
  const request = fc.oneof(
    fc.record({ template: fc.constant('crud' as const), methods: subset(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']), fields: fc.uniqueArray(field, { minLength: 1, maxLength: 5, selector: (f) => f.name }) }),
    fc.record({ template: fc.constant('webhook' as const), provider: fc.constantFrom('standard' as const, 'stripe' as const, 'github' as const) }),
    fc.record({ template: fc.constant('cors' as const), methods: subset(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']), origins: fc.oneof(fc.constant<string[]>([]), fc.constant<string[]>(['*']), fc.array(word.map((w) => `https://${w}.example`), { minLength: 1, maxLength: 3 })) }),
    fc.record({ template: fc.constant('download' as const), methods: subset(['GET', 'HEAD']) }),
    fc.record({ template: fc.constant('stream' as const), sse: fc.boolean() }),
  );
  const run = fc.record({
    options,
    request,
    name: fc.stringMatching(/^[a-z]{1,10}(-[a-z]{1,8})?\d?$/),
    parent: fc.option(word, { nil: undefined }),
    shape: fc.constantFrom(...shapes.map((s) => s.name)),
    auth: fc.option(fc.record({ scope: fc.constantFrom('all' as const, 'writes' as const), role: fc.option(fc.constant('admin'), { nil: undefined }) }), { nil: undefined }),
  });

  it('every file of every template is as Prettier prints it with those options; most without Prettier', async () => {
    let files = 0;
    let formatted = 0;
    await fc.assert(
      fc.asyncProperty(run, async (r) => {
        let fields;
        if (r.request.template === 'crud') {
          try {
            fields = parseFields(r.request.fields.map((f) => `${f.name}${f.optional ? '?' : ''}:${f.type}`).join(','));
          } catch {
            fc.pre(false);
          }
        }
        const { fields: _fields, ...rest } = r.request as typeof r.request & { fields?: unknown };
        const resources = [r.parent ? `${r.parent}s/[${r.parent}Id]/${r.name}` : r.name];
        const guarded = r.auth && projects.get(r.shape)!.style === 'sveltekit' && r.request.template !== 'webhook' ? { auth: withoutUndefinedRole(r.auth) } : {};
        const result = await expectStyledAsPrettier({ ...rest, ...(fields ? { fields } : {}), resources, ...guarded }, r.shape, ['.prettierrc', JSON.stringify(r.options)], r.options);
        files += result.files;
        formatted += result.formatted;
      }),
      { numRuns: Number(process.env.PRETTIER_OPTION_RUNS ?? 150) },
    );
    console.log(`random Prettier options: ${files - formatted} of ${files} files printed without Prettier`);
    expect(formatted / files).toBeLessThan(0.75);
  });
});

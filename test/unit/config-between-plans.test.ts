// One process, two plans, a Prettier config changed in between (the
// programmatic API, an editor integration): the second plan formats with the
// config as it is now. Generation reads it without Prettier; `add` formats in
// the format worker, which is told to forget what it read, not ended. The
// worker is a built file (dist/render/format-worker.js): `add` is planned with
// the build (`npm run test:fast` builds first), the rest with the sources.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectProject, parseFields, planGeneration, withStyle } from '../../src/index.js';

/** The built API, whose planAdd starts the real format worker. */
const built = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof import('../../src/index.js');

const base = mkdtempSync(join(tmpdir(), 'config-between-plans-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function nextProject(name: string, api: Pick<typeof import('../../src/index.js'), 'detectProject' | 'withStyle'> = { detectProject, withStyle }) {
  const root = join(base, name);
  mkdirSync(join(root, 'app'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { next: '15.5.0' }, devDependencies: { typescript: '5' } }));
  return api.withStyle(api.detectProject(undefined, root), 'next');
}

const routeOf = async (project: ReturnType<typeof nextProject>) =>
  (await planGeneration({ project, resources: ['todos'], fields: parseFields('title:string') })).files.find((f) => f.path === 'app/api/todos/route.ts')!.after;

describe('a Prettier config changed between two plans in one process', () => {
  it('add formats the second plan with the new config, in the format worker', async () => {
    const project = nextProject('add', built);
    const file = 'app/api/todos/route.ts';
    mkdirSync(join(project.root, 'app/api/todos'), { recursive: true });
    writeFileSync(join(project.root, file), 'export async function GET() {\n  return Response.json([]);\n}\n');
    const add = async () => {
      const added = await built.planAdd({ project, file, methods: ['POST'], force: false, format: true, store: undefined, provider: 'standard', origins: [], downloadDir: 'downloads', sse: false });
      return added.plan.files.find((f) => f.path === file)!.after;
    };
    expect(await add()).toContain('{ status: 501 }');
    // Neither quotes, semicolons nor indentation: what the file shows of those wins over the config.
    writeFileSync(join(project.root, '.prettierrc'), '{ "bracketSpacing": false }\n');
    expect(await add()).toContain('{status: 501}');
  });

  it('generation formats the second plan with the new config', async () => {
    const project = nextProject('generate');
    expect(await routeOf(project)).toContain('from "../../../lib/server/api-utils";\n');
    writeFileSync(join(project.root, '.prettierrc'), '{ "singleQuote": true, "semi": false }\n');
    const after = await routeOf(project);
    expect(after).toContain("from '../../../lib/server/api-utils'\n");
    writeFileSync(join(project.root, '.prettierrc'), '{ "singleQuote": true, "parser": "typescript" }\n');
    // A config only Prettier can print with: Prettier reads it afresh too.
    expect(await routeOf(project)).toContain("from '../../../lib/server/api-utils';\n");
  });
});

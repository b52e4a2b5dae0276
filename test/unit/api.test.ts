// The programmatic API: the same plan the CLI uses, without the CLI.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan, changes, detectProject, findRouteFile, listRoutes, parseFields, planAdd, planDiff, planGeneration, UsageError, withStyle } from '../../src/index.js';

describe('programmatic API', () => {
  it('plans, diffs and applies a generation without the CLI', async () => {
    const root = mkdtempSync(join(tmpdir(), 'api-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { next: '15.5.0' }, devDependencies: { typescript: '5' } }));
      const project = withStyle(detectProject(undefined, root), 'next');
      expect(project.version).toMatchObject({ major: 15, source: 'package.json' });
      // Only what differs from the CLI's defaults.
      const plan = await planGeneration({ project, resources: ['todos'], fields: parseFields('title:string'), methods: ['GET', 'POST'] });
      expect(changes(plan).map((f) => f.path)).toEqual(['app/api/todos/route.ts', 'app/api/todos/[id]/route.ts', 'lib/server/resources/todos.ts', 'lib/server/resources.ts', 'lib/server/api-utils.ts']);
      expect(await planDiff(plan)).toContain('+++ b/app/api/todos/route.ts');
      applyPlan(plan);
      expect(readFileSync(join(root, 'app/api/todos/[id]/route.ts'), 'utf8')).toContain('export async function GET(');

      // The route table, and add: the same as `create-endpoint list` and `add`.
      expect(await listRoutes(project)).toEqual([
        { url: '/api/todos', file: 'app/api/todos/route.ts', methods: ['GET', 'POST'] },
        { url: '/api/todos/[id]', file: 'app/api/todos/[id]/route.ts', methods: ['GET'] },
      ]);
      const file = findRouteFile(project, '/api/todos/[id]', root);
      expect(file).toBe('app/api/todos/[id]/route.ts');
      expect(() => findRouteFile(project, '/api/nothing', root)).toThrow(UsageError);
      const added = await planAdd({ project, file, methods: ['DELETE'], force: false, format: true, store: undefined, provider: 'standard', origins: [], downloadDir: 'downloads', sse: false });
      expect(added.sources).toEqual({ DELETE: 'crud' });
      expect(changes(added.plan).map((f) => f.path)).toEqual(['app/api/todos/[id]/route.ts']);
      applyPlan(added.plan);
      expect((await listRoutes(project))[1]!.methods).toEqual(['GET', 'DELETE']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

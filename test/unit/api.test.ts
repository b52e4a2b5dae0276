// The programmatic API: the same plan the CLI uses, without the CLI.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan, changes, detectProject, parseFields, planDiff, planGeneration, withStyle } from '../../src/index.js';

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
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

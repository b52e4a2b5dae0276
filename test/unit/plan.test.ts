import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan, emptyPlan, planDiff, planWholeFile, resolveInsideRoot } from '../../src/core/plan.js';
import { UsageError } from '../../src/util/errors.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));
function project(files: Record<string, string> = {}): string {
  root = mkdtempSync(join(tmpdir(), 'plan-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('plan', () => {
  it('classifies files as create, unchanged, conflict, or update with force', () => {
    const dir = project({ 'same.ts': 'a\n', 'other.ts': 'mine\n' });
    const plan = emptyPlan(dir);
    expect(planWholeFile(plan, 'new.ts', 'x\n', false).action).toBe('create');
    expect(planWholeFile(plan, 'same.ts', 'a\n', false).action).toBe('unchanged');
    expect(planWholeFile(plan, 'other.ts', 'theirs\n', false).action).toBe('conflict');
    expect(planWholeFile(emptyPlan(dir), 'other.ts', 'theirs\n', true).action).toBe('update');
  });

  it('merges identical content planned twice and refuses different content for one path', () => {
    const plan = emptyPlan(project());
    planWholeFile(plan, 'shared.ts', 'x\n', false);
    planWholeFile(plan, 'shared.ts', 'x\n', false);
    expect(plan.files).toHaveLength(1);
    expect(() => planWholeFile(plan, 'shared.ts', 'y\n', false)).toThrow(/different content/);
  });

  it('never resolves a path outside the root', () => {
    const dir = project();
    for (const bad of ['../x.ts', '/etc/passwd', 'a/../../x.ts']) expect(() => resolveInsideRoot(dir, bad)).toThrow(UsageError);
    expect(resolveInsideRoot(dir, 'a/b.ts')).toBe(join(dir, 'a/b.ts'));
  });

  it('applies every change, creating folders', () => {
    const dir = project({ 'old.ts': 'old\n' });
    const plan = emptyPlan(dir);
    planWholeFile(plan, 'deep/er/new.ts', 'new\n', false);
    planWholeFile(plan, 'old.ts', 'updated\n', true);
    applyPlan(plan);
    expect(readFileSync(join(dir, 'deep/er/new.ts'), 'utf8')).toBe('new\n');
    expect(readFileSync(join(dir, 'old.ts'), 'utf8')).toBe('updated\n');
  });

  it('is all or nothing: when one write fails, the project is left as it was', () => {
    // "blocker" is a file where the plan needs a folder, so the last write fails.
    const dir = project({ 'old.ts': 'old\n', blocker: 'not a folder\n' });
    const plan = emptyPlan(dir);
    planWholeFile(plan, 'a/new.ts', 'new\n', false);
    planWholeFile(plan, 'old.ts', 'updated\n', true);
    planWholeFile(plan, 'blocker/x.ts', 'x\n', false);
    expect(() => applyPlan(plan)).toThrow(/none were kept/);
    expect(readFileSync(join(dir, 'old.ts'), 'utf8')).toBe('old\n');
    expect(existsSync(join(dir, 'a'))).toBe(false);
    expect(readFileSync(join(dir, 'blocker'), 'utf8')).toBe('not a folder\n');
  });

  it('refuses to apply when a file changed after planning', () => {
    const dir = project({ 'old.ts': 'old\n' });
    const plan = emptyPlan(dir);
    planWholeFile(plan, 'old.ts', 'updated\n', true);
    writeFileSync(join(dir, 'old.ts'), 'edited meanwhile\n');
    expect(() => applyPlan(plan)).toThrow(/changed while this run was planning/);
    expect(readFileSync(join(dir, 'old.ts'), 'utf8')).toBe('edited meanwhile\n');
  });

  it('shows changes as a unified diff', async () => {
    const dir = project({ 'old.ts': 'one\ntwo\n' });
    const plan = emptyPlan(dir);
    planWholeFile(plan, 'old.ts', 'one\n2\n', true);
    planWholeFile(plan, 'new.ts', 'x\n', false);
    const diff = await planDiff(plan);
    expect(diff).toContain('--- a/old.ts\n+++ b/old.ts\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n');
    expect(diff).toContain('--- /dev/null\n+++ b/new.ts\n@@ -0,0 +1,1 @@\n+x\n');
  });
});

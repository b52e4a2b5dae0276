// A resource's names are kept clear of the names the templates use themselves
// (src/identifiers.ts). That list is only as good as it is complete: this
// renders every template in every framework shape and fails on any name a
// template binds or references that the list does not hold.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAvailable } from '../../src/model/identifiers.js';
import { ts } from '../../src/patch/typescript.cjs';
import { detectProject, parseFields, planGeneration, templateNames, withStyle, type StyledProject } from '../../src/index.js';

const base = mkdtempSync(join(tmpdir(), 'template-identifiers-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function makeProject(name: string, style: 'next' | 'sveltekit', packageJson: Record<string, unknown>, dir: string): StyledProject {
  const root = join(base, name);
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', private: true, ...packageJson }));
  writeFileSync(join(root, 'tsconfig.json'), '{}');
  return withStyle(detectProject(undefined, root), style);
}

const vitest = { vitest: '^4.0.0' };
const shapes = [
  makeProject('next14', 'next', { dependencies: { next: '14.2.30' }, devDependencies: vitest }, 'app'),
  makeProject('next16-zod', 'next', { dependencies: { next: '16.4.5', zod: '^4.1.0' }, devDependencies: vitest }, 'app'),
  makeProject('kit2-valibot', 'sveltekit', { devDependencies: { '@sveltejs/kit': '2.70.0', valibot: '^1.1.0', ...vitest } }, 'src/routes'),
  makeProject('kit3', 'sveltekit', { devDependencies: { '@sveltejs/kit': '3.2.0', ...vitest }, imports: { '#lib/*': './src/lib/*' } }, 'src/routes'),
];

/** Identifiers in binding or reference position: not property names after a dot or before a colon. */
function namesUsed(text: string, file: string): Set<string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isQualifiedName(parent) && parent.right === node) ||
        ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) ||
        (ts.isBindingElement(parent) && parent.propertyName === node) ||
        (ts.isImportSpecifier(parent) && parent.propertyName === node) ||
        ts.isLabeledStatement(parent);
      if (!isPropertyName) names.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

describe('every name a template uses is on the list resource names keep clear of', () => {
  for (const project of shapes) {
    for (const template of templateNames) {
      it(`${template} in ${project.root.split('/').pop()}`, async () => {
        // A canary resource: every name derived from it contains "Zyx".
        // SvelteKit's handlers guarded too (--auth with locals needs no library): the guard's names are in the route files.
        const auth = project.style === 'sveltekit' && template !== 'webhook' ? { auth: { scope: 'all' as const, role: 'admin' } } : {};
        const plan = await planGeneration({ project, resources: ['zyxes', 'orgs/[orgId]/zyxes'], template, fields: parseFields('title:string,due?:date'), format: false, ...auth });
        const missing = new Map<string, string>();
        for (const file of plan.files) {
          const used = namesUsed(file.after, file.path);
          // Only where a resource's names are written can they clash.
          if (![...used].some((name) => /zyx/i.test(name))) continue;
          for (const name of used) {
            if (/zyx/i.test(name) || name === 'orgId') continue;
            if (isAvailable(name) && !missing.has(name)) missing.set(name, file.path);
          }
        }
        expect(Object.fromEntries(missing), 'add these to templateIdentifiers in src/identifiers.ts').toEqual({});
      });
    }
  }
});

import { test } from 'vitest';
import { ts } from 'ts-morph';
import { performance } from 'node:perf_hooks';
import { parseRouteSource } from '../../src/patch/parse.js';
import { detectIndent, detectEol } from '../../src/patch/detect-style.js';

test('prof', () => {
  const out = ["import { NextResponse } from 'next/server';", ''];
  for (let i = 0; out.length < 5000; i++) out.push(`/** Helper ${i}. */`, `export function helper${i}(input: { id: string; count: number }): string {`, `  const label = \`item-\${input.id}-${i}\`; // keep`, `  return input.count > ${i} ? label : 'none';`, '}', '');
  const text = out.join('\n');
  const p = parseRouteSource(text, 'a.ts');
  for (let r = 0; r < 10; r++) {
    const t0 = performance.now();
    let n = 0;
    const visit = (node: ts.Node): void => { n++; ts.forEachChild(node, visit); };
    visit(p.sourceFile);
    const t1 = performance.now();
    let s = 0;
    const visit2 = (node: ts.Node): void => { if (node.kind === ts.SyntaxKind.StringLiteral) s += node.getStart(p.sourceFile); ts.forEachChild(node, visit2); };
    visit2(p.sourceFile);
    const t2 = performance.now();
    detectIndent(text);
    const t3 = performance.now();
    detectEol(text);
    const t4 = performance.now();
    console.log(n, [t1 - t0, t2 - t1, t3 - t2, t4 - t3].map((x) => x.toFixed(1)).join(' '));
  }
});

import { expect, test } from 'vitest';
import { addMethodExports, analyzeRouteFile } from '../../src/patch/index.js';

/** A realistic 5,000-line route file: many helpers, a GET near the top, an unrelated tail. */
function bigRouteFile(lines: number): string {
  const out = ["import { NextResponse } from 'next/server';", "import { z } from 'zod';", ''];
  out.push('export async function GET() {', '  return NextResponse.json({ ok: true });', '}', '');
  for (let i = 0; out.length + 6 <= lines; i++) {
    out.push(
      `/** Helper ${i}. */`,
      `export function helper${i}(input: { id: string; count: number }): string {`,
      `  const label = \`item-\${input.id}-${i}\`; // keep`,
      `  return input.count > ${i} ? label : 'none';`,
      '}',
      '',
    );
  }
  while (out.length < lines) out.push('// end of helpers');
  return out.join('\n') + '\n';
}

const post = `export async function POST(request: Request) {
  const body = z.object({ title: z.string() }).parse(await request.json());
  return NextResponse.json(body, { status: 201 });
}
`;
const imports = [
  { module: 'next/server', name: 'NextResponse' },
  { module: 'zod', name: 'z' },
];

// Speed is measured by `npm run bench`, never asserted here: these machines are shared and noisy.
test('a 5,000-line file is patched correctly and idempotently', () => {
  const input = bigRouteFile(5000);
  expect(input.split('\n')).toHaveLength(5001);
  const text = addMethodExports(input, 'route.ts', [{ name: 'POST', code: post }], imports).text;

  expect(text.startsWith(input.slice(0, input.indexOf('}\n') + 2) + '\n' + post)).toBe(true);
  expect(analyzeRouteFile(text, 'route.ts').methods.map((m) => m.name)).toEqual(['GET', 'POST']);
  expect(addMethodExports(text, 'route.ts', [{ name: 'POST', code: post }], imports).text).toBe(text);
});

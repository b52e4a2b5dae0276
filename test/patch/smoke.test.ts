import { test } from 'vitest';
import { addMethodExports, analyzeRouteFile } from '../../src/patch/index.js';

test('smoke', () => {
  const input = `import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';

export const GET: RequestHandler = async ({ params }) => {
  return json({ id: params.id });
};
`;
  console.log(analyzeRouteFile(input, '+server.ts'));
  const r = addMethodExports(input, '+server.ts', [
    { name: 'GET', code: 'export const GET = 1;' },
    { name: 'POST', code: "export const POST: RequestHandler = async ({ request }) => {\n  const body = await request.json();\n  if (!body) error(400, 'bad');\n  return json(body, { status: 201 });\n};\n" },
  ], [{ module: '@sveltejs/kit', name: 'error' }, { module: '@sveltejs/kit', name: 'json' }, { module: './$types', name: 'RequestHandler', typeOnly: true }, { module: '@sveltejs/kit', name: 'redirect' }]);
  console.log(r.text, r.added, r.skipped);
  const r2 = addMethodExports('\uFEFF\'use server\'\r\n\r\nexport default 1\r\n', 'route.ts', [{ name: 'GET', code: 'export async function GET() {\n  return NextResponse.json({})\n}' }], [{ module: 'next/server', name: 'NextResponse' }]);
  console.log(JSON.stringify(r2.text));
});

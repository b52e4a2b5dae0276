import fc from 'fast-check';
import { ts } from 'ts-morph';
import { describe, expect, test } from 'vitest';
import {
  addMethodExports,
  analyzeRouteFile,
  applyInsertions,
  HTTP_METHODS,
  planMethodExports,
  type HttpMethod,
  type ImportSpec,
  type MethodSnippet,
  type TextInsertion,
} from '../../src/patch/index.js';

type Form = 'function' | 'const' | 'typed-const' | 'let' | 'var' | 'alias-list' | 'local-list' | 're-export' | 'alias-re-export' | 'overload';
const TS_ONLY: Form[] = ['typed-const', 'overload'];
const FORMS: Form[] = ['function', 'const', 'typed-const', 'let', 'var', 'alias-list', 'local-list', 're-export', 'alias-re-export', 'overload'];

interface Options {
  js: boolean;
  quote: "'" | '"';
  semi: boolean;
}

/** One method export as people write it; may be several statements. */
function methodExport(method: HttpMethod, form: Form, o: Options): string {
  const q = o.quote;
  const s = o.semi ? ';' : '';
  const param = o.js ? 'request' : 'request: Request';
  switch (form) {
    case 'function':
      return `export async function ${method}(${param}) {\n  return new Response(${q}${method}${q})${s}\n}`;
    case 'const':
      return `export const ${method} = async () => new Response(${q}${method}${q})${s}`;
    case 'typed-const':
      return `export const ${method}: RequestHandler = async ({ params }) => {\n  return new Response(params.id)${s}\n}${s}`;
    case 'let':
      return `export let ${method} = async () => new Response(null)${s}`;
    case 'var':
      return `export var ${method} = function () {\n  return new Response(null)${s}\n}${s}`;
    case 'alias-list':
      return `const handle_${method} = async () => new Response(null)${s}\nexport { handle_${method} as ${method} }${s}`;
    case 'local-list':
      return `async function ${method}() {\n  return new Response(null)${s}\n}\nexport {\n  ${method},\n}${s}`;
    case 're-export':
      return `export { ${method} } from ${q}./shared${q}${s}`;
    case 'alias-re-export':
      return `export { handler as ${method} } from ${q}./${method.toLowerCase()}${q}${s}`;
    case 'overload':
      return `export function ${method}(id: string): Response${s}\nexport function ${method}(id?: string) {\n  return new Response(id ?? null)${s}\n}`;
  }
}

/** New code in the caller's shape: it uses imports, some of them type-only, and sometimes a helper. */
function snippet(method: HttpMethod, variant: number, o: Options): MethodSnippet {
  const q = o.quote;
  const s = o.semi ? ';' : '';
  const lower = method.toLowerCase();
  const variants = [
    `export async function ${method}() {\n  return json({ method: ${q}${method}${q} })${s}\n}`,
    o.js
      ? `export const ${method} = async () => text(${q}${method}${q})${s}`
      : `export const ${method}: RequestHandler = async () => text(${q}${method}${q})${s}`,
    `const ${lower}Status = 200${s}\n\nexport async function ${method}() {\n  if (Math.random() > 2) error(500, ${q}never${q})${s}\n  return json({ status: ${lower}Status })${s}\n}`,
  ];
  return { name: method, code: `${variants[variant % variants.length] ?? ''}\n` };
}

const IMPORTS: ImportSpec[] = [
  { module: '@sveltejs/kit', name: 'json' },
  { module: '@sveltejs/kit', name: 'text' },
  { module: '@sveltejs/kit', name: 'error' },
  { module: './$types', name: 'RequestHandler', typeOnly: true },
  { module: '$lib/unused', name: 'neverUsed' },
];

const comment = fc.constantFrom('', '// a note', '/* block */', '/**\n * Docs.\n */', '// trailing   ');
const gap = fc.constantFrom('\n', '\n\n', '\n\n\n', '\n  \n');

const routeFile = fc
  .record({
    js: fc.boolean(),
    quote: fc.constantFrom<"'" | '"'>("'", '"'),
    semi: fc.boolean(),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    trailingNewline: fc.boolean(),
    directive: fc.boolean(),
    header: fc.boolean(),
    imports: fc.subarray(['json', 'type', 'other', 'multiline'] as const),
    methods: fc.uniqueArray(fc.constantFrom(...HTTP_METHODS), { maxLength: 8 }),
    forms: fc.array(fc.constantFrom(...FORMS), { minLength: 8, maxLength: 8 }),
    extras: fc.array(fc.constantFrom('helper', 'config', 'default'), { maxLength: 3 }),
    order: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
    comments: fc.array(comment, { minLength: 24, maxLength: 24 }),
    gaps: fc.array(gap, { minLength: 24, maxLength: 24 }),
    toAdd: fc.uniqueArray(fc.constantFrom(...HTTP_METHODS), { maxLength: 8 }),
    variants: fc.array(fc.nat(5), { minLength: 8, maxLength: 8 }),
  })
  .map((r) => {
    const o: Options = { js: r.js, quote: r.quote, semi: r.semi };
    const q = r.quote;
    const s = r.semi ? ';' : '';
    const head: string[] = [];
    if (r.directive) head.push(`${q}use server${q}${s}`);
    if (r.header) head.push('// Licensed under MIT.\n');
    for (const kind of r.imports) {
      if (kind === 'json') head.push(`import { json } from ${q}@sveltejs/kit${q}${s}`);
      if (kind === 'type' && !r.js) head.push(`import type { RequestHandler } from ${q}./$types${q}${s}`);
      if (kind === 'other') head.push(`import { db } from ${q}$lib/server/db${q}${s}`);
      if (kind === 'multiline') head.push(`import {\n  dev, // only here\n} from ${q}$app/environment${q}${s}`);
    }
    const body: string[] = [];
    r.methods.forEach((method, i) => {
      let form = r.forms[i] ?? 'function';
      if (r.js && TS_ONLY.includes(form)) form = 'function';
      body.push(methodExport(method, form, o));
    });
    for (const extra of r.extras) {
      if (extra === 'helper') body.push(`const helper = ${q}x${q}${s}`);
      if (extra === 'config') body.push(`export const config = { runtime: ${q}edge${q} }${s}`);
      if (extra === 'default' && !body.some((b) => b.startsWith('export default'))) body.push(`export default function legacy() {}`);
    }
    // Shuffle the body deterministically from the generated numbers.
    const shuffled = body.map((b, i) => ({ b, k: r.order[i % r.order.length] ?? 0 })).sort((a, b) => a.k - b.k).map((x) => x.b);
    let text = '';
    [...head, ...shuffled].forEach((part, i) => {
      const c = r.comments[i % r.comments.length] ?? '';
      text += (c ? `${c}\n` : '') + part + (r.gaps[i % r.gaps.length] ?? '\n');
    });
    text += r.comments[23] ?? '';
    if (!r.trailingNewline) text = text.replace(/\s+$/, '');
    else if (!text.endsWith('\n')) text += '\n';
    if (r.crlf) text = text.replace(/\n/g, '\r\n');
    if (r.bom) text = `\uFEFF${text}`;
    const snippets = r.toAdd.map((m, i) => snippet(m, r.variants[i] ?? 0, o));
    return { text, fileName: r.js ? 'route.js' : 'route.ts', snippets, existing: r.methods, options: r };
  });

/** Takes the inserted ranges back out of the output. */
function removeInsertions(output: string, insertions: readonly TextInsertion[]): string {
  const sorted = insertions.map((ins, i) => ({ ins, i })).sort((a, b) => a.ins.pos - b.ins.pos || a.i - b.i);
  let out = '';
  let at = 0; // offset in output
  let shift = 0;
  for (const { ins } of sorted) {
    const start = ins.pos + shift;
    out += output.slice(at, start);
    at = start + ins.text.length;
    shift += ins.text.length;
  }
  return out + output.slice(at);
}

function importedNames(text: string, fileName: string): string[] {
  const sf = ts.createSourceFile(fileName, text.replace(/^\uFEFF/, ''), ts.ScriptTarget.Latest, false);
  const names: string[] = [];
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !st.importClause) continue;
    if (st.importClause.name) names.push(st.importClause.name.text);
    const nb = st.importClause.namedBindings;
    if (nb && ts.isNamedImports(nb)) names.push(...nb.elements.map((e) => e.name.text));
  }
  return names;
}

describe('addMethodExports properties', () => {
  test('inserts only, parses, reports the union, is idempotent', () => {
    fc.assert(
      fc.property(routeFile, ({ text, fileName, snippets, existing }) => {
        const before = analyzeRouteFile(text, fileName);
        expect(new Set(before.methods.map((m) => m.name))).toEqual(new Set(existing));

        const plan = planMethodExports(text, fileName, snippets, IMPORTS);
        const result = addMethodExports(text, fileName, snippets, IMPORTS);
        expect(result.text).toBe(applyInsertions(text, plan.insertions));
        expect(removeInsertions(result.text, plan.insertions)).toBe(text);

        const expectedAdded = snippets.map((s) => s.name).filter((n) => !existing.includes(n as HttpMethod));
        expect(result.added).toEqual(expectedAdded);
        expect(result.skipped).toEqual(snippets.map((s) => s.name).filter((n) => existing.includes(n as HttpMethod)));

        const after = analyzeRouteFile(result.text, fileName); // throws on a syntax error
        expect(new Set(after.methods.map((m) => m.name))).toEqual(new Set([...existing, ...expectedAdded]));
        expect(after.style.bom).toBe(before.style.bom);

        if (before.style.eol === '\r\n') expect(result.text).not.toMatch(/[^\r]\n/);
        else expect(result.text).not.toContain('\r');
        if (/\S/.test(text)) expect(/\r?\n$/.test(result.text)).toBe(/\r?\n$/.test(text));

        const directive = /^\uFEFF?(['"])use server\1/.exec(text)?.[0];
        if (directive) expect(result.text.startsWith(directive)).toBe(true);

        const names = importedNames(result.text, fileName);
        expect(new Set(names).size).toBe(names.length);
        expect(names).not.toContain('neverUsed');

        const again = addMethodExports(result.text, fileName, snippets, IMPORTS);
        expect(again.text).toBe(result.text);
        expect(again.added).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});

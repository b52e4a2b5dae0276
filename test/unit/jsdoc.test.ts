// JavaScript output keeps its types in JSDoc: the converted module must pass
// TypeScript's checkJs under strict, and its types must be real (a wrong use
// of what it exports is an error, not an `any`).
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { stripTypes } from '../../src/render/strip-types.js';

const source = `import type { Helper } from "./helper";
import { helper, type Other } from "./helper";

/** A shape. */
export interface Shape<T> extends Base {
  /** Its name. */
  name: string;
  size?: number;
  items: T[];
  measure(scale: number): number;
}

interface Base {
  id: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

const LIMIT: number = 10;

/** Finds an item. */
export function find<T extends { id: string }>(items: readonly T[], id: string, fallback: T | null = null): T | null {
  return items.find((item: T) => item.id === id) ?? fallback;
}

export const total = (...values: number[]): number => values.reduce((sum, v) => sum + v, 0);

export const index = new Map<string, Shape<number>>();

export const first = find<{ id: string; n: number }>([], "a");

export function parse(text: string): Outcome<Record<string, unknown>> {
  const value = JSON.parse(text) as unknown;
  if (typeof value !== "object" || value === null) return { ok: false, error: "not an object" };
  return { ok: true, value: value as Record<string, unknown> };
}

export const config = { limit: LIMIT } satisfies Record<string, number>;

export function use(h: Helper, o: Other): string {
  return helper(h, o);
}
`;

const helper = `export interface Helper { a: string }
export type Other = number;
export function helper(h: Helper, o: Other): string { return h.a + o; }
`;

function check(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = { allowJs: true, checkJs: true, strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts'] };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => files[name.replace(/^\//, '')] ?? read(name);
  host.fileExists = (name) => name.replace(/^\//, '') in files || ts.sys.fileExists(name);
  const program = ts.createProgram(Object.keys(files).map((f) => `/${f}`), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('JavaScript output with JSDoc types', () => {
  it('passes checkJs under strict, and its types are real', async () => {
    const js = await stripTypes(source, 'module.js');
    expect(js).toContain("/** @import { Helper } from './helper' */");
    expect(js).toContain('@template {{ id: string }} T');
    expect(js).toContain('@param {T | null} [fallback]');
    expect(js).toContain('@param {...number} values');
    expect(js).toContain('@typedef {Base & { name: string; size?: number; items: T[]; measure(scale: number): number }} Shape');
    expect(js).toContain('/** @type {Record<string, unknown>} */ (value)');
    expect(js).toContain('/** @satisfies {Record<string, number>} */');
    expect(js).toContain('/** @type {Map<string, Shape<number>>} */ (new Map())');
    expect(js).toContain('/** @type {ReturnType<typeof find<{ id: string; n: number }>>} */ (find([], "a"))');
    expect(js.replace(/\/\*[\s\S]*?\*\//g, '')).not.toMatch(/: (string|number)\b/);
    const helperJs = await stripTypes(helper, 'helper.js');
    expect(check({ 'module.js': js, 'helper.js': helperJs })).toEqual([]);
    const misuse = `import { find, parse, index, first } from "./module.js";\nfind([{ id: "a" }], 1);\nconst r = parse("{}");\nif (r.ok) r.error;\nindex.set("a", 1);\nfirst?.nope;\n`;
    const errors = check({ 'module.js': js, 'helper.js': helperJs, 'misuse.js': misuse });
    expect(errors.length).toBeGreaterThanOrEqual(4);
    expect(errors.join('\n')).toMatch(/misuse\.js.*number.*string/);
  });
});

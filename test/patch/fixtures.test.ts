import { describe, expect, test } from 'vitest';
import {
  addMethodExports,
  analyzeRouteFile,
  RouteFilePatchError,
  RouteFileSyntaxError,
} from '../../src/patch/index.js';
import { loadFixtureCases, writeExpected } from './fixture-cases.js';
import { isSubsequence } from './subsequence.js';

// UPDATE_FIXTURES=1 writes missing expected files; review them before committing.
const update = process.env.UPDATE_FIXTURES === '1';
const cases = loadFixtureCases();

describe('addMethodExports fixtures', () => {
  test('there are enough cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of cases) {
    test(c.name, () => {
      const run = (text: string) => addMethodExports(text, c.fileName, c.snippets, c.imports);

      if (c.spec.analysis) {
        expect(analyzeRouteFile(c.input, c.fileName)).toMatchObject(c.spec.analysis);
      }

      const expectedError = c.spec.error;
      if (expectedError) {
        let caught: unknown;
        try {
          run(c.input);
        } catch (error) {
          caught = error;
        }
        const type = expectedError.type === 'RouteFileSyntaxError' ? RouteFileSyntaxError : RouteFilePatchError;
        expect(caught).toBeInstanceOf(type);
        expect((caught as Error).message).toContain(expectedError.message);
        if (caught instanceof RouteFileSyntaxError) {
          expect({ line: caught.line, column: caught.column }).toEqual({ line: expectedError.line, column: expectedError.column });
          expect(() => analyzeRouteFile(c.input, c.fileName)).toThrow(RouteFileSyntaxError);
        }
        return;
      }

      const result = run(c.input);
      if (c.expected === undefined && update) writeExpected(c, result.text);
      expect(c.expected, `missing ${c.expectedPath}`).toBeDefined();
      expect(result.text).toBe(c.expected);
      if (c.spec.added) expect(result.added).toEqual(c.spec.added);
      if (c.spec.skipped) expect(result.skipped).toEqual(c.spec.skipped);
      expect([...result.added, ...result.skipped].sort()).toEqual(c.snippets.map((s) => s.name).sort());
      expect(isSubsequence(c.input, result.text)).toBe(true);

      const again = run(result.text);
      expect(again.text).toBe(result.text);
      expect(again.added).toEqual([]);

      const before = analyzeRouteFile(c.input, c.fileName).methods.map((m) => m.name);
      const after = analyzeRouteFile(result.text, c.fileName).methods.map((m) => m.name);
      expect(new Set(after)).toEqual(new Set([...before, ...result.added]));
    });
  }
});

// When generation may skip Prettier: only where Prettier would format with its
// defaults. Each case is a real folder tree, and the answer is checked against
// what Prettier itself resolves there.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as prettier from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import { prettierDefaultsApply } from '../../src/render/prettier-defaults.js';

const base = mkdtempSync(join(tmpdir(), 'prettier-defaults-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let count = 0;
/** A project with these files; returns the path of a route file deep inside it. */
function project(files: Record<string, string>): string {
  const root = join(base, String(count++));
  for (const [path, text] of Object.entries({ 'package.json': '{"name":"app"}', ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return join(root, 'src/app/api/todos/route.ts');
}

/** Options Prettier resolves for the file, beyond what a file without config gets. */
async function resolved(file: string) {
  return (await prettier.resolveConfig(file, { editorconfig: true, useCache: false })) ?? {};
}

describe('prettierDefaultsApply', () => {
  it('is true without any config, and Prettier resolves nothing there either', async () => {
    const file = project({});
    expect(prettierDefaultsApply(file)).toBe(true);
    expect(await resolved(file)).toEqual({});
  });

  it('is true for a JSON config of default values and other languages\' plugins', () => {
    expect(prettierDefaultsApply(project({ '.prettierrc': '{"semi": true, "printWidth": 80, "plugins": ["prettier-plugin-svelte"]}' }))).toBe(true);
    expect(prettierDefaultsApply(project({ '.prettierrc.json': '{"trailingComma": "all", "endOfLine": "auto"}' }))).toBe(true);
    expect(prettierDefaultsApply(project({ 'package.json': '{"prettier": {"singleQuote": false}}' }))).toBe(true);
  });

  it('is false when a config changes how TypeScript prints', async () => {
    for (const config of ['{"singleQuote": true}', '{"useTabs": true}', '{"printWidth": 100}', '{"semi": false}', '{"trailingComma": "es5"}']) {
      const file = project({ '.prettierrc': config });
      expect(prettierDefaultsApply(file), config).toBe(false);
      expect(Object.keys(await resolved(file)).length, config).toBeGreaterThan(0);
    }
  });

  it('is false for plugins that may format TypeScript, overrides, and configs it does not read', () => {
    expect(prettierDefaultsApply(project({ '.prettierrc': '{"plugins": ["prettier-plugin-organize-imports"]}' }))).toBe(false);
    expect(prettierDefaultsApply(project({ '.prettierrc': '{"overrides": [{"files": "*.ts", "options": {"semi": false}}]}' }))).toBe(false);
    expect(prettierDefaultsApply(project({ '.prettierrc': 'semi: false\n' }))).toBe(false);
    expect(prettierDefaultsApply(project({ 'prettier.config.mjs': 'export default {};\n' }))).toBe(false);
    expect(prettierDefaultsApply(project({ 'package.json': '{"prettier": "@company/prettier-config"}' }))).toBe(false);
  });

  it('is false with an .editorconfig, whose indent and width Prettier reads', async () => {
    const file = project({ '.editorconfig': 'root = true\n[*]\nindent_style = tab\n' });
    expect(prettierDefaultsApply(file)).toBe(false);
    expect(await resolved(file)).toMatchObject({ useTabs: true });
  });

  it('finds a config in the folder of the file, or in any folder above the project', () => {
    expect(prettierDefaultsApply(project({ 'src/app/api/.prettierrc': '{"singleQuote": true}' }))).toBe(false);
    const outer = join(base, 'outer');
    mkdirSync(join(outer, 'app/src/app/api/todos'), { recursive: true });
    writeFileSync(join(outer, '.prettierrc.yaml'), 'singleQuote: true\n');
    writeFileSync(join(outer, 'app/package.json'), '{"name":"app"}');
    expect(prettierDefaultsApply(join(outer, 'app/src/app/api/todos/route.ts'))).toBe(false);
  });
});

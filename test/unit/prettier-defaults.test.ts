// Which options generation prints with when it does without Prettier: read
// from the project's config without loading Prettier, and only where that is
// certain. Each case is a real folder tree, and the answer is checked against
// what Prettier itself resolves there.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as prettier from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import { forgetPrettierConfigs } from '../../src/project/prettier-config.js';
import { prettierDefaults, printOptionsFor } from '../../src/render/print-options.js';

const base = mkdtempSync(join(tmpdir(), 'prettier-options-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let count = 0;
/** A project with these files; returns the path of a route file deep inside it. */
function project(files: Record<string, string>): string {
  const root = join(base, String(count++));
  for (const [path, text] of Object.entries({ 'package.json': '{"name":"app","type":"module"}', ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return join(root, 'src/routes/api/todos/+server.ts');
}

/** What Prettier resolves for the file (plugins aside: none is installed here, and a plugin's options are its own). */
async function resolved(file: string) {
  const config = (await prettier.resolveConfig(file, { editorconfig: true, useCache: false })) ?? {};
  const { plugins: _plugins, ...options } = config;
  return options;
}

const svConfig = readFileSync(new URL('../fixtures/scaffolds/sv-ts/prettier.config.js', import.meta.url), 'utf8');

describe('printOptionsFor', () => {
  it("is Prettier's defaults without any config, where Prettier resolves nothing either", async () => {
    const file = project({});
    expect(printOptionsFor(file)).toEqual(prettierDefaults);
    expect(await resolved(file)).toEqual({});
  });

  it("reads sv's prettier.config.js as text, its svelte override and plugin aside, as Prettier resolves it", async () => {
    const file = project({ 'prettier.config.js': svConfig });
    const options = printOptionsFor(file);
    expect(options).toEqual({ ...prettierDefaults, useTabs: true, singleQuote: true, trailingComma: 'none', printWidth: 100 });
    expect(await resolved(file)).toEqual({ useTabs: true, singleQuote: true, trailingComma: 'none', printWidth: 100 });
  });

  it('reads JSON, YAML, package.json and module configs as Prettier does', async () => {
    const cases: Record<string, string>[] = [
      { '.prettierrc': '{ "semi": false, "tabWidth": 4 }' },
      { '.prettierrc': 'semi: false\nsingleQuote: true # quotes\narrowParens: avoid\n' },
      { '.prettierrc.json': '{ "bracketSpacing": false, "quoteProps": "consistent" }' },
      { '.prettierrc.yaml': "trailingComma: 'es5'\nendOfLine: crlf\n" },
      { 'package.json': '{ "name": "app", "type": "module", "prettier": { "printWidth": 120 } }' },
      { 'prettier.config.js': 'export default { singleQuote: true, semi: false, };\n' },
      { 'prettier.config.cjs': '// config\nmodule.exports = {\n  useTabs: true,\n};\n' },
      { '.prettierrc.mjs': '/** @type {import("prettier").Config} */\nconst config = { tabWidth: 3 };\nexport default config;\n' },
    ];
    for (const files of cases) {
      const file = project(files);
      expect(printOptionsFor(file), JSON.stringify(files)).toEqual({ ...prettierDefaults, ...(await resolved(file)) });
    }
  });

  it('leaves to Prettier what it cannot be sure of', () => {
    const cases: Record<string, string>[] = [
      { '.prettierrc': '{"plugins": ["prettier-plugin-organize-imports"]}' },
      { '.prettierrc': '{"plugins": ["prettier-plugin-svelte", "prettier-plugin-tailwindcss"]}' },
      { '.prettierrc': '{"plugins": ["@trivago/prettier-plugin-sort-imports"]}' },
      { '.prettierrc': '{"overrides": [{"files": "*.ts", "options": {"semi": false}}]}' },
      { '.prettierrc': '{"overrides": [{"files": "src/**", "options": {"semi": false}}]}' },
      { '.prettierrc': '{"objectWrap": "collapse"}' },
      { '.prettierrc': '{"experimentalTernaries": true}' },
      { '.prettierrc': '{"parser": "typescript"}' },
      { '.prettierrc': '{"printWidth": "100"}' },
      { '.prettierrc': 'overrides:\n  - files: "*.ts"\n' },
      { '.prettierrc.json5': '{ semi: false }' },
      { '.prettierrc.toml': 'semi = false\n' },
      { 'prettier.config.js': 'import base from "./base.js";\nexport default { ...base };\n' },
      { 'prettier.config.js': 'export default { semi: process.env.CI === undefined };\n' },
      { 'prettier.config.js': 'const config = { semi: false };\nconfig.semi = true;\nexport default config;\n' },
      { 'package.json': '{"name": "app", "prettier": "@company/prettier-config"}' },
      { '.editorconfig': 'root = true\n[*]\nindent_style = tab\n' },
    ];
    for (const files of cases) expect(printOptionsFor(project(files)), JSON.stringify(files)).toBeUndefined();
  });

  it('finds a config in the folder of the file, or in any folder above the project', () => {
    expect(printOptionsFor(project({ 'src/routes/api/.prettierrc': '{"singleQuote": true}' }))?.singleQuote).toBe(true);
    const outer = join(base, 'outer');
    mkdirSync(join(outer, 'app/src/routes/api/todos'), { recursive: true });
    writeFileSync(join(outer, '.prettierrc.yaml'), 'semi: false\n');
    writeFileSync(join(outer, 'app/package.json'), '{"name":"app"}');
    expect(printOptionsFor(join(outer, 'app/src/routes/api/todos/+server.ts'))?.semi).toBe(false);
  });

  it('reads a config again after forgetPrettierConfigs, as a new plan does', () => {
    const file = project({});
    expect(printOptionsFor(file)?.singleQuote).toBe(false);
    writeFileSync(join(dirname(file), '../../../../.prettierrc'), '{"singleQuote": true}');
    expect(printOptionsFor(file)?.singleQuote).toBe(false);
    forgetPrettierConfigs();
    expect(printOptionsFor(file)?.singleQuote).toBe(true);
  });
});

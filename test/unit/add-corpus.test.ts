// The add corpus (test/add-corpus): each route file is written into a minimal
// project of its framework and `add` runs on it, in process, as the command
// does. The output must equal the expected file to the byte, keep every byte
// of the input in order, and be left alone by a second run; a case where add
// must refuse exits with its code and message and leaves the file as it was.
//
// UPDATE_CORPUS=1 writes missing expected files; read every one before committing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addCommand } from '../../src/commands/add.js';
import { CliError } from '../../src/util/errors.js';
import type { Logger } from '../../src/util/logger.js';
import { formatFile } from '../../src/render/format.js';
import { loadCorpus, writeExpected, type CorpusCase } from '../add-corpus/corpus.js';
import { isSubsequence } from '../patch/subsequence.js';

const update = process.env.UPDATE_CORPUS === '1';
const cases = loadCorpus();

/** What create-next-app and sv write, reduced to what create-endpoint reads; versions as in the e2e fixture apps. */
function projectFiles(c: CorpusCase): Record<string, string> {
  const js = c.spec.project === 'js';
  if (c.spec.framework === 'next') {
    const compilerOptions = js ? { paths: { '@/*': ['./src/*'] } } : { strict: true, allowJs: true, jsx: 'react-jsx', moduleResolution: 'bundler', paths: { '@/*': ['./src/*'] } };
    return {
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { next: '16.4.5', react: '19.3.1', 'react-dom': '19.3.1' }, devDependencies: js ? {} : { typescript: '6.0.3' } }, null, 2),
      [js ? 'jsconfig.json' : 'tsconfig.json']: JSON.stringify({ compilerOptions }, null, 2),
    };
  }
  return {
    'package.json': JSON.stringify(
      { name: 'app', private: true, type: 'module', imports: { '#lib': './src/lib/index.ts', '#lib/*': './src/lib/*' }, devDependencies: { '@sveltejs/kit': '3.2.0', prettier: '3.10.1', svelte: '5.57.3', typescript: '6.0.3', vite: '8.3.8' } },
      null,
      '\t',
    ),
    [js ? 'jsconfig.json' : 'tsconfig.json']: JSON.stringify({ extends: '$app/tsconfig', compilerOptions: { strict: true, ...(js ? { checkJs: true } : {}) } }, null, '\t'),
    // sv's Prettier config, as in the sveltekit3 fixture app.
    '.prettierrc': JSON.stringify({ useTabs: true, singleQuote: true, trailingComma: 'none', printWidth: 100 }, null, '\t'),
  };
}

function writeProject(c: CorpusCase): string {
  const root = mkdtempSync(join(tmpdir(), 'add-corpus-'));
  const files = { ...projectFiles(c), [c.routePath]: c.input };
  for (const [name, text] of Object.entries(c.siblings)) files[join(dirname(c.routePath), name)] = text;
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const silent: Logger = { info() {}, warn() {}, error() {}, hint() {}, out() {} };

/** `create-endpoint add <file> <methods…> --cwd <root>`, in process: the exit code, or the refusal. */
async function add(root: string, c: CorpusCase): Promise<{ code: number; message: string }> {
  const warnings: string[] = [];
  const logger = { ...silent, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
  try {
    const code = await addCommand(join(root, c.routePath), c.spec.methods, { cwd: root, yes: true, template: c.spec.template, ...c.spec.options }, logger);
    return { code, message: warnings.join('\n') };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { code: error.exitCode, message: error.message };
  }
}

const roots: string[] = [];
beforeAll(async () => {
  // Under vitest the sources run as TypeScript, so the Prettier worker (a built .js file) cannot start:
  // formatting once here loads Prettier in this thread, and add then formats with it.
  await formatFile('const warm = 1\n', tmpdir(), 'warm.ts');
});
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('add corpus', () => {
  test('at least 100 cases have an expected output', () => {
    expect(cases.filter((c) => !c.spec.error).length).toBeGreaterThanOrEqual(100);
  });

  for (const c of cases) {
    test(`${c.name}: ${c.spec.description}`, async () => {
      const root = writeProject(c);
      roots.push(root);
      const file = join(root, c.routePath);
      const first = await add(root, c);
      const after = readFileSync(file, 'utf8');

      if (c.spec.error) {
        expect(first.code).toBe(c.spec.error.code);
        expect(first.message).toContain(c.spec.error.message);
        expect(after).toBe(c.input);
        return;
      }
      expect(first.code, first.message).toBe(0);
      if (c.spec.warning) expect(first.message).toContain(c.spec.warning);
      else expect(first.message).toBe('');
      if (c.expected === undefined && update) writeExpected(c, after);
      expect(c.expected, `missing ${c.expectedPath} (UPDATE_CORPUS=1 writes it)`).toBeDefined();
      expect(after).toBe(c.expected);
      expect(isSubsequence(c.input, after), 'every byte of the input survives, in order').toBe(true);

      const second = await add(root, c);
      expect(second.code).toBe(0);
      expect(readFileSync(file, 'utf8'), 'a second run changes nothing').toBe(after);
    });
  }
});

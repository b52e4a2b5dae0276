import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportSpec, MethodSnippet, RouteFileAnalysis } from '../../src/patch/index.js';

/**
 * Fixture files end in `.txt` (`input.ts.txt`) so that tsc, Prettier and
 * editors leave them alone: several are deliberately broken or oddly formatted.
 */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const SNIPPETS = join(FIXTURES, '_snippets');

interface CaseJson {
  /** The name passed to the patcher; defaults to `route.<ext>` from the input file. */
  fileName?: string;
  description?: string;
  methods: ({ name: string; code: string } | { name: string; snippet: string })[];
  imports: ImportSpec[];
  added?: string[];
  skipped?: string[];
  analysis?: Partial<Omit<RouteFileAnalysis, 'style'>> & { style?: Partial<RouteFileAnalysis['style']> };
  error?: { type: 'RouteFileSyntaxError' | 'RouteFilePatchError'; message: string; line?: number; column?: number };
}

export interface FixtureCase {
  name: string;
  dir: string;
  fileName: string;
  input: string;
  expected: string | undefined;
  expectedPath: string;
  snippets: MethodSnippet[];
  imports: ImportSpec[];
  spec: CaseJson;
}

export function loadFixtureCases(): FixtureCase[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort()
    .map(loadCase);
}

function loadCase(name: string): FixtureCase {
  const dir = join(FIXTURES, name);
  const inputFile = readdirSync(dir).find((f) => f.startsWith('input.'));
  if (!inputFile) throw new Error(`fixture ${name} has no input file`);
  const ext = inputFile.slice('input.'.length).replace(/\.txt$/, '');
  const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseJson;
  const expectedPath = join(dir, `expected.${ext}.txt`);
  return {
    name,
    dir,
    fileName: spec.fileName ?? `route.${ext}`,
    input: readFileSync(join(dir, inputFile), 'utf8'),
    expected: existsSync(expectedPath) ? readFileSync(expectedPath, 'utf8') : undefined,
    expectedPath,
    snippets: spec.methods.map((m) => ({
      name: m.name,
      code: 'code' in m ? m.code : readFileSync(join(SNIPPETS, `${m.snippet}.txt`), 'utf8'),
    })),
    imports: spec.imports,
    spec,
  };
}

export function writeExpected(c: FixtureCase, text: string): void {
  writeFileSync(c.expectedPath, text);
}

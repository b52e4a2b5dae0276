// The add corpus: route files in the shapes people write, each with what
// `create-endpoint add` must make of it. One folder a case under cases/:
//
//   case.json           { framework, file, route?, methods, template?, options?, description, project?, error?, diagnosticsBefore?, knownBug? }
//   input.<ext>.txt     the route file as the user wrote it
//   expected.<ext>.txt  the file after `add` (absent for a case where add must refuse)
//   siblings/*.txt      modules the route imports, written beside it (`auth.ts.txt` → `auth.ts`)
//
// Files end in `.txt` so that tsc, Prettier and editors leave them alone.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CASES = join(dirname(fileURLToPath(import.meta.url)), 'cases');

export interface CaseSpec {
  framework: 'next' | 'sveltekit';
  /** The route file's name: route.ts, route.js, route.tsx, +server.ts, +server.js. */
  file: string;
  /** The route's folder below the app (Next.js) or routes (SvelteKit) folder; default `api/<case name>`. */
  route?: string;
  methods: string[];
  /** `--template`: take the bodies from this template (it may create helper modules too); default a 501 placeholder. */
  template?: 'webhook' | 'stream' | 'download' | 'cors';
  /** The template's flags: `{ provider: 'stripe' }` is `--provider stripe`, `{ sse: true }` is `--sse`, `{ origins: 'https://a.example' }` is `--origins https://a.example`. */
  options?: { provider?: string; sse?: boolean; origins?: string };
  description: string;
  /** The project's language: a `js` project has a jsconfig.json instead of a tsconfig.json. Default `ts`. */
  project?: 'ts' | 'js';
  /** add succeeds with a warning: part of it (cors: the handlers it could not wrap, and why). */
  warning?: string;
  /** add must refuse: its exit code and part of its message; nothing is written. */
  error?: { code: number; message: string };
  /** Why the input has diagnostics in the real app before add (the e2e test allows them for this case only). */
  diagnosticsBefore?: string;
  /** A known bug in add's output for this input, left for later: the expected file shows what add writes today. */
  knownBug?: string;
}

export interface CorpusCase {
  name: string;
  dir: string;
  spec: CaseSpec;
  input: string;
  /** Undefined when the case has no expected file (yet, or because add must refuse). */
  expected: string | undefined;
  expectedPath: string;
  /** Modules beside the route file: name → content. */
  siblings: Record<string, string>;
  /** The route file relative to the project root, as the fast test lays the project out. */
  routePath: string;
}

const extension = (file: string) => file.slice(file.indexOf('.', 1) + 1);

/** `src/app` for Next.js (create-next-app's --src-dir), `src/routes` for SvelteKit. */
export function routesDir(framework: CaseSpec['framework']): string {
  return framework === 'next' ? 'src/app' : 'src/routes';
}

export function loadCorpus(): CorpusCase[] {
  return readdirSync(CASES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(CASES, name);
      const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseSpec;
      const ext = extension(spec.file);
      const expectedPath = join(dir, `expected.${ext}.txt`);
      const siblingsDir = join(dir, 'siblings');
      const siblings: Record<string, string> = {};
      if (existsSync(siblingsDir)) {
        for (const f of readdirSync(siblingsDir)) siblings[f.replace(/\.txt$/, '')] = readFileSync(join(siblingsDir, f), 'utf8');
      }
      return {
        name,
        dir,
        spec,
        input: readFileSync(join(dir, `input.${ext}.txt`), 'utf8'),
        expected: existsSync(expectedPath) ? readFileSync(expectedPath, 'utf8') : undefined,
        expectedPath,
        siblings,
        routePath: `${routesDir(spec.framework)}/${spec.route ?? `api/${name}`}/${spec.file}`,
      };
    });
}

export function writeExpected(c: CorpusCase, text: string): void {
  writeFileSync(c.expectedPath, text);
  c.expected = text;
}

/** The command-line arguments of a case's run after `add <file>`. */
export function addArgs(spec: CaseSpec): string[] {
  const args = [...spec.methods];
  if (spec.template) args.push('--template', spec.template);
  if (spec.options?.provider) args.push('--provider', spec.options.provider);
  if (spec.options?.sse) args.push('--sse');
  if (spec.options?.origins) args.push('--origins', spec.options.origins);
  return args;
}

// The add corpus (test/add-corpus) in real apps: every case of a framework is
// copied into its own route folder of one copy of the next16 or sveltekit3
// fixture app, and `add` (the built CLI) runs on each. The app's type check
// (one tsc program before, one after) must report no diagnostic on any file
// that the file did not have before, and a file that passed the app's
// `prettier --check` before must pass after. A placeholder must also be the
// fast test's expected file (test/unit/add-corpus.test.ts), but for the
// route's URL, one folder deeper here: the real app's installed framework
// gives what the minimal project's package.json gives.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArgs, loadCorpus, routesDir, type CorpusCase } from '../add-corpus/corpus.js';
import { runCli } from '../cli/run-cli.js';
import { createApp, type App, type FixtureName } from './harness/index.js';

type Prettier = typeof import('prettier');

interface Placed {
  c: CorpusCase;
  /** The route file, relative to the app. */
  file: string;
  /** The route file and its siblings, relative to the app. */
  files: string[];
}

/** tsc's diagnostics (`--pretty false`) per file, as `TS1234 message`: lines move when add inserts, so positions are left out. */
function diagnosticsByFile(output: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let last: string[] | undefined;
  for (const line of output.split('\n')) {
    const located = /^(.+?)\(\d+,\d+\): (?:error|warning) (TS\d+): (.*)$/.exec(line);
    const global = /^(?:error|warning) (TS\d+): (.*)$/.exec(line);
    if (located || global) {
      const [file, code, message] = located ? [located[1]!, located[2]!, located[3]!] : ['', global![1]!, global![2]!];
      last = out.get(file) ?? [];
      out.set(file, last);
      last.push(`${code} ${message}`);
    } else if (last && /^\s/.test(line) && line.trim() !== '') {
      // A message's further lines (the chain of reasons) belong to it.
      last[last.length - 1] += `\n${line.trim()}`;
    }
  }
  return out;
}

/** What `after` has that `before` has not, counting repeats. */
function newDiagnostics(before: string[], after: string[]): string[] {
  const left = [...before];
  return after.filter((d) => {
    const i = left.indexOf(d);
    if (i === -1) return true;
    left.splice(i, 1);
    return false;
  });
}


async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

const corpus = loadCorpus().filter((c) => !c.spec.error);
/** The folder of a case in the app, above the route folder the fast test uses. */
const prefix = (c: CorpusCase) => `corpus/${c.name}`;

for (const fixture of ['next16', 'sveltekit3'] as FixtureName[]) {
  const framework = fixture.startsWith('next') ? 'next' : 'sveltekit';
  const cases = corpus.filter((c) => c.spec.framework === framework);

  describe(`add corpus in ${fixture}: ${cases.length} route files`, () => {
    let app: App;
    let prettier: Prettier;
    let placed: Placed[];

    /** The typecheck script with tsc's plain output, so each diagnostic is one parsable line. */
    const typecheck = async () => {
      const script = (JSON.parse(await app.readFile('package.json')) as { scripts: Record<string, string> }).scripts.typecheck!;
      const result = await app.run('sh', ['-c', `${script} --pretty false`]);
      expect(result.code === 0 || result.stdout.includes(': error TS'), `${result.stdout}\n${result.stderr}`).toBe(true);
      return diagnosticsByFile(result.stdout);
    };
    /** The files that pass `prettier --check` with the app's Prettier and its config (none in next16: the defaults). */
    const formatted = async (files: string[]) => {
      const passing = new Set<string>();
      for (const file of files) {
        const path = app.path(file);
        const options = { ...(await prettier.resolveConfig(path)), filepath: path };
        if (await prettier.check(await readFile(path, 'utf8'), options)) passing.add(file);
      }
      return passing;
    };

    beforeAll(async () => {
      app = await createApp(fixture);
      try {
        prettier = (await import(pathToFileURL(app.path('node_modules/prettier/index.mjs')).href)) as Prettier;
      } catch {
        prettier = await import('prettier');
      }
      placed = [];
      for (const c of cases) {
        // Its own folder a case, so that routes given as `items/[id]` do not meet.
        const folder = `${routesDir(framework)}/${prefix(c)}/${c.spec.route ?? `api/${c.name}`}`;
        const file = `${folder}/${c.spec.file}`;
        await app.writeFile(file, c.input);
        for (const [name, text] of Object.entries(c.siblings)) await app.writeFile(`${folder}/${name}`, text);
        placed.push({ c, file, files: [file, ...Object.keys(c.siblings).map((name) => `${folder}/${name}`)] });
      }
    }, 300_000);
    afterAll(async () => app?.remove());

    it('add keeps every file as clean for tsc and Prettier as it was', async () => {
      const allFiles = placed.flatMap((p) => p.files);
      const diagnosticsBefore = await typecheck();
      const prettierBefore = await formatted(allFiles);

      // Two at a time, but one at a time for templates: they may create the same helper module.
      const add = (p: Placed) => runCli(['add', p.file, ...addArgs(p.c.spec)], { cwd: app.dir });
      const placeholders = placed.filter((p) => !p.c.spec.template);
      const templated = placed.filter((p) => p.c.spec.template);
      const runs = [...(await mapLimit(placeholders, 2, add)), ...(await mapLimit(templated, 1, add))];
      const failed = runs.map((r, i) => ({ r, p: [...placeholders, ...templated][i]! })).filter(({ r }) => r.code !== 0);
      expect(failed.map(({ p, r }) => `${p.c.name}: exit ${r.code}: ${r.stderr}`)).toEqual([]);

      const differs: string[] = [];
      for (const p of placed) {
        const after = await app.readFile(p.file);
        // The URL is one folder deeper here. Placeholders write it in a comment only; a template writes
        // it in code too, where a longer line may break differently, so those are left to tsc and Prettier.
        if (p.c.expected === undefined || p.c.spec.template) continue;
        const unprefixed = after.split(`/${prefix(p.c)}/`).join('/');
        if (unprefixed === p.c.expected) continue;
        const [got, want] = [unprefixed.split('\n'), p.c.expected.split('\n')];
        const line = got.findIndex((l, i) => l !== want[i]);
        differs.push(`${p.c.name}, line ${line + 1}: ${JSON.stringify(got[line])}, expected ${JSON.stringify(want[line])}`);
      }
      expect(differs, 'the output in the real app is not the expected file').toEqual([]);

      const diagnosticsAfter = await typecheck();
      const prettierAfter = await formatted(allFiles);
      const added: string[] = [];
      for (const [file, after] of diagnosticsAfter) {
        for (const d of newDiagnostics(diagnosticsBefore.get(file) ?? [], after)) added.push(`${file}: ${d}`);
      }
      expect(added, 'diagnostics the files did not have before add').toEqual([]);
      const unformatted = [...prettierBefore].filter((f) => !prettierAfter.has(f));
      expect(unformatted, 'files that passed prettier --check before add and fail after').toEqual([]);
      // Not a test of add, but a corpus whose files all fail would prove little.
      expect(prettierBefore.size, 'files of the corpus that pass prettier --check').toBeGreaterThan(0);
      console.log(`${fixture}: ${placed.length} cases; ${prettierBefore.size}/${allFiles.length} files pass prettier --check before add`);
      // The corpus is code that compiles, but for cases that say why not: any other diagnostic before add is a mistake in a case.
      const excused = placed.filter((p) => p.c.spec.diagnosticsBefore !== undefined).map((p) => `/corpus/${p.c.name}/`);
      const unexcused = [...diagnosticsBefore].flatMap(([file, ds]) => ds.map((d) => `${file}: ${d}`)).filter((d) => !excused.some((e) => d.includes(e)));
      expect(unexcused, 'diagnostics of the corpus as written').toEqual([]);
    }, 600_000);
  });
}

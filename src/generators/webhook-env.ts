import { join } from 'node:path';
import type { StyledProject } from '../project/detect.js';
import { readTextOrNull } from '../util/files.js';
import type { RenderedModule } from './rendered.js';

/** A server-side environment variable the generated code reads. */
export interface EnvVariable {
  name: string;
  description: string;
  /** What its optional declaration says, one comment line (76 columns at most); by default the app starts without it and the endpoint answers 500. */
  optional?: string;
}

/**
 * SvelteKit 3 exposes only the variables declared in `src/env.ts` (through
 * `defineEnvVars`) as named exports of `$app/env/private`; `$env/dynamic/private`
 * is deprecated there and has no types. The declaration is optional (a schema
 * that accepts undefined), so the app starts without the value and the
 * endpoint answers 500 and says why.
 *
 * A missing env file is created with `declared` (all the variables of a
 * family, so a later run for a sibling needs no change). An existing one that
 * already declares every variable in `variables` is left alone; one that does
 * not gets the missing declarations inserted at the top of its
 * `defineEnvVars({` object, in the file's indentation and quotes, and keeps
 * every other byte.
 */
export function sveltekitEnvFile(
  project: StyledProject,
  variables: EnvVariable[],
  declared: EnvVariable[] = variables,
): { file?: RenderedModule; note?: string } {
  const candidates = project.typescript ? ['src/env.ts', 'src/env.js'] : ['src/env.js', 'src/env.ts'];
  const existing = candidates.map((path) => ({ path, text: readTextOrNull(join(project.root, path)) })).find((f) => f.text !== null);
  const javascript = existing?.path.endsWith('.js') ?? !project.typescript;
  if (!existing) {
    const path = candidates[0]!;
    // Written as Prettier prints it with its defaults, as the templates are
    // (generation then skips Prettier for it).
    const text = [
      '// Environment variables of the app: SvelteKit validates them at start-up',
      '// and exports each from $app/env/private.',
      '// https://svelte.dev/docs/kit/environment-variables',
      'import { defineEnvVars } from "@sveltejs/kit/env";',
      '',
      'export const variables = defineEnvVars({',
      ...declared.map((v) => envEntry(v, javascript)),
      '});',
      '',
    ].join('\n');
    return { file: { kind: 'module', path, text } };
  }
  const text = existing.text!;
  const missing = variables.filter((v) => !new RegExp(`(^|[\\s{,'"])${v.name}['"]?\\s*:`).test(text));
  if (missing.length === 0) return {};
  const names = missing.map((v) => v.name).join(' and ');
  const entries = missing.map((v) => inFileStyle(envEntry(v, javascript), text)).join('\n');
  const opening = /defineEnvVars\(\s*\{/.exec(text);
  if (!opening) return { note: `SvelteKit 3 reads ${names} from $app/env/private: declare ${missing.length > 1 ? 'them' : 'it'} in ${existing.path} (inside defineEnvVars({ … })):\n${entries}` };
  const at = opening.index + opening[0].length;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    file: { kind: 'module', path: existing.path, text: `${text.slice(0, at)}${eol}${entries.split('\n').join(eol)}${text.slice(at)}`, insertedInto: text },
    note: `${names} ${missing.length > 1 ? 'are' : 'is'} declared in ${existing.path}: this run inserts only ${missing.length > 1 ? 'their declarations' : 'its declaration'}, at the top of defineEnvVars({ … }).`,
  };
}

/** The entry in the file's own indentation (tabs or spaces) and string quotes. */
function inFileStyle(entry: string, file: string): string {
  const tabs = /^\t/m.test(file) && !/^ {2}\S/m.test(file);
  const single = (file.match(/'/g) ?? []).length > (file.match(/"/g) ?? []).length;
  return entry
    .split('\n')
    .map((line) => (tabs ? line.replace(/^( {2})+/, (spaces) => '\t'.repeat(spaces.length / 2)) : line))
    .map((line) => (single ? line.replace(/description: "((?:[^"\\]|\\.)*)"/, (_all, body: string) => `description: '${body.replace(/\\"/g, '"').replace(/'/g, "\\'")}'`) : line))
    .join('\n');
}

function envEntry(variable: EnvVariable, javascript: boolean): string {
  return [
    `  ${variable.name}: {`,
    `    description: ${JSON.stringify(variable.description)},`,
    ...(variable.optional
      ? [`    // Optional: ${variable.optional}`]
      : ['    // Optional: the app starts without it, and the endpoint answers 500 and', '    // logs why.']),
    `    schema: (value${javascript ? '' : ': string | undefined'}) => value,`,
    '  },',
  ].join('\n');
}

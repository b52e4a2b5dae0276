import { join } from 'node:path';
import type { StyledProject } from '../project/detect.js';
import { readTextOrNull } from '../project/files.js';
import type { RenderedModule } from './rendered.js';

/** A server-side environment variable the generated code reads. */
export interface EnvVariable {
  name: string;
  description: string;
}

/**
 * SvelteKit 3 exposes only the variables declared in `src/env.ts` (through
 * `defineEnvVars`) as named exports of `$app/env/private`; `$env/dynamic/private`
 * is deprecated there and has no types. The declaration is optional (a schema
 * that accepts undefined), so the app starts without the value and the
 * endpoint answers 500 and says why.
 *
 * A missing env file is created with `declared` (all the variables of a
 * family, so a later run for a sibling needs no change). An existing one that already declares the
 * variable is left alone; one that does not gets the declaration inserted at
 * the top of its `defineEnvVars({` object, and nothing else changes (the
 * planner shows that as a conflict until --force, since the file is the
 * user's).
 */
export function sveltekitEnvFile(
  project: StyledProject,
  variable: EnvVariable,
  declared: EnvVariable[] = [variable],
): { file?: RenderedModule; note?: string } {
  const candidates = project.typescript ? ['src/env.ts', 'src/env.js'] : ['src/env.js', 'src/env.ts'];
  const existing = candidates.map((path) => ({ path, text: readTextOrNull(join(project.root, path)) })).find((f) => f.text !== null);
  const javascript = existing?.path.endsWith('.js') ?? !project.typescript;
  const entry = envEntry(variable, javascript);
  if (!existing) {
    const path = candidates[0]!;
    const text = [
      '// Environment variables of the app: SvelteKit validates them at start-up and exports',
      '// each from $app/env/private. https://svelte.dev/docs/kit/environment-variables',
      "import { defineEnvVars } from '@sveltejs/kit/env';",
      '',
      'export const variables = defineEnvVars({',
      ...declared.map((v) => envEntry(v, javascript)),
      '});',
      '',
    ].join('\n');
    return { file: { kind: 'module', path, text } };
  }
  const text = existing.text!;
  if (new RegExp(`(^|[\\s{,'"])${variable.name}['"]?\\s*:`).test(text)) return {};
  const opening = /defineEnvVars\(\s*\{/.exec(text);
  const how = `declare ${variable.name} in ${existing.path} (inside defineEnvVars({ … })):\n${entry}`;
  if (!opening) return { note: `SvelteKit 3 reads ${variable.name} from $app/env/private: ${how}` };
  const at = opening.index + opening[0].length;
  return {
    file: { kind: 'module', path: existing.path, text: `${text.slice(0, at)}\n${entry}${text.slice(at)}` },
    note: `${existing.path} exists: the run inserts only the ${variable.name} declaration into it (see --dry-run); as the file is yours, that needs --force. Or ${how}`,
  };
}

function envEntry(variable: EnvVariable, javascript: boolean): string {
  return [
    `  ${variable.name}: {`,
    `    description: ${JSON.stringify(variable.description)},`,
    '    // Optional: the app starts without it, and the endpoint answers 500 and logs why.',
    `    schema: (value${javascript ? '' : ': string | undefined'}) => value,`,
    '  },',
  ].join('\n');
}

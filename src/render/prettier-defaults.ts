import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';

/** Every file name Prettier 3 looks for, in each directory from the file's up to the filesystem root. */
const configFiles = [
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.yaml',
  '.prettierrc.yml',
  '.prettierrc.json5',
  '.prettierrc.js',
  '.prettierrc.mjs',
  '.prettierrc.cjs',
  '.prettierrc.ts',
  '.prettierrc.mts',
  '.prettierrc.cts',
  '.prettierrc.toml',
  'prettier.config.js',
  'prettier.config.mjs',
  'prettier.config.cjs',
  'prettier.config.ts',
  'prettier.config.mts',
  'prettier.config.cts',
];

/**
 * Options that change how Prettier prints TypeScript, at their default values.
 * A config that sets only these, to these values, prints as no config does.
 */
const defaults: Record<string, unknown> = {
  printWidth: 80,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  quoteProps: 'as-needed',
  trailingComma: 'all',
  bracketSpacing: true,
  objectWrap: 'preserve',
  arrowParens: 'always',
  experimentalTernaries: false,
  experimentalOperatorPosition: 'end',
  // Options of other languages: no effect on TypeScript.
  jsxSingleQuote: false,
  bracketSameLine: false,
  singleAttributePerLine: false,
  proseWrap: 'preserve',
  htmlWhitespaceSensitivity: 'css',
  vueIndentScriptAndStyle: false,
  embeddedLanguageFormatting: 'auto',
  $schema: undefined,
};

/** Plugins that format other languages only (they add parsers for their own file types). */
const otherLanguagePlugins = new Set(['prettier-plugin-svelte', 'prettier-plugin-packagejson']);

/**
 * Whether Prettier formats `file` with its default options: no config file,
 * no "prettier" key in a package.json, no package.yaml and no .editorconfig
 * anywhere from the file's directory up, or a JSON config that sets only
 * defaults (and plugins for other languages). Anything else, a config in another format included,
 * answers false, and the caller runs Prettier with its own resolution.
 */
export function prettierDefaultsApply(file: string): boolean {
  return defaultsApplyIn(dirname(file));
}

/**
 * Answers per directory, for the life of the process as Prettier's own config
 * cache: a run asks for every file it writes, mostly in the same few folders.
 */
const answers = new Map<string, boolean>();

function defaultsApplyIn(dir: string): boolean {
  let answer = answers.get(dir);
  if (answer === undefined) {
    answer = configIn(dir) ?? (dir === parse(dir).root || defaultsApplyIn(dirname(dir)));
    answers.set(dir, answer);
  }
  return answer;
}

/** What a directory's own files say: undefined when it has nothing for Prettier, and the search goes up. */
function configIn(dir: string): boolean | undefined {
  if (existsSync(join(dir, '.editorconfig')) || existsSync(join(dir, 'package.yaml'))) return false;
  const found = configFiles.find((name) => existsSync(join(dir, name)));
  if (found) return (found === '.prettierrc' || found === '.prettierrc.json') && setsOnlyDefaults(readJson(join(dir, found)));
  const packageJson = join(dir, 'package.json');
  if (!existsSync(packageJson)) return undefined;
  const manifest = readJson(packageJson);
  if (!isObject(manifest)) return false;
  return 'prettier' in manifest ? setsOnlyDefaults(manifest.prettier) : undefined;
}

function setsOnlyDefaults(config: unknown): boolean {
  if (!isObject(config)) return false;
  return Object.entries(config).every(([key, value]) => {
    if (key === 'plugins') return Array.isArray(value) && value.every((p) => typeof p === 'string' && otherLanguagePlugins.has(p));
    if (key === 'endOfLine') return value === 'lf' || value === 'auto';
    return key in defaults && (defaults[key] === value || key === '$schema');
  });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

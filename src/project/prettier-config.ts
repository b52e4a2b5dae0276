import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, parse, relative } from 'node:path';
import { readConfigModule } from './js-literal.js';
import { parseJsonc } from './jsonc.js';

/** Prettier 3's config files, in the order it looks for them in each directory (package.json's "prettier" key first). */
const configFiles = [
  'package.yaml',
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.yaml',
  '.prettierrc.yml',
  '.prettierrc.json5',
  '.prettierrc.js',
  '.prettierrc.ts',
  '.prettierrc.mjs',
  '.prettierrc.mts',
  '.prettierrc.cjs',
  '.prettierrc.cts',
  'prettier.config.js',
  'prettier.config.ts',
  'prettier.config.mjs',
  'prettier.config.mts',
  'prettier.config.cjs',
  'prettier.config.cts',
  '.prettierrc.toml',
];

/** A config this reader cannot answer for: Prettier must resolve it. */
export const unreadable = Symbol('unreadable');

/**
 * The Prettier options that apply to `file`, read without loading Prettier:
 * `{}` when there is no config, or `unreadable` when only Prettier can tell
 * (a config in a format read here only in its simple forms, a shared config
 * by name, an override that may apply to the file, an .editorconfig).
 *
 * JavaScript configs are read as text, never run: a `prettier.config.js` that
 * is one object literal (what `sv create` writes) is read; any other (imports,
 * computed values, functions) is Prettier's to load. So no user code runs here
 * that Prettier would not run anyway.
 */
export function readPrettierConfig(file: string): Record<string, unknown> | typeof unreadable {
  const found = configAbove(dirname(file));
  if (found === unreadable || found === undefined) return found ?? {};
  const { config, dir } = found;
  const { overrides, ...options } = config;
  if (overrides !== undefined) {
    if (!Array.isArray(overrides)) return unreadable;
    const path = relative(dir, file);
    if (!overrides.every((o) => isObject(o) && cannotMatch(o.files, path))) return unreadable;
  }
  return options;
}

type Found = { config: Record<string, unknown>; dir: string } | typeof unreadable | undefined;

/** Per directory, as Prettier caches its search; `forgetPrettierConfigs` empties it (a config may change between runs in one process). */
const cache = new Map<string, Found>();

export function forgetPrettierConfigs(): void {
  cache.clear();
}

function configAbove(dir: string): Found {
  if (cache.has(dir)) return cache.get(dir);
  let found = configIn(dir);
  if (found === undefined && dir !== parse(dir).root) found = configAbove(dirname(dir));
  cache.set(dir, found);
  return found;
}

/** The names in a directory (one call, not one per config name); none for a folder not made yet. */
function namesIn(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir));
  } catch {
    return new Set();
  }
}

function configIn(dir: string): Found {
  const names = namesIn(dir);
  // Prettier reads .editorconfig (indentation, width) with the config: left to it.
  if (names.has('.editorconfig')) return unreadable;
  const packageJson = join(dir, 'package.json');
  if (names.has('package.json')) {
    const manifest = readJson(packageJson);
    if (!isObject(manifest)) return unreadable;
    if ('prettier' in manifest) return asConfig(manifest.prettier, dir);
  }
  const name = configFiles.find((n) => names.has(n));
  if (!name) return undefined;
  const path = join(dir, name);
  if (name === '.prettierrc') return asConfig(readJson(path) ?? readSimpleYaml(path), dir);
  if (name === '.prettierrc.json') return asConfig(readJson(path), dir);
  if (name === '.prettierrc.yaml' || name === '.prettierrc.yml') return asConfig(readSimpleYaml(path), dir);
  if (/\.(c|m)?js$/.test(name)) return asConfig(readConfigModule(readFileSync(path, 'utf8')), dir);
  return unreadable;
}

function asConfig(value: unknown, dir: string): Found {
  return isObject(value) ? { config: value, dir } : unreadable;
}

/**
 * Whether an override's `files` cannot match the file: every pattern names
 * files by an extension (`*.svelte`, `**\/*.{md,mdx}`) other than the file's.
 * Any other pattern may match, and the file goes to Prettier.
 */
function cannotMatch(files: unknown, path: string): boolean {
  const patterns = typeof files === 'string' ? [files] : Array.isArray(files) ? files : undefined;
  if (!patterns || patterns.length === 0) return false;
  const extension = extname(basename(path)).slice(1);
  return patterns.every((pattern) => {
    const match = typeof pattern === 'string' ? /^(?:\*\*\/)?\*\.(?:([\w-]+)|\{([\w-]+(?:,[\w-]+)*)\})$/.exec(pattern) : null;
    if (!match) return false;
    const extensions = match[1] ? [match[1]] : match[2]!.split(',');
    return !extensions.includes(extension);
  });
}

function readJson(path: string): unknown {
  try {
    return parseJsonc(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** YAML of `key: value` lines only (strings, numbers, booleans); anything else is undefined. */
function readSimpleYaml(path: string): unknown {
  const config: Record<string, unknown> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const entry = /^([A-Za-z$][\w$]*):\s*(?:"([^"\\]*)"|'([^'\\]*)'|(true|false|-?\d+)|([A-Za-z][\w-]*))\s*(#.*)?$/.exec(line);
    if (!entry) return undefined;
    const [, key, double, single, literal, bare] = entry;
    config[key!] = double ?? single ?? (literal !== undefined ? JSON.parse(literal) : bare);
  }
  return config;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

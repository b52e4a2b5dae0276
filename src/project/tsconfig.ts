import { dirname, join, resolve } from 'node:path';
import { readTextOrNull } from '../util/files.js';
import { parseJsonc } from './jsonc.js';

/** A `paths` mapping such as `"@/*": ["./src/*"]`, resolved to an absolute folder. */
export interface PathAlias {
  /** The import prefix, e.g. `@/`. */
  prefix: string;
  /** The absolute folder the prefix stands for, e.g. `<root>/src/`. */
  target: string;
}

interface CompilerOptions {
  baseUrl?: string;
  paths?: Record<string, string[]>;
}

/**
 * The wildcard path aliases of the project's tsconfig.json (or jsconfig.json),
 * following a relative `extends` chain. Unreadable configs give no aliases:
 * relative imports always work.
 */
export function readPathAliases(root: string): PathAlias[] {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const options = readCompilerOptions(join(root, name), 0);
    if (options) return toAliases(options);
  }
  return [];
}

function readCompilerOptions(file: string, depth: number): (CompilerOptions & { dir: string }) | null {
  const text = readTextOrNull(file);
  if (text === null || depth > 5) return null;
  let config: { extends?: unknown; compilerOptions?: CompilerOptions };
  try {
    config = parseJsonc(text) as typeof config;
  } catch {
    return null;
  }
  const dir = dirname(file);
  const own = config.compilerOptions ?? {};
  const parent =
    typeof config.extends === 'string' && config.extends.startsWith('.')
      ? readCompilerOptions(resolve(dir, config.extends.endsWith('.json') ? config.extends : `${config.extends}.json`), depth + 1)
      : null;
  // Both options resolve against the config that declares them.
  const baseUrlDir = own.baseUrl !== undefined ? resolve(dir, own.baseUrl) : parent?.baseUrl !== undefined ? parent.baseUrl : undefined;
  const pathsDir = own.paths ? (own.baseUrl !== undefined ? resolve(dir, own.baseUrl) : dir) : parent?.dir;
  return {
    dir: pathsDir ?? dir,
    baseUrl: baseUrlDir,
    paths: own.paths ?? parent?.paths,
  };
}

function toAliases(options: CompilerOptions & { dir: string }): PathAlias[] {
  const aliases: PathAlias[] = [];
  for (const [key, targets] of Object.entries(options.paths ?? {})) {
    const first = targets[0];
    if (!key.endsWith('/*') || !first?.endsWith('/*')) continue;
    aliases.push({ prefix: key.slice(0, -1), target: resolve(options.dir, first.slice(0, -1)) + '/' });
  }
  return aliases;
}

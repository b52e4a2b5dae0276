import { dirname, join, resolve } from 'node:path';
import { FailedError } from '../util/errors.js';
import { isFile, readTextOrNull, withoutBom } from '../util/files.js';

export interface PackageJson {
  name?: string;
  type?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  imports?: Record<string, unknown>;
  prettier?: unknown;
  /** Prisma's settings before prisma.config.ts: `{ "schema": "db/schema.prisma" }`. */
  prisma?: unknown;
  scripts?: Record<string, string>;
}

/** The nearest folder at or above `start` that holds a package.json, or null. */
export function findProjectRoot(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (isFile(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function readPackageJson(root: string): PackageJson | null {
  const path = join(root, 'package.json');
  const text = readTextOrNull(path);
  if (text === null) return null;
  try {
    const value = JSON.parse(withoutBom(text)) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as PackageJson;
  } catch (error) {
    throw new FailedError(`${path} is not valid JSON: ${(error as Error).message}`, 'Fix package.json, then run again.');
  }
}

/**
 * A dependency's version: the installed package's, else the lowest the
 * declared range allows; null when the project does not depend on it.
 */
export function dependencyVersion(root: string, pkg: PackageJson | null, name: string): { major: number; minor: number; source: 'installed' | 'package.json' } | null {
  const installed = readTextOrNull(join(root, 'node_modules', name, 'package.json'));
  if (installed !== null) {
    try {
      const parsed = parseVersion((JSON.parse(withoutBom(installed)) as { version?: string }).version);
      if (parsed) return { ...parsed, source: 'installed' };
    } catch {
      // An unreadable installed manifest: the declared range decides.
    }
  }
  const parsed = parseVersion(declaredRange(pkg, name));
  return parsed ? { ...parsed, source: 'package.json' } : null;
}

/** The first `major[.minor]` in a version or range (`^15.5.0`, `~14.2`, `>=2.70 <3`). */
function parseVersion(text: string | undefined): { major: number; minor: number } | null {
  const match = text ? /(\d+)(?:\.(\d+|x))?/.exec(text) : null;
  if (!match) return null;
  return { major: Number(match[1]), minor: match[2] && match[2] !== 'x' ? Number(match[2]) : 0 };
}

/** The version range a package.json declares for a dependency of any kind. */
export function declaredRange(pkg: PackageJson | null, name: string): string | undefined {
  return pkg?.dependencies?.[name] ?? pkg?.devDependencies?.[name] ?? pkg?.peerDependencies?.[name];
}

import { readdirSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { isFile } from '../util/files.js';
import type { FrameworkVersion, FrameworkName, StyleName } from './framework.js';
import { declaredRange, dependencyVersion, findProjectRoot, readPackageJson, type PackageJson } from './package-json.js';
import { readPathAliases, type PathAlias } from './tsconfig.js';

/** What create-endpoint needs to know about the user's project. Read once, never written. */
export interface Project {
  root: string;
  packageJson: PackageJson | null;
  /** Frameworks the package.json depends on. */
  detectedStyles: StyleName[];
  typescript: boolean;
  aliases: PathAlias[];
  usesVitest: boolean;
  /** `@types/node` in package.json: code that uses node:* modules type-checks only with it (sv does not add it). */
  hasNodeTypes: boolean;
  /** The validation library generated resources use: one the project depends on, else none (the built-in checks). */
  validator: Validator | null;
  /** Where Next.js routes live: `app`, or `src/app` (see nextAppDir). */
  nextAppDir: 'app' | 'src/app';
  /** `cacheComponents: true` in next.config: `export const dynamic` then fails the build. */
  nextCacheComponents: boolean;
  /** SvelteKit 3 maps `#lib/*` through package.json `imports`: the target, e.g. `./src/lib/*`. */
  hashLibTarget: string | null;
}

export interface StyledProject extends Project {
  style: StyleName;
  version: FrameworkVersion;
}

/** The facts only one framework reads: public fields of Project, each read by its framework's module (frameworks/detect.ts). */
export type FrameworkFacts = Pick<Project, 'nextAppDir' | 'nextCacheComponents' | 'hashLibTarget'>;

/** What the framework registry reads about a project: the frameworks its package.json depends on, and their facts. */
export type FrameworkReading = FrameworkFacts & { detectedStyles: FrameworkName[] };

/**
 * Reads the project at `cwd` (the flag), else the nearest package.json at or
 * above the working directory, else the working directory itself. What is
 * framework-specific is the registry's to read (frameworks/detect.ts).
 */
export function readProject(
  cwd: string | undefined,
  workingDirectory: string,
  readFrameworks: (root: string, pkg: PackageJson | null) => FrameworkReading,
): Project {
  const root = cwd !== undefined ? resolve(workingDirectory, cwd) : findProjectRoot(workingDirectory) ?? workingDirectory;
  const packageJson = readPackageJson(root);
  const frameworks = readFrameworks(root, packageJson);
  return {
    root,
    packageJson,
    detectedStyles: frameworks.detectedStyles,
    typescript: writesTypeScript(root, packageJson),
    aliases: readPathAliases(root),
    usesVitest: declaredRange(packageJson, 'vitest') !== undefined,
    hasNodeTypes: declaredRange(packageJson, '@types/node') !== undefined,
    validator: detectValidator(root, packageJson),
    nextAppDir: frameworks.nextAppDir,
    nextCacheComponents: frameworks.nextCacheComponents,
    hashLibTarget: frameworks.hashLibTarget,
  };
}

/**
 * A tsconfig.json makes a TypeScript project, a jsconfig.json a JavaScript one
 * (`sv create --types jsdoc` keeps typescript in devDependencies for
 * svelte-check); else TypeScript sources where the routes live, else the
 * typescript dependency. Without a package.json, TypeScript.
 */
function writesTypeScript(root: string, packageJson: PackageJson | null): boolean {
  if (isFile(join(root, 'tsconfig.json'))) return true;
  if (isFile(join(root, 'jsconfig.json'))) return false;
  if (packageJson === null) return true;
  if (['src', 'app'].some((dir) => hasTypeScriptSource(join(root, dir), 3))) return true;
  return declaredRange(packageJson, 'typescript') !== undefined;
}

function hasTypeScriptSource(dir: string, depth: number): boolean {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((e) =>
    e.isDirectory() ? depth > 0 && e.name !== 'node_modules' && hasTypeScriptSource(join(dir, e.name), depth - 1) : /\.(?:[cm]?ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts'),
  );
}

export type Validator = 'zod' | 'valibot';

/**
 * zod (4 or later) or valibot (1 or later) when package.json depends on one,
 * zod first. Not merely installed: other packages bring zod along. An older
 * major has another API, and gets the built-in checks.
 */
function detectValidator(root: string, packageJson: PackageJson | null): Validator | null {
  const major = (name: string) => (declaredRange(packageJson, name) === undefined ? 0 : (dependencyVersion(root, packageJson, name)?.major ?? 0));
  if (major('zod') >= 4) return 'zod';
  return major('valibot') >= 1 ? 'valibot' : null;
}

import { join } from 'node:path';
import { readTextOrNull } from './files.js';
import { declaredRange, type PackageJson } from './package-json.js';

export type StyleName = 'next' | 'sveltekit';
export const styleNames: readonly StyleName[] = ['next', 'sveltekit'];

export const frameworkPackage: Record<StyleName, string> = {
  next: 'next',
  sveltekit: '@sveltejs/kit',
};

/** The newest major of each framework: assumed when the project does not say. */
export const newestMajor: Record<StyleName, number> = { next: 16, sveltekit: 3 };
const supportedMajors: Record<StyleName, readonly number[]> = { next: [14, 15, 16], sveltekit: [2, 3] };

export interface FrameworkVersion {
  major: number;
  minor: number;
  /** Where the version was read: the installed package, the declared range, or assumed. */
  source: 'installed' | 'package.json' | 'assumed';
}

/** The frameworks a package.json depends on, in a stable order. */
export function detectStyles(pkg: PackageJson | null): StyleName[] {
  return styleNames.filter((style) => declaredRange(pkg, frameworkPackage[style]) !== undefined);
}

/**
 * The framework version the generated code must be right for: the installed
 * package's version, else the lowest version the declared range allows, else
 * the newest. Versions outside the supported majors are clamped to the nearest
 * supported one, so an old or future project still gets code that compiles.
 */
export function detectFrameworkVersion(root: string, pkg: PackageJson | null, style: StyleName): FrameworkVersion {
  const name = frameworkPackage[style];
  const installed = readTextOrNull(join(root, 'node_modules', name, 'package.json'));
  if (installed !== null) {
    const parsed = parseVersion((JSON.parse(installed) as { version?: string }).version);
    if (parsed) return clamp(style, { ...parsed, source: 'installed' });
  }
  const parsed = parseVersion(declaredRange(pkg, name));
  if (parsed) return clamp(style, { ...parsed, source: 'package.json' });
  return { major: newestMajor[style], minor: 0, source: 'assumed' };
}

/** The first `major[.minor]` in a version or range (`^15.5.0`, `~14.2`, `>=2.70 <3`). */
function parseVersion(text: string | undefined): { major: number; minor: number } | null {
  const match = text ? /(\d+)(?:\.(\d+|x))?/.exec(text) : null;
  if (!match) return null;
  return { major: Number(match[1]), minor: match[2] && match[2] !== 'x' ? Number(match[2]) : 0 };
}

function clamp(style: StyleName, version: FrameworkVersion): FrameworkVersion {
  const majors = supportedMajors[style];
  const lowest = majors[0]!;
  const highest = majors[majors.length - 1]!;
  if (version.major < lowest) return { ...version, major: lowest, minor: 0 };
  if (version.major > highest) return { ...version, major: highest, minor: 0 };
  return version;
}

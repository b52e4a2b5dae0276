import { declaredRange, dependencyVersion, type PackageJson } from './package-json.js';

export type StyleName = 'next' | 'sveltekit';
export const styleNames: readonly StyleName[] = ['next', 'sveltekit'];

/** The package each style's framework is. */
export const frameworkPackage: Record<StyleName, string> = {
  next: 'next',
  sveltekit: '@sveltejs/kit',
};

/** The newest major of each framework: assumed when the project does not say. */
const newestMajor: Record<StyleName, number> = { next: 16, sveltekit: 3 };
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
  const version = dependencyVersion(root, pkg, frameworkPackage[style]);
  return version ? clamp(style, version) : { major: newestMajor[style], minor: 0, source: 'assumed' };
}

function clamp(style: StyleName, version: FrameworkVersion): FrameworkVersion {
  const majors = supportedMajors[style];
  const lowest = majors[0]!;
  const highest = majors[majors.length - 1]!;
  if (version.major < lowest) return { ...version, major: lowest, minor: 0 };
  if (version.major > highest) return { ...version, major: highest, minor: 0 };
  return version;
}

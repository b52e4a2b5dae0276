import { dependencyVersion, type PackageJson } from './package-json.js';

/**
 * The frameworks create-endpoint writes for. The name is declared here, below
 * the project types that carry it; each has its module in frameworks/, whose
 * registry (frameworks/index.ts) the compiler makes list every name.
 */
export type FrameworkName = StyleName;
/**
 * The union under its public name: the API and the CLI call the framework a
 * style, and the checker prints an alias of an alias by the name it ends at,
 * so declaring the union here keeps api/surface.txt's `StyleName`.
 */
export type StyleName = 'next' | 'sveltekit';

/** A framework's package and the majors the generated code is right for. */
export interface FrameworkRelease {
  package: string;
  /** Supported majors, lowest first; the last is assumed when the project does not say. */
  supportedMajors: readonly number[];
}

export interface FrameworkVersion {
  major: number;
  minor: number;
  /** Where the version was read: the installed package, the declared range, or assumed. */
  source: 'installed' | 'package.json' | 'assumed';
}

/**
 * The framework version the generated code must be right for: the installed
 * package's version, else the lowest version the declared range allows, else
 * the newest. Versions outside the supported majors are clamped to the nearest
 * supported one, so an old or future project still gets code that compiles.
 */
export function detectFrameworkVersion(root: string, pkg: PackageJson | null, release: FrameworkRelease): FrameworkVersion {
  const version = dependencyVersion(root, pkg, release.package);
  const majors = release.supportedMajors;
  const lowest = majors[0]!;
  const highest = majors[majors.length - 1]!;
  if (!version) return { major: highest, minor: 0, source: 'assumed' };
  if (version.major < lowest) return { ...version, major: lowest, minor: 0 };
  if (version.major > highest) return { ...version, major: highest, minor: 0 };
  return version;
}

import { detectFrameworkVersion, type FrameworkName, type StyleName } from '../project/framework.js';
import { readProject, type FrameworkReading, type Project, type StyledProject } from '../project/detect.js';
import { declaredRange, type PackageJson } from '../project/package-json.js';
import { frameworkList, getFramework } from './index.js';
import { readNextFacts } from './next.js';
import { readSvelteKitFacts } from './sveltekit.js';

/**
 * Reads the project at `cwd` (the flag), else the nearest package.json at or
 * above the working directory, else the working directory itself.
 */
export function detectProject(cwd: string | undefined, workingDirectory = process.cwd()): Project {
  return readProject(cwd, workingDirectory, readFrameworks);
}

/**
 * Each framework reads its own facts, for every project whatever it depends
 * on (Project's fields are public and always set). Named one by one, not
 * through the registry, so the compiler checks that they make every field:
 * a third framework's reader goes here, its fields into Project.
 */
function readFrameworks(root: string, pkg: PackageJson | null): FrameworkReading {
  return { detectedStyles: detectFrameworks(pkg), ...readNextFacts(root), ...readSvelteKitFacts(pkg) };
}

/** The frameworks a package.json depends on, in the registry's order. */
function detectFrameworks(pkg: PackageJson | null): FrameworkName[] {
  return frameworkList.filter((framework) => declaredRange(pkg, framework.release.package) !== undefined).map((framework) => framework.name);
}

/** The project as the framework `style` sees it, with that framework's version. */
export function withStyle(project: Project, style: StyleName): StyledProject {
  return { ...project, style, version: detectFrameworkVersion(project.root, project.packageJson, getFramework(style).release) };
}

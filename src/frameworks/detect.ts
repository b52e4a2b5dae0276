import { detectFrameworkVersion, type FrameworkName, type StyleName } from '../project/framework.js';
import { readProject, type Project, type StyledProject } from '../project/detect.js';
import { declaredRange, type PackageJson } from '../project/package-json.js';
import { frameworkList, getFramework } from './index.js';

/**
 * Reads the project at `cwd` (the flag), else the nearest package.json at or
 * above the working directory, else the working directory itself.
 */
export function detectProject(cwd: string | undefined, workingDirectory = process.cwd()): Project {
  return readProject(cwd, workingDirectory, detectFrameworks);
}

/** The frameworks a package.json depends on, in the registry's order. */
function detectFrameworks(pkg: PackageJson | null): FrameworkName[] {
  return frameworkList.filter((framework) => declaredRange(pkg, framework.release.package) !== undefined).map((framework) => framework.name);
}

/** The project as the framework `style` sees it, with that framework's version. */
export function withStyle(project: Project, style: StyleName): StyledProject {
  return { ...project, style, version: detectFrameworkVersion(project.root, project.packageJson, getFramework(style).release) };
}

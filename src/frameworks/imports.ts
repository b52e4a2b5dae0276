import { posix, relative } from 'node:path';
import type { StyledProject } from '../project/detect.js';

/** A relative import from one project file to another, without the .ts extension. */
export function relativeSpecifier(fromFile: string, toFile: string): string {
  // Folder, then file: `resources/todos.ts` → `resources.ts` is `../resources`, not `./`.
  const target = stripExtension(toFile);
  const path = posix.join(posix.relative(posix.dirname(fromFile), posix.dirname(target)), posix.basename(target));
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * A generated server module's import of another (the crud module of its
 * store engine, the webhook helpers of api-utils): relative, never through an
 * alias that a script or test run by plain Node cannot resolve; without an
 * extension in TypeScript, which the project's resolver finds, and with `.js`
 * in JavaScript, which plain Node needs.
 */
export function siblingSpecifier(project: StyledProject, fromFile: string, toFile: string): string {
  return relativeSpecifier(fromFile, toFile) + (project.typescript ? '' : '.js');
}

/** The import through a tsconfig `paths` alias (`@/lib/server/todos`), or null when none covers the file. */
export function aliasSpecifier(project: StyledProject, toFile: string): string | null {
  const absolute = posix.join(project.root.split('\\').join('/'), toFile);
  for (const alias of project.aliases) {
    const target = alias.target.split('\\').join('/');
    if (absolute.startsWith(target)) {
      return alias.prefix + stripExtension(relative(target, absolute).split('\\').join('/'));
    }
  }
  return null;
}

export function stripExtension(file: string): string {
  return file.replace(/\.(ts|js|mts|mjs|tsx|jsx)$/, '');
}

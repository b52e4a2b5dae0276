import type { GeneratorInput } from './generator.js';

/**
 * Where a generated server-only module goes: `name` (a path without
 * extension, `cors` or `cors/todos`) in the framework's server folder, in the
 * project's language. One rule for every template's helper modules.
 */
export function serverModuleFile({ project, style }: Pick<GeneratorInput, 'project' | 'style'>, name: string): string {
  return `${style.serverLibDir(project)}/${name}.${project.typescript ? 'ts' : 'js'}`;
}

import type { StyledProject } from '../project/detect.js';
import { getFramework } from '../frameworks/index.js';
import type { GeneratorInput } from './generator.js';
import type { RenderedModule } from './rendered.js';
import { serverModuleFile } from './server-module.js';

// The body reader and error helper every generated endpoint that reads a body
// shares (crud, cors, webhook): one module, one place that says where it goes.

/** Where the shared api-utils module goes in the project. */
export function apiUtilsFile(input: Pick<GeneratorInput, 'project' | 'style'>): string {
  return serverModuleFile(input, 'api-utils');
}

/** The shared api-utils module, rendered. */
export async function apiUtilsModule(input: GeneratorInput): Promise<RenderedModule> {
  return { kind: 'module', path: apiUtilsFile(input), text: await input.templates.render('crud/api-utils.ts.ejs', {}) };
}

/** The framework's own body limit, when it is below the generated reader's 1 MB. */
export function bodyLimitNotes(project: StyledProject): string[] {
  const note = getFramework(project.style).bodyLimitNote(project);
  return note === null ? [] : [note];
}

import { corsGenerator } from './cors.js';
import { crudGenerator } from './crud.js';
import { downloadGenerator } from './download.js';
import { FailedError } from '../util/errors.js';
import type { Generator } from './generator.js';
import type { TemplateName } from './registry.js';
import { streamGenerator } from './stream.js';
import { webhookGenerator } from './webhook.js';

export { templateNames, type TemplateName } from './registry.js';

// Keyed by the registry's names: a template without a generator does not compile.
const generators: Record<TemplateName, Generator> = {
  crud: crudGenerator,
  webhook: webhookGenerator,
  cors: corsGenerator,
  download: downloadGenerator,
  stream: streamGenerator,
};

/**
 * A template's generator. The CLI's choices refuse an unknown name first; the
 * programmatic API may be called with any string, and this is where it is refused.
 */
export function getGenerator(name: TemplateName): Generator {
  const generator = Object.hasOwn(generators, name) ? generators[name] : undefined;
  if (!generator) throw new FailedError(`The ${name} template is not available in this version of create-endpoint.`);
  return generator;
}

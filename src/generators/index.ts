import { corsGenerator } from './cors.js';
import { crudGenerator } from './crud.js';
import { downloadGenerator } from './download.js';
import { FailedError } from '../util/errors.js';
import type { Generator } from './generator.js';
import { streamGenerator } from './stream.js';
import { webhookGenerator } from './webhook.js';

export const templateNames = ['crud', 'webhook', 'cors', 'download', 'stream'] as const;
export type TemplateName = (typeof templateNames)[number];

const generators: Record<TemplateName, Generator> = {
  crud: crudGenerator,
  webhook: webhookGenerator,
  cors: corsGenerator,
  download: downloadGenerator,
  stream: streamGenerator,
};

/**
 * A template's generator. The CLI's choices refuse an unknown name first; the
 * programmatic API may be called with any string.
 */
export function getGenerator(name: TemplateName): Generator {
  const generator = Object.hasOwn(generators, name) ? generators[name] : undefined;
  if (!generator) throw new FailedError(`The ${name} template is not available in this version of create-endpoint.`);
  return generator;
}

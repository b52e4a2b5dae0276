import { corsGenerator } from './cors.js';
import { crudGenerator } from './crud.js';
import { downloadGenerator } from './download.js';
import type { Generator } from './generator.js';
import { streamGenerator } from './stream.js';
import { webhookGenerator } from './webhook.js';

export const templateNames = ['crud', 'webhook', 'cors', 'download', 'stream'] as const;
export type TemplateName = (typeof templateNames)[number];

/** The generators that exist so far; a template without one is refused with a clear message. */
const generators: Partial<Record<TemplateName, Generator>> = {
  crud: crudGenerator,
  webhook: webhookGenerator,
  cors: corsGenerator,
  download: downloadGenerator,
  stream: streamGenerator,
};

export function getGenerator(name: TemplateName): Generator | undefined {
  return generators[name];
}

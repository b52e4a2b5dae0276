import type { Generator, GeneratorInput } from './generator.js';
import type { RenderedFile } from './rendered.js';
import { renderRoute, testFileBeside } from './route-renderer.js';
import { serverModuleFile } from './server-module.js';

export const streamGenerator: Generator = {
  allowedMethods: () => ['GET'],
  defaultMethods: () => ['GET'],
  render: renderStream,
  notes: (input) => [
    input.sse
      ? `${input.resource.collectionUrl} sends Server-Sent Events: new EventSource('${input.resource.collectionUrl}') in the browser; a reconnecting client sends Last-Event-ID and the ids continue from it. Replace the example ticks in the route with your events, awaiting each send (it waits while the client is not reading).`
      : `${input.resource.collectionUrl} streams text: fetch it and read response.body. Replace the example chunks in the route with your own, awaiting each write (it waits while the client is not reading).`,
  ],
};

/**
 * A GET that answers with a ReadableStream: plain text, or Server-Sent Events
 * with `--sse`. The shared `streaming` module owns the mechanics (framing,
 * backpressure, heartbeats, stopping every timer and listener however the
 * stream ends); the route keeps only the example producer a user replaces.
 * The Vitest file imports both: it calls the route as the framework does and
 * the helpers with producers of its own.
 */
async function renderStream(input: GeneratorInput): Promise<RenderedFile[]> {
  const { project, style, resource, templates, sse } = input;
  const helperFile = serverModuleFile(input, 'streaming');
  const routePath = resource.collectionFile;

  const routeFile = await renderRoute(input, {
    template: 'stream',
    path: routePath,
    params: resource.parentParams,
    partials: [{ method: 'GET', file: `${sse ? 'sse' : 'text'}.GET.ejs` }],
    head: 'head.ejs',
    locals: ({ from }) => ({ lib: from(helperFile) }),
  });
  const files: RenderedFile[] = [routeFile, { kind: 'module', path: helperFile, text: await templates.render('stream/streaming.ts.ejs', { project }) }];
  const test = {
    sse,
    lib: style.importSpecifier(project, routePath, helperFile),
  };
  files.push(...(await testFileBeside(input, routePath, 'stream/endpoint.test.ts.ejs', test)));
  return files;
}

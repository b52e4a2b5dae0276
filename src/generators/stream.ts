import type { Generator, GeneratorInput } from './generator.js';
import type { RenderedFile } from './rendered.js';
import { renderRoute, testFileBeside } from './route-renderer.js';

export const streamGenerator: Generator = {
  allowedMethods: () => ['GET'],
  defaultMethods: () => ['GET'],
  render: renderStream,
  notes: (input) => [
    input.sse
      ? `${input.resource.collectionUrl} sends Server-Sent Events: new EventSource('${input.resource.collectionUrl}') in the browser; a reconnecting client sends Last-Event-ID and the ids continue from it. Replace the example ticks in the route with your events.`
      : `${input.resource.collectionUrl} streams text: fetch it and read response.body. Replace the example chunks in the route with your own.`,
  ],
};

/**
 * A GET that answers with a ReadableStream: plain text, or Server-Sent Events
 * with `--sse`. The shared `streaming` module owns the mechanics (framing,
 * heartbeats, stopping every timer when the client goes away); the route
 * keeps only the example producer a user replaces.
 */
async function renderStream(input: GeneratorInput): Promise<RenderedFile[]> {
  const { project, style, resource, templates, sse } = input;
  const ext = project.typescript ? 'ts' : 'js';
  const helperFile = `${style.serverLibDir(project)}/streaming.${ext}`;
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
  files.push(...(await testFileBeside(input, routePath, 'stream/endpoint.test.ts.ejs', { sse })));
  return files;
}

import { handlerSyntax } from '../render/handler-syntax.js';
import { ImportCollector } from '../render/imports.js';
import type { Generator, GeneratorInput } from './generator.js';
import type { RenderedFile, RenderedRoute } from './rendered.js';

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
export async function renderStream(input: GeneratorInput): Promise<RenderedFile[]> {
  const { project, style, resource, templates, sse } = input;
  const ext = project.typescript ? 'ts' : 'js';
  const helperFile = `${style.serverLibDir(project)}/streaming.${ext}`;
  const routePath = resource.collectionFile;

  const imports = new ImportCollector();
  const route = handlerSyntax(style, project, resource.parentParams, imports, await input.syntaxFor?.(routePath));
  const locals = {
    project,
    route,
    methods: ['GET'],
    lib: (name: string) => imports.add(name, style.importSpecifier(project, routePath, helperFile)),
  };
  const code = (await templates.render(pick(input, `${sse ? 'sse' : 'text'}.GET.ejs`), locals)).trim();
  const headPath = pick(input, 'head.ejs', true);
  const head = headPath ? (await templates.render(headPath, locals)).trim() : '';
  const routeFile: RenderedRoute = {
    kind: 'route',
    path: routePath,
    head,
    methods: [{ name: 'GET', code }],
    imports: imports.specs,
    text: [imports.print(), head, code].filter(Boolean).join('\n\n') + '\n',
  };
  const files: RenderedFile[] = [routeFile, { kind: 'module', path: helperFile, text: await templates.render('stream/streaming.ts.ejs', { project }) }];
  if (project.usesVitest) {
    const dir = routePath.slice(0, routePath.lastIndexOf('/'));
    files.push({
      kind: 'module',
      path: `${dir}/${resource.names.plural}.test.${ext}`,
      text: await templates.render('stream/endpoint.test.ts.ejs', {
        project,
        sse,
        style: style.name,
        styleLabel: style.label,
        endpoint: resource.collectionUrl,
        routeImport: `./${routePath.slice(dir.length + 1).replace(/\.[jt]s$/, '')}`,
        parentParams: resource.parentParams.map((p) => p.name),
        asyncParams: project.version.major >= 15,
      }),
    });
  }
  return files;
}

/** A style's own template when it has one, else the shared one; '' for a missing optional one. */
function pick({ templates, style }: GeneratorInput, file: string, optional = false): string {
  const own = `${style.name}/stream/${file}`;
  if (templates.exists(own)) return own;
  return optional && !templates.exists(`stream/${file}`) ? '' : `stream/${file}`;
}

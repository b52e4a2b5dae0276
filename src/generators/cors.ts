import { handlerSyntax } from '../render/handler-syntax.js';
import { ImportCollector } from '../render/imports.js';
import type { Generator, GeneratorInput } from './generator.js';
import type { RenderedFile, RenderedRoute } from './rendered.js';

/** The methods a CORS endpoint may have besides OPTIONS, which it always has. */
export const corsMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export const corsGenerator: Generator = {
  allowedMethods: () => ['OPTIONS', ...corsMethods],
  defaultMethods: () => ['GET', 'POST'],
  render: renderCors,
  notes: corsNotes,
};

/**
 * An endpoint other origins may call: an OPTIONS preflight handler and the
 * chosen methods, every answer carrying the CORS headers of one policy. The
 * policy (allowed origins, methods, headers) is a module of its own that the
 * user edits; the mechanics live in a shared `cors` module.
 */
export async function renderCors(input: GeneratorInput): Promise<RenderedFile[]> {
  const { project, style, resource, templates } = input;
  const ext = project.typescript ? 'ts' : 'js';
  const lib = style.serverLibDir(project);
  const corsFile = `${lib}/cors.${ext}`;
  const utilsFile = `${lib}/api-utils.${ext}`;
  const moduleName = resource.moduleFile.replace(/^.*\//, '').replace(/\.[jt]s$/, '');
  const policyFile = `${lib}/${moduleName}-cors.${ext}`;
  const policyName = `${resource.names.pluralCamel}Cors`;
  const methods = ['OPTIONS', ...corsMethods.filter((m) => input.methods.includes(m))];
  const routePath = resource.collectionFile;

  const imports = new ImportCollector();
  const route = handlerSyntax(style, project, resource.parentParams, imports, await input.syntaxFor?.(routePath));
  const locals = {
    project,
    route,
    methods,
    endpoint: resource.collectionUrl,
    label: resource.names.label,
    policy: () => imports.add(policyName, style.importSpecifier(project, routePath, policyFile)),
    cors: (name: string) => imports.add(name, style.importSpecifier(project, routePath, corsFile)),
    util: (name: string) => imports.add(name, style.importSpecifier(project, routePath, utilsFile)),
  };
  const snippets = [];
  for (const method of methods) snippets.push({ name: method, code: (await templates.render(pick(input, `${method}.ejs`), locals)).trim() });
  const headPath = pick(input, 'head.ejs', true);
  const head = headPath ? (await templates.render(headPath, locals)).trim() : '';
  const routeFile: RenderedRoute = {
    kind: 'route',
    path: routePath,
    head,
    methods: snippets,
    imports: imports.specs,
    text: [imports.print(), head, ...snippets.map((s) => s.code)].filter(Boolean).join('\n\n') + '\n',
  };

  const files: RenderedFile[] = [
    routeFile,
    { kind: 'module', path: corsFile, text: await templates.render('cors/cors.ts.ejs', { project }) },
    {
      kind: 'module',
      path: policyFile,
      text: await templates.render('cors/policy.ts.ejs', {
        project,
        policyName,
        endpoint: resource.collectionUrl,
        origins: input.origins,
        methods: methods.filter((m) => m !== 'OPTIONS'),
        corsImport: style.importSpecifier(project, policyFile, corsFile),
      }),
    },
  ];
  // The JSON body reader of the examples: the same module the crud template writes.
  if (methods.some((m) => m === 'POST' || m === 'PUT' || m === 'PATCH')) {
    files.push({ kind: 'module', path: utilsFile, text: await templates.render('crud/api-utils.ts.ejs', {}) });
  }
  if (project.usesVitest) {
    const dir = routePath.slice(0, routePath.lastIndexOf('/'));
    files.push({
      kind: 'module',
      path: `${dir}/${resource.names.plural}.test.${ext}`,
      text: await templates.render('cors/endpoint.test.ts.ejs', {
        project,
        methods,
        origins: input.origins,
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

function corsNotes(input: GeneratorInput): string[] {
  const { style, resource, project, origins } = input;
  const moduleName = resource.moduleFile.replace(/^.*\//, '').replace(/\.[jt]s$/, '');
  const policyFile = `${style.serverLibDir(project)}/${moduleName}-cors.${project.typescript ? 'ts' : 'js'}`;
  const notes = [
    origins.length === 0
      ? `No --origins: ${resource.collectionUrl} answers same-origin requests only (no CORS headers for any other origin). List allowed origins in ${policyFile}.`
      : origins[0] === '*'
        ? `${resource.collectionUrl} allows any origin (Access-Control-Allow-Origin: *), never with credentials; list exact origins in ${policyFile} to narrow it.`
        : `Allowed origins of ${resource.collectionUrl} (exact match): ${origins.join(', ')}; edit them in ${policyFile}. A preflight from any other origin gets 204 without CORS headers, so the browser blocks the request.`,
  ];
  if (style.name === 'sveltekit') {
    const bodyless = project.version.major >= 3 ? ', or with no Content-Type at all (a DELETE without a body)' : '';
    notes.push(
      `SvelteKit CSRF: in production a cross-origin POST, PUT, PATCH or DELETE with a form content type (application/x-www-form-urlencoded, multipart/form-data, text/plain)${bodyless} is refused with 403 before it reaches the endpoint, unless csrf.trustedOrigins lists the origin; JSON requests pass.`,
    );
  }
  return notes;
}

/** A style's own template when it has one, else the shared one; '' for a missing optional one. */
function pick({ templates, style }: GeneratorInput, file: string, optional = false): string {
  const own = `${style.name}/cors/${file}`;
  if (templates.exists(own)) return own;
  return optional && !templates.exists(`cors/${file}`) ? '' : `cors/${file}`;
}

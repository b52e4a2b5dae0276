import { avoidClash } from '../model/identifiers.js';
import { apiUtilsFile, apiUtilsModule, bodyLimitNotes } from './api-utils.js';
import type { Generator, GeneratorInput } from './generator.js';
import type { RenderedFile } from './rendered.js';
import { renderRoute, testFileBeside } from './route-renderer.js';
import { serverModuleFile } from './server-module.js';

/** The methods a CORS endpoint may have besides OPTIONS, which it always has. */
const corsMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

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
async function renderCors(input: GeneratorInput): Promise<RenderedFile[]> {
  const { project, style, resource, templates } = input;
  const corsFile = serverModuleFile(input, 'cors');
  const utilsFile = apiUtilsFile(input);
  const policyFile = corsPolicyFile(input);
  const policyName = avoidClash(`${resource.names.pluralCamel}Cors`);
  const methods = ['OPTIONS', ...corsMethods.filter((m) => input.methods.includes(m))];
  const routePath = resource.collectionFile;

  const routeFile = await renderRoute(input, {
    template: 'cors',
    path: routePath,
    params: resource.parentParams,
    partials: methods.map((method) => ({ method, file: `${method}.ejs` })),
    head: 'head.ejs',
    locals: ({ from }) => ({
      endpoint: resource.collectionUrl,
      label: resource.names.label,
      policy: () => from(policyFile)(policyName),
      cors: from(corsFile),
      util: from(utilsFile),
    }),
    // A guard's 401/403 carries the policy's headers too, or the calling page cannot read it.
    refusal: ({ from }) => (response) => `${from(corsFile)('withCors')}(request, ${from(policyFile)(policyName)}, ${response})`,
  });
  // Merged into a route that exists, the route's own handlers answer with the policy's headers too.
  routeFile.wrapResponses = {
    callee: 'withCors',
    args: [policyName],
    imports: [
      { module: style.importSpecifier(project, routePath, corsFile), name: 'withCors' },
      { module: style.importSpecifier(project, routePath, policyFile), name: policyName },
    ],
    request: style.handlerRequest,
    except: ['OPTIONS'],
    adds: 'CORS headers',
  };
  const files: RenderedFile[] = [
    routeFile,
    { kind: 'module', path: corsFile, text: await templates.render('cors/cors.ts.ejs', { project }) },
    {
      kind: 'module',
      path: policyFile,
      perResource: true,
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
    files.push(await apiUtilsModule(input));
  }
  files.push(...(await testFileBeside(input, routePath, 'cors/endpoint.test.ts.ejs', { methods, origins: input.origins })));
  return files;
}

function corsNotes(input: GeneratorInput): string[] {
  const { style, resource, project, origins } = input;
  const policyFile = corsPolicyFile(input);
  const notes = [
    origins.length === 0
      ? `No --origins: ${resource.collectionUrl} answers same-origin requests only (no CORS headers for any other origin). List allowed origins in ${policyFile}.`
      : origins[0] === '*'
        ? `${resource.collectionUrl} allows any origin (Access-Control-Allow-Origin: *), never with credentials; list exact origins in ${policyFile} to narrow it.`
        : `Allowed origins of ${resource.collectionUrl} (exact match): ${origins.join(', ')}; edit them in ${policyFile}. A preflight from any other origin gets 204 without CORS headers, so the browser blocks the request.`,
  ];
  if (input.methods.some((m) => m === 'POST' || m === 'PUT' || m === 'PATCH')) notes.push(...bodyLimitNotes(project));
  const csrf = style.csrfNote(project, 'cors');
  if (csrf !== null) notes.push(csrf);
  return notes;
}

/** A route's CORS policy, beside the other policies: `src/lib/server/cors/orgs-members.ts`. */
function corsPolicyFile(input: GeneratorInput): string {
  const moduleName = input.resource.moduleFile.replace(/^.*\//, '').replace(/\.[jt]s$/, '');
  return serverModuleFile(input, `cors/${moduleName}`);
}

import type { StyledProject } from '../project/detect.js';
import type { ImportCollector } from '../render/imports.js';
import type { HandlerSyntax, SyntaxPreferences, TypedParam } from './handler-syntax.js';

export function sveltekitSyntax(
  project: StyledProject,
  params: TypedParam[],
  imports: ImportCollector,
  preferences: SyntaxPreferences,
): HandlerSyntax {
  const asFunction = preferences.declaration === 'function';
  const typesModule = preferences.typesModule ?? './$types';
  // @sveltejs/kit's RequestHandler and RequestEvent know no route: they take its parameters.
  const generic = typesModule === '@sveltejs/kit' && params.length > 0 ? `<{ ${params.map((p) => `${p.name}: ${p.type}`).join('; ')} }>` : '';
  const ts = project.typescript;
  const satisfies = ts && !asFunction && preferences.requestHandlerType && preferences.satisfies === true;
  let handlerType = '';
  return {
    open(method, uses) {
      const destructured = uses.filter((u) => u !== 'params' || params.length > 0);
      const args = destructured.length > 0 ? `{ ${destructured.join(', ')} }` : '';
      // The event typed with RequestEvent, as SvelteKit's docs write it; no parameter when the body reads nothing.
      const event = (type: string) => (args === '' ? '' : ts ? `${args}: ${type}` : args);
      if (asFunction || !preferences.requestHandlerType) {
        const type = ts && args !== '' ? `${imports.add('RequestEvent', typesModule, true)}${generic}` : '';
        const doc = !ts && args !== '' ? `/** @param {import('${typesModule}').RequestEvent${generic}} event */\n` : '';
        return asFunction ? `${doc}export async function ${method}(${event(type)}) {` : `${doc}export const ${method} = async (${event(type)}) => {`;
      }
      if (!ts) return `/** @type {import('${typesModule}').RequestHandler${generic}} */\nexport const ${method} = async (${args}) => {`;
      handlerType = `${imports.add('RequestHandler', typesModule, true)}${generic}`;
      return satisfies ? `export const ${method} = (async (${args}) => {` : `export const ${method}: ${handlerType} = async (${args}) => {`;
    },
    close: () => (asFunction ? '}' : satisfies ? `}) satisfies ${handlerType};` : '};'),
    param: (name) => `params.${name}`,
    url: 'url',
    // SvelteKit 3 deprecates json(): new code answers with Response.json there.
    get json() {
      return preferences.jsonHelper === 'json' && project.version.major < 3 ? imports.add('json', '@sveltejs/kit') : 'Response.json';
    },
  };
}

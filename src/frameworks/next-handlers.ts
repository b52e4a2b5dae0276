import type { StyledProject } from '../project/detect.js';
import type { ImportCollector } from '../render/imports.js';
import { list } from '../render/layout.js';
import type { HandlerSyntax, SyntaxPreferences, TypedParam } from './handler-syntax.js';

/** Typed in JavaScript too: the conversion to JavaScript moves the types into JSDoc (render/jsdoc.ts). */
export function nextSyntax(project: StyledProject, params: TypedParam[], imports: ImportCollector, preferences: SyntaxPreferences): HandlerSyntax {
  // Next 15 made params a Promise; 16 removed the synchronous access entirely.
  const asyncParams = project.version.major >= 15;
  const shape = `{ ${params.map((p) => `${p.name}: ${p.type}`).join('; ')} }`;
  const contextType = asyncParams ? `Promise<${shape}>` : shape;
  return {
    open(method, uses) {
      const usesRequest = uses.includes('request') || uses.includes('url');
      const usesParams = uses.includes('params') && params.length > 0;
      // A parameter the body does not read is left out, unless a later one needs its place.
      const args = usesRequest || usesParams ? [`${usesRequest ? 'request' : '_request'}: Request`] : [];
      const lines: string[] = [];
      if (usesParams) {
        args.push(`{ params }: { params: ${contextType} }`);
        lines.push(`  const { ${params.map((p) => p.name).join(', ')} } = ${asyncParams ? 'await ' : ''}params;`);
      }
      if (uses.includes('url')) lines.push('  const url = new URL(request.url);');
      const opening = preferences.declaration === 'arrow' ? list(`export const ${method} = async `, args, ' => {') : list(`export async function ${method}`, args, ' {');
      return [opening, ...lines].join('\n');
    },
    close: () => (preferences.declaration === 'arrow' ? '};' : '}'),
    param: (name) => name,
    url: 'url',
    // A getter: only a body that answers JSON imports the helper.
    get json() {
      return preferences.jsonHelper === 'NextResponse' ? `${imports.add('NextResponse', 'next/server')}.json` : 'Response.json';
    },
  };
}

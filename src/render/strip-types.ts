import { jsdocTransformer } from './jsdoc.js';

/**
 * Turns generated TypeScript into JavaScript for projects without TypeScript,
 * the types moved into JSDoc (see jsdoc.ts) so `checkJs` still checks them.
 * The TypeScript emitter drops blank lines and the comments of declarations it
 * erases, so blank lines travel as marker comments and the file's opening
 * comment is set aside; Prettier then formats the result.
 */
const blankMarker = '/*__create_endpoint_blank__*/';

export async function stripTypes(text: string, fileName: string): Promise<string> {
  const { ts } = await import('../patch/typescript.cjs');
  const header = /^(?:\/\/.*\n)+/.exec(text)?.[0] ?? '';
  const marked = text.slice(header.length).replace(/^[ \t]*$/gm, blankMarker);
  const output = ts.transpileModule(marked, {
    // Parse as TypeScript whatever the target name: the source has types.
    fileName: fileName.replace(/\.m?js$/, '.ts'),
    compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, removeComments: false, verbatimModuleSyntax: true },
    transformers: { before: [jsdocTransformer(ts)] },
  }).outputText;
  const body = output
    .split('\n')
    .map((line) => (line.trim() === blankMarker ? '' : line.replace(blankMarker, '')))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimStart();
  // The blank line after the header comment, where there was one (a file's opening comment, not a handler's TODO).
  const blankAfterHeader = header !== '' && /^[ \t]*\r?\n/.test(text.slice(header.length));
  return header + (blankAfterHeader ? '\n' : '') + body;
}

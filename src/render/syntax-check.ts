import { RenderedSyntaxError } from './format.js';

/**
 * Fails when a rendered file does not parse, for text that Prettier does not
 * read (--no-format). The built-in templates are proven to parse for any name
 * (test/e2e/nouns.test.ts); this guards a project's own templates.
 */
export async function assertParses(text: string, file: string): Promise<void> {
  const { parseRouteSource } = await import('../patch/parse.js');
  const { RouteFileSyntaxError } = await import('../patch/errors.js');
  try {
    parseRouteSource(text, file);
  } catch (error) {
    if (error instanceof RouteFileSyntaxError) throw new RenderedSyntaxError(file, `line ${error.line}, column ${error.column}: ${error.detail}`);
    throw error;
  }
}

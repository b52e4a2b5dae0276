import { join } from 'node:path';

export interface FormatResult {
  text: string;
  /** Why formatting was skipped; the unformatted text is used then. */
  warning?: string;
}

type Prettier = typeof import('prettier');
let prettierModule: Promise<Prettier> | undefined;

/**
 * Formats a file with the project's own Prettier configuration (.prettierrc*,
 * the "prettier" key of package.json, .editorconfig). A formatting failure is
 * a warning, never a failed run.
 */
export async function formatFile(text: string, root: string, file: string, overrides: Record<string, unknown> = {}): Promise<FormatResult> {
  const filepath = join(root, file);
  try {
    prettierModule ??= import('prettier');
    const prettier = await prettierModule;
    const config = (await prettier.resolveConfig(filepath, { editorconfig: true })) ?? {};
    return { text: await prettier.format(text, { ...config, ...overrides, filepath }) };
  } catch (error) {
    return { text, warning: `${file} was not formatted: ${(error as Error).message.split('\n')[0]}` };
  }
}

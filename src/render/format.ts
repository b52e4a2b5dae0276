import { join } from 'node:path';

export interface FormatResult {
  text: string;
  /** Why formatting was skipped; the unformatted text is used then. */
  warning?: string;
}

type Prettier = typeof import('prettier');
let prettierModule: Promise<Prettier> | undefined;
const configs = new Map<string, Promise<Record<string, unknown>>>();
const results = new Map<string, Promise<FormatResult>>();

/**
 * Formats a file with the project's own Prettier configuration (.prettierrc*,
 * the "prettier" key of package.json, .editorconfig). A formatting failure is
 * a warning, never a failed run.
 *
 * Formatting is most of a generation run, so within a run the same text for
 * the same file is formatted once: every resource of a run writes the same
 * api-utils module.
 */
export function formatFile(text: string, root: string, file: string, overrides: Record<string, unknown> = {}): Promise<FormatResult> {
  const key = `${join(root, file)}\0${JSON.stringify(overrides)}\0${text}`;
  let result = results.get(key);
  if (!result) {
    result = format(text, root, file, overrides);
    results.set(key, result);
  }
  return result;
}

async function format(text: string, root: string, file: string, overrides: Record<string, unknown>): Promise<FormatResult> {
  const filepath = join(root, file);
  try {
    prettierModule ??= import('prettier');
    const prettier = await prettierModule;
    const config = await configFor(prettier, filepath);
    return { text: await prettier.format(text, { ...parserFor(file, config), ...config, ...overrides, filepath }) };
  } catch (error) {
    return { text, warning: `${file} was not formatted: ${(error as Error).message.split('\n')[0]}` };
  }
}

/**
 * Prettier's babel-ts parser formats TypeScript as its typescript parser does,
 * at a fraction of the cost (it does not load a TypeScript compiler); a parser
 * the project's config names still wins.
 */
function parserFor(file: string, config: Record<string, unknown>): { parser?: string } {
  return config.parser === undefined && /\.[cm]?tsx?$/.test(file) ? { parser: 'babel-ts' } : {};
}

/** Resolved once per file, not per folder: overrides and .editorconfig sections match file names. */
function configFor(prettier: Prettier, filepath: string): Promise<Record<string, unknown>> {
  let config = configs.get(filepath);
  if (!config) {
    config = prettier.resolveConfig(filepath, { editorconfig: true }).then((c) => c ?? {});
    configs.set(filepath, config);
  }
  return config;
}

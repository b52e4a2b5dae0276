type Prettier = typeof import('prettier');

export interface Formatter {
  (text: string, filepath: string, overrides: Record<string, unknown>): Promise<string>;
  /** Forgets the configs read so far (Prettier's cache too): the next file reads them again. */
  reset(): void;
}

/**
 * Formats one file's text with the project's own Prettier configuration
 * (.prettierrc*, the "prettier" key of package.json, .editorconfig), resolved
 * once per file path until `reset`: overrides and .editorconfig sections match
 * file names. Shared by in-process formatting and the format worker.
 */
export function createFormatter(prettier: Prettier): Formatter {
  const configs = new Map<string, Promise<Record<string, unknown>>>();
  const configFor = (filepath: string) => {
    let config = configs.get(filepath);
    if (!config) {
      config = prettier.resolveConfig(filepath, { editorconfig: true }).then((c) => c ?? {});
      configs.set(filepath, config);
    }
    return config;
  };
  const format = async (text: string, filepath: string, overrides: Record<string, unknown>) => {
    const config = await configFor(filepath);
    return prettier.format(text, { ...parserFor(filepath, config), ...config, ...overrides, filepath });
  };
  const reset = () => {
    configs.clear();
    void prettier.clearConfigCache();
  };
  return Object.assign(format, { reset });
}

/**
 * Prettier's babel-ts parser formats TypeScript as its typescript parser does,
 * at a fraction of the cost (it does not load a TypeScript compiler); a parser
 * the project's config names still wins.
 */
function parserFor(file: string, config: Record<string, unknown>): { parser?: string } {
  return config.parser === undefined && /\.[cm]?tsx?$/.test(file) ? { parser: 'babel-ts' } : {};
}

/**
 * Prettier could not parse the text: its parsers throw a SyntaxError with a
 * location (`loc`). Another SyntaxError (a typo in the project's
 * prettier.config.js) is no fault of the text.
 */
export function isParseError(error: unknown): boolean {
  return error instanceof Error && error.name === 'SyntaxError' && 'loc' in error;
}

/** A parse failure reported by the format worker, where the original error cannot travel. */
export class ParseError extends Error {}

import { readPrettierConfig, unreadable } from '../project/prettier-config.js';

/**
 * The Prettier options the fast path prints in itself (restyle.ts): the ones
 * projects set for TypeScript. A config that sets anything else goes to
 * Prettier.
 */
export interface PrintOptions {
  printWidth: number;
  tabWidth: number;
  useTabs: boolean;
  semi: boolean;
  singleQuote: boolean;
  trailingComma: 'all' | 'es5' | 'none';
  bracketSpacing: boolean;
  arrowParens: 'always' | 'avoid';
  quoteProps: 'as-needed' | 'consistent' | 'preserve';
  endOfLine: 'lf' | 'crlf' | 'cr' | 'auto';
}

/** Prettier 3's defaults: the shape the built-in templates are written in. */
export const prettierDefaults: PrintOptions = {
  printWidth: 80,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  trailingComma: 'all',
  bracketSpacing: true,
  arrowParens: 'always',
  quoteProps: 'as-needed',
  endOfLine: 'lf',
};

/** What each supported option may be; a value outside it (a typo, a number as a string) goes to Prettier, which reports it. */
const valid: { [K in keyof PrintOptions]: (value: unknown) => boolean } = {
  printWidth: (v) => Number.isInteger(v) && (v as number) > 0,
  tabWidth: (v) => Number.isInteger(v) && (v as number) > 0,
  useTabs: (v) => typeof v === 'boolean',
  semi: (v) => typeof v === 'boolean',
  singleQuote: (v) => typeof v === 'boolean',
  trailingComma: (v) => v === 'all' || v === 'es5' || v === 'none',
  bracketSpacing: (v) => typeof v === 'boolean',
  arrowParens: (v) => v === 'always' || v === 'avoid',
  quoteProps: (v) => v === 'as-needed' || v === 'consistent' || v === 'preserve',
  endOfLine: (v) => v === 'lf' || v === 'crlf' || v === 'cr' || v === 'auto',
};

/**
 * Options with no effect on TypeScript, at any value: other languages' options,
 * and `$schema`. Any option not here and not in PrintOptions (objectWrap,
 * experimentalTernaries, parser, …) sends the file to Prettier.
 */
const otherLanguages = new Set([
  '$schema',
  'jsxSingleQuote',
  'bracketSameLine',
  'jsxBracketSameLine',
  'singleAttributePerLine',
  'proseWrap',
  'htmlWhitespaceSensitivity',
  'vueIndentScriptAndStyle',
  'embeddedLanguageFormatting',
  // prettier-plugin-svelte's own options: they format .svelte files only.
  'svelteSortOrder',
  'svelteStrictMode',
  'svelteBracketNewLine',
  'svelteAllowShorthand',
  'svelteIndentScriptAndStyle',
]);

/**
 * Plugins that add parsers and printers for other languages only: loading
 * them cannot change how a .ts or .js file prints. A plugin not listed (one
 * that sorts imports, organizes them, or sorts Tailwind classes in strings)
 * may reprint TypeScript, and sends the file to Prettier.
 */
const otherLanguagePlugins = new Set([
  'prettier-plugin-svelte',
  'prettier-plugin-astro',
  'prettier-plugin-packagejson',
  'prettier-plugin-toml',
  'prettier-plugin-sh',
  '@prettier/plugin-xml',
]);

/**
 * The options a resolved config (overrides already applied) prints with, or
 * undefined when it sets something only Prettier can print.
 */
export function printOptionsOf(config: Record<string, unknown>): PrintOptions | undefined {
  const options: Record<string, unknown> = { ...prettierDefaults };
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || otherLanguages.has(key)) continue;
    if (key === 'plugins') {
      if (!Array.isArray(value) || !value.every((p) => typeof p === 'string' && otherLanguagePlugins.has(p))) return undefined;
      continue;
    }
    if (!(key in valid) || !valid[key as keyof PrintOptions](value)) return undefined;
    options[key] = value;
  }
  return options as unknown as PrintOptions;
}

/**
 * The options Prettier would format `file` with (its config, then `overrides`),
 * when this can print them; undefined when only Prettier can.
 */
export function printOptionsFor(file: string, overrides: Record<string, unknown> = {}): PrintOptions | undefined {
  const config = readPrettierConfig(file);
  return config === unreadable ? undefined : printOptionsOf({ ...config, ...overrides });
}

/** Whether these are Prettier's defaults, in which the built-in templates are written (`endOfLine: auto` keeps their LF). */
export function isPrettierDefaults(options: PrintOptions): boolean {
  return (Object.keys(prettierDefaults) as (keyof PrintOptions)[]).every((k) => options[k] === prettierDefaults[k] || (k === 'endOfLine' && options[k] === 'auto'));
}

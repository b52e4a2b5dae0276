/**
 * The defaults of the command-line contract, in one place: the CLI shows them
 * in --help, the commands and the programmatic API apply them. Kept free of
 * imports so the start-up path stays light. A template's own options have
 * their defaults in its entry of src/generators/registry.ts.
 */
export const defaults = {
  template: 'crud',
  base: 'api',
  param: 'id',
} as const;

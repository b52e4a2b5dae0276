/**
 * The defaults of the command-line contract, in one place: the CLI shows them
 * in --help, the commands and the programmatic API apply them. Kept free of
 * imports so the start-up path stays light.
 */
export const defaults = {
  template: 'crud',
  fields: 'name:string',
  base: 'api',
  param: 'id',
  provider: 'standard',
  downloadDir: 'downloads',
} as const;

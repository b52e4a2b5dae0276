import type { ImportSpec } from '../render/imports.js';

/** One method export, rendered: the unit that full files and `add` share. */
export interface MethodSnippet {
  name: string;
  code: string;
}

/** A route file as parts, so it can be written whole or merged into an existing file. */
export interface RenderedRoute {
  kind: 'route';
  path: string;
  /** Top-level code that is not a method (e.g. `export const dynamic`). */
  head: string;
  methods: MethodSnippet[];
  imports: ImportSpec[];
  /** The whole file, imports first. */
  text: string;
}

/** A whole file the generator owns (store module, helpers, tests). */
export interface RenderedModule {
  kind: 'module';
  path: string;
  text: string;
}

export type RenderedFile = RenderedRoute | RenderedModule;

import type { ImportSpec, MethodSnippet, ResponseWrap } from '../model/route-code.js';

/** One method export, rendered: the unit that full files and `add` share. */
export type { MethodSnippet };

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
  /** When merged into an existing file: how the file's own handlers' responses are to be wrapped (a CORS route's). */
  wrapResponses?: ResponseWrap;
}

/** A whole file the generator owns (store module, helpers, tests). */
export interface RenderedModule {
  kind: 'module';
  path: string;
  text: string;
  /**
   * A module of one resource (its store module, its policy, its Vitest file),
   * not a helper that every resource shares: once written it is the user's
   * as it is, and later runs add nothing to it.
   */
  perResource?: true;
  /**
   * False for a template not written as Prettier prints it with its defaults:
   * it goes to Prettier even in a project with Prettier's defaults.
   */
  prettierLayout?: false;
  /**
   * Set when `text` is the user's existing file with only an insertion made:
   * the file as it is now. It is planned as an update that keeps every byte
   * (never a conflict, never reformatted as a whole).
   */
  insertedInto?: string;
  /**
   * Other files of the run this module imports (paths), when the route does
   * not import them itself: `add` writes them along with it.
   */
  requires?: string[];
}

export type RenderedFile = RenderedRoute | RenderedModule;

/** The same file in JavaScript, for projects without TypeScript. */
export async function toJavaScript<T extends RenderedFile>(file: T): Promise<T> {
  const { stripTypes } = await import('../render/strip-types.js');
  // An insertion into the user's file is already in the file's language.
  if (file.kind === 'module') return file.insertedInto !== undefined ? file : { ...file, text: await stripTypes(file.text, file.path) };
  const route = file as RenderedRoute;
  const methods = await Promise.all(route.methods.map(async (m) => ({ ...m, code: (await stripTypes(m.code, route.path)).trim() })));
  const text = route.text ? await stripTypes(route.text, route.path) : '';
  return { ...route, methods, imports: route.imports.filter((i) => !i.typeOnly), text } as T;
}

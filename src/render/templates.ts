import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FailedError } from '../util/errors.js';
import { isFile, readTextOrNull } from '../util/files.js';
import * as layout from './layout.js';
import { strictLocals } from './strict-locals.js';

/** Built-in templates ship beside dist/ (and src/) in the package. */
export const builtinTemplatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));

/** A project overrides a built-in template by keeping a file of the same path here (see `eject`). */
export const projectTemplatesDir = '.create-endpoint/templates';

type Compiled = (locals: object) => string;

/** Finds and compiles templates; each file is compiled once per instance (one run). */
export class TemplateSource {
  private readonly compiled = new Map<string, Compiled>();
  private readonly located = new Map<string, string | null>();
  /** Whether a template of the project's own has been compiled: its output is whatever the user wrote. */
  usedProjectTemplates = false;

  constructor(private readonly projectRoot: string) {}

  /** The file a template path resolves to: the project's override, else the built-in one. Looked up once per run. */
  locate(path: string): string | null {
    let file = this.located.get(path);
    if (file === undefined) {
      const override = join(this.projectRoot, projectTemplatesDir, path);
      const builtin = join(builtinTemplatesDir, path);
      file = isFile(override) ? override : isFile(builtin) ? builtin : null;
      this.located.set(path, file);
    }
    return file;
  }

  exists(path: string): boolean {
    return this.locate(path) !== null;
  }

  async render(path: string, locals: object): Promise<string> {
    let template = this.compiled.get(path);
    if (!template) {
      template = await this.compile(path);
      this.compiled.set(path, template);
    }
    try {
      // Every template may lay out its width-dependent lines as Prettier would;
      // a local it reads that is not there throws rather than printing `undefined`.
      return template(strictLocals({ layout, ...locals }));
    } catch (error) {
      throw new FailedError(`Template ${path} failed to render: ${(error as Error).message}`);
    }
  }

  private async compile(path: string): Promise<Compiled> {
    const file = this.locate(path);
    const source = file === null ? null : readTextOrNull(file);
    if (file === null || source === null) throw new FailedError(`Template not found: ${path}`);
    if (!file.startsWith(builtinTemplatesDir)) this.usedProjectTemplates = true;
    const { default: ejs } = await import('ejs');
    // `include('shared/x.ejs', locals)` names a template path as render() does,
    // so a partial is found (and can be overridden) the same way.
    const includer = (included: string) => {
      const partial = this.locate(included);
      if (partial === null) throw new FailedError(`Template not found: ${included} (included by ${path})`);
      if (!partial.startsWith(builtinTemplatesDir)) this.usedProjectTemplates = true;
      return { filename: partial };
    };
    // ejs copies the locals into a fresh object unless told to use them as
    // they are: the strict locals (strict-locals.ts) must reach the template.
    const options = { filename: file, localsName: 'ctx', _with: false, strict: true, unsafePrototypeLocals: true, includer };
    try {
      return ejs.compile(source, options) as Compiled;
    } catch (error) {
      throw new FailedError(`Template ${file} does not compile: ${(error as Error).message}`);
    }
  }
}

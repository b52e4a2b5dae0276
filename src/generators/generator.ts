import type { StyledProject } from '../project/detect.js';
import type { SyntaxPreferences } from '../frameworks/handler-syntax.js';
import type { TemplateSource } from '../render/templates.js';
import type { Resource } from './resource.js';
import type { Framework } from '../frameworks/framework.js';
import type { RenderedFile } from './rendered.js';
import type { TemplateOptionValues } from './registry.js';
import type { AuthRequest } from '../model/auth.js';

export type { WebhookProvider } from './registry.js';

/**
 * The template-specific options of a run, validated by the command: the
 * methods, and one field per option of a template's registry entry (crud
 * `fields` and `store`, webhook `provider`, download `downloadDir` relative to the project
 * root, cors `origins` where empty means same-origin only, stream `sse`).
 */
export interface TemplateOptions extends TemplateOptionValues {
  /** crud: the fields came from --fields or a prompt, not the default (a database table's columns then stand against them). */
  fieldsGiven?: boolean;
  /** The methods to generate (crud: a subset of its methods; cors: the methods besides OPTIONS). */
  methods: string[];
  /** `--auth`/`--role`: guard the handlers with the project's auth; undefined leaves them public. */
  auth?: AuthRequest | undefined;
}

export interface GeneratorInput extends TemplateOptions {
  project: StyledProject;
  style: Framework;
  resource: Resource;
  templates: TemplateSource;
  /** False with --no-format: code inserted into the user's files is left as rendered. */
  format?: boolean;
  /** How the route file at a path already declares handlers, so new ones match it; undefined for a new file. */
  syntaxFor?(path: string): Promise<SyntaxPreferences | undefined>;
}

/** One `--template`: the files it renders for a resource. */
export interface Generator {
  /** Methods `--methods` may name for this template (for the style), and those generated when it is not given. */
  allowedMethods(style: Framework): readonly string[];
  defaultMethods(style: Framework): readonly string[];
  render(input: GeneratorInput): Promise<RenderedFile[]>;
  /** Lines for the report after a run: what to do next, warnings about framework rules. */
  notes?(input: GeneratorInput): string[];
}

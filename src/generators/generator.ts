import type { Field } from '../model/fields.js';
import type { StyledProject } from '../project/detect.js';
import type { SyntaxPreferences } from '../render/handler-syntax.js';
import type { TemplateSource } from '../render/templates.js';
import type { Resource } from './resource.js';
import type { Style } from '../styles/style.js';
import type { RenderedFile } from './rendered.js';

export type WebhookProvider = 'standard' | 'stripe' | 'github';

/** The template-specific options of a run, validated by the command. */
export interface TemplateOptions {
  /** crud: the fields of the resource. */
  fields: Field[];
  /** The methods to generate (crud: a subset of its methods; cors: the methods besides OPTIONS). */
  methods: string[];
  /** webhook: the signature scheme. */
  provider: WebhookProvider;
  /** download: the folder files are served from, relative to the project root. */
  downloadDir: string;
  /** cors: the allowed origins; empty means same-origin only. */
  origins: string[];
  /** stream: Server-Sent Events instead of a plain text stream. */
  sse: boolean;
}

export interface GeneratorInput extends TemplateOptions {
  project: StyledProject;
  style: Style;
  resource: Resource;
  templates: TemplateSource;
  /** How the route file at a path already declares handlers, so new ones match it; undefined for a new file. */
  syntaxFor?(path: string): Promise<SyntaxPreferences | undefined>;
}

/** One `--template`: the files it renders for a resource. */
export interface Generator {
  /** Methods `--methods` may name for this template (for the style), and those generated when it is not given. */
  allowedMethods(style: Style): readonly string[];
  defaultMethods(style: Style): readonly string[];
  render(input: GeneratorInput): Promise<RenderedFile[]>;
  /** Lines for the report after a run: what to do next, warnings about framework rules. */
  notes?(input: GeneratorInput): string[];
}

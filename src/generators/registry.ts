import { fieldTypes, formatFields, parseFields } from '../model/fields.js';
import type { Segment } from '../model/route-path.js';
import { UsageError } from '../util/errors.js';

// What the CLI knows of each template before it runs one: its name, its
// description and its options. src/cli.ts builds `--template` and the
// template flags of both commands from it at every start, --help included, so
// this module imports no generator, no renderer and nothing heavy; the
// generators are looked up by name in ./index.ts.

/** An option only one template reads: its flag (the same on the default command and `add`), its value, its replay. */
export interface TemplateOption<V> {
  /** The flag as commander takes it: `--dir <folder>`, `-f, --fields <spec>`; one without an argument is a switch. */
  flags: string;
  description: string;
  /** `add --help`'s own wording, where it has one. */
  addDescription?: string;
  /** The values commander accepts; it refuses any other before a command runs. */
  choices?: readonly string[];
  /** What commander sets when the flag is left out, shown in --help. */
  default?: string;
  /** Only the default command takes it: `add` reads it from the route's own resource instead. */
  generateOnly?: true;
  /** The question a run on a TTY asks when the flag is left out; the answer is read by `parse`, whose error is shown at the question. */
  prompt?: { message: string; placeholder: string; initial: string };
  /** The run's value from what commander parsed (undefined when the flag is left out and has no default). */
  parse(raw: unknown): V;
  /** The words that give this value in the command line a prompted run prints to run it again. */
  replay(value: V, quote: (word: string) => string): string[];
}

/** One `--template`. */
export interface TemplateEntry {
  name: string;
  /** What it generates, in a phrase: the hint beside it in the prompt. */
  description: string;
  /** Keyed by the field of TemplateOptions each one sets. */
  options: Readonly<Record<string, TemplateOption<unknown>>>;
  /** Whether a run on a TTY asks which methods, when --methods is left out (else the template's default methods). */
  asksMethods?: true;
  /** How `add --template <name>` finds the resource of an existing route file. */
  add?: {
    /** The resource's collection route, from the route file's folders (default: the route itself). */
    collection?(segments: readonly Segment[]): Segment[];
    /** Why the template gives no handler for a route file it does not write. */
    noRoute?: string;
    /** The template's route lists every method of the file (a CORS policy): render it with the file's own methods too. */
    withPresentMethods?: boolean;
  };
}

export const storeNames = ['memory', 'drizzle', 'prisma'] as const;
/** Where a CRUD resource's records, and a webhook's deliveries, live; undefined (no --store) is detected from the project. */
export type StoreName = (typeof storeNames)[number];

/** The fields of a CRUD resource when --fields is left out (and the prompt's answer when none is typed). */
const defaultFields = 'name:string';

export const webhookProviders = ['standard', 'stripe', 'github'] as const;
export type WebhookProvider = (typeof webhookProviders)[number];

function isProvider(value: unknown): value is WebhookProvider {
  return webhookProviders.some((p) => p === value);
}

/** The entries, in the order --help and the prompt list them; crud, the default, first. */
const entries = [
  {
    name: 'crud',
    description: 'list, create, read, replace, update, delete',
    options: {
      fields: option({
        flags: '-f, --fields <spec>',
        description: `crud fields: title:string,done:boolean,priority?:number (${fieldTypes.join(', ')})`,
        generateOnly: true,
        prompt: { message: `Fields? (name:type, name?:type for optional; types: ${fieldTypes.join(', ')})`, placeholder: 'title:string,done:boolean', initial: defaultFields },
        parse: (raw) => parseFields(typeof raw === 'string' ? raw : defaultFields),
        replay: (fields, quote) => ['--fields', quote(formatFields(fields))],
      }),
      store: option({
        flags: '--store <store>',
        description: 'crud: where records live; webhook: where deliveries are recorded (default: drizzle when the project has a Drizzle schema and db, else memory)',
        generateOnly: true,
        choices: storeNames,
        parse: (raw): StoreName | undefined => storeNames.find((name) => name === raw),
        replay: (store) => (store ? ['--store', store] : []),
      }),
    },
    asksMethods: true,
  },
  {
    name: 'webhook',
    description: 'a signed POST from a provider',
    options: {
      provider: option({
        flags: '--provider <provider>',
        description: 'webhook signature scheme',
        choices: webhookProviders,
        default: 'standard',
        // commander's choices() refused anything else; the programmatic API takes the typed value.
        parse: (raw): WebhookProvider => (isProvider(raw) ? raw : 'standard'),
        replay: (provider) => ['--provider', provider],
      }),
    },
  },
  {
    name: 'cors',
    description: 'OPTIONS and methods for other origins',
    options: {
      origins: option({
        flags: '--origins <list>',
        description: 'cors: allowed origins, comma separated',
        parse: (raw) => parseOrigins(typeof raw === 'string' ? raw : undefined),
        replay: (origins, quote) => (origins.length ? ['--origins', quote(origins.join(','))] : []),
      }),
    },
    add: { withPresentMethods: true },
  },
  {
    name: 'download',
    description: 'files from one folder',
    options: {
      downloadDir: option({
        flags: '--dir <folder>',
        description: 'download: the folder files are served from',
        default: 'downloads',
        parse: (raw) => (typeof raw === 'string' ? raw : 'downloads'),
        replay: (dir, quote) => ['--dir', quote(dir)],
      }),
    },
    // Its routes are <collection>/[...path]: the resource is the folder above the catch-all.
    add: { collection: (segments) => (segments.at(-1)?.kind === 'rest' ? segments.slice(0, -1) : [...segments]), noRoute: 'its routes end in a catch-all [...path] folder' },
  },
  {
    name: 'stream',
    description: 'a streamed response, or Server-Sent Events',
    options: {
      sse: option({
        flags: '--sse',
        description: 'stream: Server-Sent Events instead of a plain text stream',
        addDescription: 'stream: Server-Sent Events',
        parse: (raw) => raw === true,
        replay: (sse) => (sse ? ['--sse'] : []),
      }),
    },
  },
] as const satisfies readonly TemplateEntry[];

/** Infers an option's value type from its parse, so TemplateOptions follows the entries. */
function option<V>(spec: TemplateOption<V>): TemplateOption<V> {
  return spec;
}

export type TemplateName = (typeof entries)[number]['name'];
export const templates: readonly (TemplateEntry & { name: TemplateName })[] = entries;
export const templateNames: readonly TemplateName[] = templates.map((entry) => entry.name);

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;
type ValuesOf<E> = E extends { options: infer O } ? { -readonly [K in keyof O]: O[K] extends TemplateOption<infer V> ? V : never } : never;
/** The value of every template's every option: `fields`, `provider`, `downloadDir`, `origins`, `sse`. */
export type TemplateOptionValues = UnionToIntersection<ValuesOf<(typeof entries)[number]>>;

/** A template's entry; undefined for a name that is none (the programmatic API takes any string). */
export function templateEntry(name: string): (TemplateEntry & { name: TemplateName }) | undefined {
  return templates.find((entry) => entry.name === name);
}

/** commander's attribute for a flag: `--dir <folder>` → `dir`, `--allow-list` → `allowList`. */
export function attributeName(flags: string): string {
  const long = /--([\w-]+)/.exec(flags)?.[1] ?? '';
  return long.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

/** Every template option's value from commander's flags; `{}` gives every default. */
export function templateOptionsFrom(flags: Readonly<Record<string, unknown>>): TemplateOptionValues {
  const values: Record<string, unknown> = {};
  for (const entry of templates) for (const [key, spec] of Object.entries(entry.options)) values[key] = spec.parse(flags[attributeName(spec.flags)] ?? spec.default);
  // Every key of TemplateOptionValues is some entry's option, set just above.
  return values as TemplateOptionValues;
}

/** The words a replayed command line gives for the options of its template. */
export function replayTemplateOptions(name: TemplateName, values: TemplateOptionValues, quote: (word: string) => string): string[] {
  const given = new Map<string, unknown>(Object.entries(values));
  return Object.entries(templateEntry(name)?.options ?? {}).flatMap(([key, spec]) => spec.replay(given.get(key), quote));
}

/** `--origins https://a.example,https://b.example`: exact origins, or `*`. */
function parseOrigins(list: string | undefined): string[] {
  if (list === undefined) return [];
  const origins = list.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new UsageError(`--origins: "${origin}" is not an origin such as https://app.example.com.`);
    }
    if (parsed.origin !== origin.replace(/\/$/, '')) {
      throw new UsageError(`--origins: "${origin}" is not a bare origin (scheme, host and port only, e.g. ${parsed.origin}).`);
    }
  }
  if (origins.includes('*') && origins.length > 1) throw new UsageError('--origins: "*" allows every origin; do not list others with it.');
  return origins.map((o) => o.replace(/\/$/, ''));
}

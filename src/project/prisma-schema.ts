/**
 * A Prisma schema (PSL) read as far as a generated store needs it: its
 * generators, its datasource's provider, its enums and models with their
 * scalar and relation fields. Read from the text (Prisma is never run), line
 * by line, as `prisma format` lays blocks out: `model Name {` … `}`.
 */

export interface PrismaField {
  name: string;
  /** The type as written: `String`, `Int`, an enum's or a model's name. */
  type: string;
  optional: boolean;
  list: boolean;
  id: boolean;
  unique: boolean;
  /** The function of `@default(…)` (`autoincrement`, `uuid`, `cuid`, `now`, …), or `value` for a literal. */
  default?: string;
  updatedAt: boolean;
  /** A native type attribute: `@db.VarChar(255)` → `{ name: 'VarChar', args: ['255'] }`. */
  native?: { name: string; args: string[] };
  /** `@relation(fields: [a], references: [b])`: the scalar fields that hold the reference. */
  relationFields?: string[];
  relationReferences?: string[];
}

export interface PrismaModel {
  name: string;
  /** The file that declares it, project-relative. */
  file: string;
  fields: PrismaField[];
  /** `@@id([…])`: a key of several fields. */
  compositeId: boolean;
  /** The offset of the model's closing `}` in its file. */
  end: number;
}

export interface PrismaGenerator {
  name: string;
  provider: string;
  output?: string;
  file: string;
}

export interface PrismaSchema {
  generators: PrismaGenerator[];
  provider?: string;
  enums: Map<string, string[]>;
  models: PrismaModel[];
}

const BLOCK = /^[ \t]*(model|enum|generator|datasource|view|type)[ \t]+(\w+)[ \t]*\{[^\n]*$/gm;

/** Reads the schema's files (project-relative path → text) as one schema. */
export function readPrismaSchema(files: ReadonlyMap<string, string>): PrismaSchema {
  const schema: PrismaSchema = { generators: [], enums: new Map(), models: [] };
  for (const [file, text] of files) {
    for (const block of blocksOf(text)) {
      if (block.kind === 'generator') {
        const values = assignments(block.body);
        schema.generators.push({ name: block.name, provider: values.provider ?? '', ...(values.output !== undefined ? { output: values.output } : {}), file });
      } else if (block.kind === 'datasource') {
        schema.provider = assignments(block.body).provider;
      } else if (block.kind === 'enum') {
        const values = lines(block.body).flatMap((line) => (/^\w+/.exec(line)?.[0] ?? []));
        schema.enums.set(block.name, values);
      } else if (block.kind === 'model') {
        const body = lines(block.body);
        const fields = body.filter((line) => !line.startsWith('@@')).flatMap((line) => fieldOf(line) ?? []);
        schema.models.push({ name: block.name, file, fields, compositeId: body.some((line) => line.startsWith('@@id')), end: block.end });
      }
    }
  }
  return schema;
}

/** The blocks of a file, with their bodies and where each closes. */
function blocksOf(text: string): { kind: string; name: string; body: string; end: number }[] {
  const blocks: { kind: string; name: string; body: string; end: number }[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const start = match.index + match[0].length;
    // A block closes at the first line that is a lone `}`.
    const close = /^[ \t]*\}[ \t]*$/m.exec(text.slice(start));
    if (!close) continue;
    blocks.push({ kind: match[1]!, name: match[2]!, body: text.slice(start, start + close.index), end: start + close.index + close[0].indexOf('}') });
  }
  return blocks;
}

/** The lines of a block, without comments and blank lines. */
function lines(body: string): string[] {
  return body
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, '').trim())
    .filter((line) => line !== '');
}

/** `key = "value"` lines of a generator or datasource. */
function assignments(body: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of lines(body)) {
    const match = /^(\w+)\s*=\s*"([^"]*)"/.exec(line);
    if (match) values[match[1]!] = match[2]!;
  }
  return values;
}

function fieldOf(line: string): PrismaField | undefined {
  const match = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
  if (!match) return undefined;
  const attributes = match[5] ?? '';
  const defaultCall = /@default\(\s*(\w+)?(\()?/.exec(attributes);
  const native = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(attributes);
  const relation = /@relation\(([^]*)\)/.exec(attributes);
  const list = (key: string) => (relation ? new RegExp(`${key}\\s*:\\s*\\[([^\\]]*)\\]`).exec(relation[1]!)?.[1]?.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
  const relationFields = list('fields');
  const relationReferences = list('references');
  return {
    name: match[1]!,
    type: match[2]!,
    list: match[3] !== undefined,
    optional: match[4] !== undefined,
    id: /@id\b/.test(attributes),
    unique: /@unique\b/.test(attributes),
    ...(defaultCall ? { default: defaultCall[2] ? defaultCall[1]! : 'value' } : {}),
    updatedAt: /@updatedAt\b/.test(attributes),
    ...(native ? { native: { name: native[1]!, args: (native[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean) } } : {}),
    ...(relationFields ? { relationFields } : {}),
    ...(relationReferences ? { relationReferences } : {}),
  };
}

import { UsageError } from '../util/errors.js';
import { formatFields, type Field } from '../model/fields.js';
import type { Segment } from '../model/route-path.js';
import { resourceNames } from '../model/resource-names.js';
import { readPrismaSchema, type PrismaModel } from '../project/prisma-schema.js';
import { readPrismaSetup, type PrismaMissing, type PrismaSetup } from '../project/prisma.js';
import { renderPrismaModel, storeModelOf, type NewModelParent, type PrismaStoreModel } from './prisma-model.js';
import type { GeneratorInput } from './generator.js';
import type { RenderedModule } from './rendered.js';

/** A CRUD resource on the project's Prisma client. */
export interface PrismaStore {
  kind: 'prisma';
  why: string;
  setup: PrismaSetup;
  model: PrismaStoreModel;
  fields: Field[];
  /** The schema files with the new model (and its parent's back-relation), when the model is new. */
  schemaInserts: RenderedModule[];
  /** The parent models a nested resource's create checks. */
  parents: { param: string; delegate: string; key: string; integer: boolean; max: number; uuid: boolean; Label: string }[];
}

/** Providers whose clients the generated store runs on: SQL databases (MongoDB's ids and relations are another model). */
const providers = ['postgresql', 'sqlite', 'mysql', 'sqlserver', 'cockroachdb'];

/**
 * The resource's store on Prisma: a model of the resource's name gives the
 * fields (and `--fields` is refused unless it says the same); else a model
 * for the fields is appended to the schema.
 */
export function resolvePrismaStore(input: GeneratorInput, setup: PrismaSetup, source: string): PrismaStore {
  const { resource } = input;
  if (!providers.includes(setup.provider)) {
    throw new UsageError(`--store prisma: the datasource's provider is ${setup.provider}; the generated store runs on ${providers.join(', ')}.`, 'Generate with --store memory.');
  }
  const parents = parentModels(resource.collection, setup);
  const existing = modelFor(setup.schema.models, resource.names.type, resource.names.plural);
  const scopeOf = () => parents.map((p) => ({ param: p.param, key: p.key, ...(p.model ? { parentModel: p.model.name } : {}) }));
  const checks = (model: PrismaStoreModel) =>
    parents.flatMap(({ param, folder, model: parent }) => {
      const id = parent?.fields.find((f) => f.id);
      const scope = model.scope.find((s) => s.param === param);
      if (!parent || !id || !scope || folder === undefined) return [];
      const { label } = resourceNames(folder);
      return [{ param, delegate: parent.name[0]!.toLowerCase() + parent.name.slice(1), key: id.name, integer: scope.integer, max: scope.max, uuid: scope.uuid, Label: label[0]!.toUpperCase() + label.slice(1) }];
    });
  if (existing) {
    const model = storeModelOf(existing, setup.schema, scopeOf());
    const fields = model.fields.map((f) => f.field);
    if (input.fieldsGiven && formatFields(input.fields) !== formatFields(fields)) {
      throw new UsageError(`--fields: ${existing.file} already has the model ${existing.name}, whose fields are the resource's (${formatFields(fields)}).`, 'Leave out --fields, or change the model and run again.');
    }
    return { kind: 'prisma', why: `${source}; the model ${existing.name} is there`, setup, model, fields, schemaInserts: [], parents: checks(model) };
  }
  const name = resource.names.type;
  if (setup.schema.models.some((m) => m.name === name) || setup.schema.enums.has(name)) throw new UsageError(`${setup.schemaFile} already declares ${name}.`, 'Name the resource otherwise (--singular).');
  const newParents: NewModelParent[] = parents.map(({ key, model }) => {
    const id = model?.fields.find((f) => f.id);
    return { key, ...(model && id ? { parent: { model, id } } : {}) };
  });
  const code = renderPrismaModel(name, input.fields, newParents);
  const { schemaInserts, updated } = insertModel(input, setup, code, newParents, resource.names.pluralCamel, name);
  const added = updated.schema.models.find((m) => m.name === name);
  if (!added) throw new Error(`The model rendered for ${name} does not read back`);
  const model = storeModelOf(added, updated.schema, scopeOf());
  return { kind: 'prisma', why: `${source}; the model ${name} is added to ${setup.schemaFile}`, setup: updated, model, fields: input.fields, schemaInserts, parents: checks(model) };
}

/** The model of a resource: named as its type (`Course`) or its plural (`Courses`), in any case. */
function modelFor(models: PrismaModel[], type: string, plural: string): PrismaModel | undefined {
  const names = [type, plural].map((n) => n.replace(/[-_]/g, '').toLowerCase());
  return models.find((m) => m.name === type) ?? models.find((m) => names.includes(m.name.toLowerCase()));
}

/** Each parent parameter: the scalar that holds it, and the model of the folder before it when the schema has one. */
function parentModels(collection: readonly Segment[], setup: PrismaSetup) {
  const parents: { param: string; key: string; folder?: string; model?: PrismaModel }[] = [];
  collection.forEach((segment, i) => {
    if (segment.kind === 'static') return;
    const before = collection[i - 1];
    const folder = before?.kind === 'static' ? before.name : undefined;
    const names = folder === undefined ? undefined : resourceNames(folder);
    const model = names === undefined ? undefined : modelFor(setup.schema.models, names.type, names.plural);
    // A generic `id` names the parent's key: `todos/[id]/notes` → `todoId`.
    const key = segment.name === 'id' && names !== undefined ? `${names.singular}Id` : segment.name;
    parents.push({ param: segment.name, key, ...(folder !== undefined ? { folder } : {}), ...(model ? { model } : {}) });
  });
  return parents;
}

/**
 * Appends the model to the schema file (every other byte kept) and gives each
 * parent it relates to the back-relation Prisma requires (`notes Note[]`),
 * inserted before the parent's closing brace; later resources of the run see
 * both.
 */
function insertModel(input: GeneratorInput, setup: PrismaSetup, code: string, parents: NewModelParent[], backName: string, name: string): { schemaInserts: RenderedModule[]; updated: PrismaSetup } {
  const texts = new Map(setup.schemaFiles);
  // The last in a file first, so the offsets of the others still hold.
  for (const { parent } of [...parents].sort((a, b) => (b.parent?.model.end ?? 0) - (a.parent?.model.end ?? 0))) {
    if (!parent) continue;
    const text = texts.get(parent.model.file) ?? '';
    const taken = parent.model.fields.some((f) => f.name === backName);
    const field = `${taken ? `${backName}Of${name}` : backName} ${name}[]`;
    const at = parent.model.end;
    texts.set(parent.model.file, `${text.slice(0, at)}${text.slice(0, at).endsWith('\n') ? '' : '\n'}  ${field}\n${text.slice(at)}`);
  }
  const schemaText = texts.get(setup.schemaFile) ?? '';
  texts.set(setup.schemaFile, `${schemaText}${schemaText === '' || schemaText.endsWith('\n') ? '' : '\n'}\n${code}`);
  const schema = readPrismaSchema(texts);
  const updated = { ...setup, schemaFiles: texts, schema };
  prismaSetups.set(input.templates, updated);
  const schemaInserts: RenderedModule[] = [...texts].filter(([file, text]) => setup.schemaFiles.get(file) !== text).map(([file, text]) => ({ kind: 'module', path: file, text, insertedInto: setup.schemaFiles.get(file) ?? '' }));
  return { schemaInserts, updated };
}

/**
 * The project's Prisma set-up, read once a run, with the models the run's
 * earlier resources added. Keyed by the run's template source, one per run.
 */
const prismaSetups = new WeakMap<object, PrismaSetup | PrismaMissing | null>();

export function prismaSetupOfRun(input: GeneratorInput): PrismaSetup | PrismaMissing | null {
  if (!prismaSetups.has(input.templates)) prismaSetups.set(input.templates, readPrismaSetup(input.project.root, input.project.packageJson));
  return prismaSetups.get(input.templates) ?? null;
}

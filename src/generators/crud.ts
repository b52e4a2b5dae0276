import { apiUtilsFile, apiUtilsModule, bodyLimitNotes } from './api-utils.js';
import { getFramework } from '../frameworks/index.js';
import { join } from 'node:path';
import { FailedError } from '../util/errors.js';
import { readTextOrNull } from '../util/files.js';
import { crudFunctionNames } from '../model/resource-names.js';
import { fieldTypeRows } from '../model/field-types.js';
import { strictLocals } from '../render/strict-locals.js';
import { relativeSpecifier } from '../frameworks/imports.js';
import type { ParamSegment } from '../model/route-path.js';
import type { Framework } from '../frameworks/framework.js';
import type { Generator, GeneratorInput } from './generator.js';
import type { RenderedFile, RenderedRoute } from './rendered.js';
import { kitRouteId, renderRoute, testBeside } from './route-renderer.js';
import { resolveStore, type ResolvedStore } from './crud-store.js';
import { drizzleNotes, renderDrizzleFiles } from './crud-drizzle.js';
import { prismaNotes, renderPrismaFiles } from './crud-prisma.js';

export const crudMethods = {
  collection: ['GET', 'POST'],
  item: ['GET', 'PUT', 'PATCH', 'DELETE'],
} as const;
const allCrudMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export const crudGenerator: Generator = {
  allowedMethods: () => allCrudMethods,
  defaultMethods: () => allCrudMethods,
  render: renderCrud,
  notes: ({ project, resource }) => {
    const store = resolvedStores.get(resource);
    return [
      ...(store?.kind === 'drizzle' ? drizzleNotes(store) : []),
      ...(store?.kind === 'prisma' ? prismaNotes(store) : []),
      // A folder without package.json has no dev server to start.
      ...(project.packageJson && project.packageJson.scripts?.dev !== undefined
        ? [`Next: start the dev server (npm run dev) and try: curl -i http://localhost:${getFramework(project.style).devPort}${resource.collectionUrl.replace(/\[([^\]]+)\]/g, ':$1')}`]
        : []),
      ...(store?.kind === 'memory'
        ? [`The in-memory store of ${resource.names.plural} lives in ${resource.moduleFile}, in one server process (lost on restart), because ${store.why}: give it another Store, or generate with --store drizzle or --store prisma, to keep records in your database.`]
        : []),
      ...bodyLimitNotes(project),
    ];
  },
};

/** The store each resource of a run was given, for the notes after it. */
const resolvedStores = new WeakMap<GeneratorInput['resource'], ResolvedStore>();

/** Renders the files of one CRUD resource (unformatted). */
export async function renderCrud(original: GeneratorInput): Promise<RenderedFile[]> {
  const store = await resolveStore(original);
  resolvedStores.set(original.resource, store);
  // On an existing table, the fields are its columns.
  const input = store.kind === 'memory' ? original : { ...original, fields: store.fields };
  const { project, style, resource, templates } = input;
  const utilsFile = apiUtilsFile(input);
  const files: RenderedFile[] = [];
  for (const kind of ['collection', 'item'] as const) {
    const methods = crudMethods[kind].filter((m) => input.methods.includes(m));
    if (methods.length === 0) continue;
    const path = kind === 'collection' ? resource.collectionFile : resource.itemFile;
    const params = kind === 'collection' ? resource.parentParams : [...resource.parentParams, resource.itemParam];
    files.push(await renderCrudRoute(input, { kind, path, params, methods, utilsFile }));
  }
  refuseSharedModule(input);
  const shared = moduleLocals(input);
  // The validation and store engine every resource shares, and the resource's own small module.
  const resourcesFile = `${style.serverLibDir(project)}/resources.${project.typescript ? 'ts' : 'js'}`;
  // JavaScript keeps the extension, so plain Node resolves the import too; TypeScript projects resolve it without.
  const resourcesImport = relativeSpecifier(resource.moduleFile, resourcesFile) + (project.typescript ? '' : '.js');
  if (store.kind === 'drizzle') files.push(...(await renderDrizzleFiles(input, store, shared, resourcesImport)));
  else if (store.kind === 'prisma') files.push(...(await renderPrismaFiles(input, store, shared, resourcesImport)));
  else files.push({ kind: 'module', path: resource.moduleFile, text: await templates.render('crud/resource.ts.ejs', { ...shared, resourcesImport }), perResource: true });
  files.push({ kind: 'module', path: resourcesFile, text: await templates.render('crud/resources.ts.ejs', shared) });
  files.push(await apiUtilsModule(input));
  // The endpoints' tests run the store: on a database, they would write to it. Guarded
  // endpoints answer them 401 without a session of the project's auth library (authNotes says so).
  if (project.usesVitest && store.kind === 'memory' && input.auth === undefined) files.push(await renderTest(input));
  return files;
}

/** A Vitest file beside the collection route, where Vitest's default include finds it. */
async function renderTest(input: GeneratorInput): Promise<RenderedFile> {
  const { project, style, resource, templates } = input;
  const test = testBeside(input, resource.collectionFile, 'crud');
  const dir = resource.collectionFile.slice(0, resource.collectionFile.lastIndexOf('/'));
  // Two values of each parent parameter: the tests' parent, and another one whose list must stay apart.
  const parentParams = resource.parentParams.map((p) => {
    const array = style.paramType(p).startsWith('string[]');
    const sample = (n: number) => (array ? `["${p.name}-${n}"]` : `"${p.name}-${n}"`);
    return { name: p.name, sample: sample(1), other: sample(2), path: `${p.name}-1`, otherPath: `${p.name}-2` };
  });
  const pathWith = (key: 'path' | 'otherPath') => {
    let url = resource.collectionUrl;
    for (const p of parentParams) url = url.replace(/\[(?:\[)?(?:\.\.\.)?([^\]=]+)(?:=[^\]]*)?\](?:\])?/, (all, name: string) => (name === p.name ? p[key] : all));
    return url;
  };
  const text = await templates.render('crud/endpoints.test.ts.ejs', {
    ...moduleLocals(input),
    methods: input.methods,
    style: style.name,
    styleLabel: style.label,
    asyncParams: project.version.major >= 15,
    parentParams,
    itemParamName: resource.itemParam.name,
    samplePath: pathWith('path'),
    otherPath: pathWith('otherPath'),
    routeIds: { collection: kitRouteId(input, resource.collectionFile), item: kitRouteId(input, resource.itemFile) },
    collectionImport: test.routeImport,
    itemImport: `./${resource.itemFile.slice(dir.length + 1).replace(/\.[jt]s$/, '')}`,
  });
  return { kind: 'module', path: test.path, text, perResource: true };
}

interface CrudRoute {
  kind: 'collection' | 'item';
  path: string;
  params: ParamSegment[];
  methods: string[];
  utilsFile: string;
}

function renderCrudRoute(input: GeneratorInput, spec: CrudRoute): Promise<RenderedRoute> {
  const { style, resource } = input;
  return renderRoute(input, {
    template: 'crud',
    path: spec.path,
    params: spec.params,
    partials: spec.methods.map((method) => ({ method, file: `${spec.kind}.${method}.ejs` })),
    head: `${spec.kind}.head.ejs`,
    locals: ({ route, from }) => ({
      ...moduleLocals(input),
      itemParam: route.param(resource.itemParam.name),
      scopeEntries: scopeEntries(resource.parentParams, route.param),
      use: from(resource.moduleFile),
      util: from(spec.utilsFile),
    }),
  });
}

/**
 * Two resources whose static folders join to one module name
 * (`orgs/[orgId]/members` and `orgs-members`) would share a module, its store
 * and its fields: the module names its route, and another route is refused.
 */
function refuseSharedModule({ project, resource }: GeneratorInput): void {
  const text = readTextOrNull(join(project.root, resource.moduleFile));
  const route = text === null ? undefined : /^\/\/ Route: (.+)$/m.exec(text)?.[1];
  if (route !== undefined && route !== resource.collectionUrl) {
    throw new FailedError(
      `${resource.moduleFile} is the module of ${route}; ${resource.collectionUrl} would share it (its store and its fields). Nothing was written.`,
      'Name one of the two resources otherwise.',
    );
  }
}

function moduleLocals({ project, style, resource, fields }: GeneratorInput) {
  const n = resource.names;
  const pluralType = n.pluralCamel[0]!.toUpperCase() + n.pluralCamel.slice(1);
  return {
    project,
    routeUrl: resource.collectionUrl,
    fields,
    // What each field type writes, read by the templates; a column they miss throws.
    fieldTypes: strictLocals(fieldTypeRows, 'ctx.fieldTypes', true),
    scoped: resource.parentParams.length > 0,
    scopeFields: scopeFields(resource.parentParams, style),
    moduleName: resource.moduleFile.replace(/^.*\//, '').replace(/\.[jt]s$/, ''),
    names: { ...n, PluralType: pluralType, Label: n.label[0]!.toUpperCase() + n.label.slice(1) },
    fn: crudFunctionNames(n.type, pluralType),
  };
}

/**
 * The entries of a nested resource's store scope, the object of its parent
 * parameters (`{ orgId }`), so `/orgs/1/members` and `/orgs/2/members` are
 * separate lists. None for a top-level resource.
 */
function scopeEntries(params: ParamSegment[], ref: (name: string) => string): string[] {
  return params.map((p) => (ref(p.name) === p.name ? p.name : `${p.name}: ${ref(p.name)}`));
}

/** The members of a nested resource's scope type: each parent parameter with the type the framework gives it. */
function scopeFields(params: ParamSegment[], style: Framework): string[] {
  return params.map((p) => `${p.name}: ${style.paramType(p)}`);
}

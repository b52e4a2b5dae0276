import type { StyledProject } from '../project/detect.js';
import type { GeneratorInput } from './generator.js';
import type { RenderedFile } from './rendered.js';
import type { PrismaStore } from './prisma-store.js';

/**
 * The files of a resource on the project's Prisma client: its module
 * (validation, and a Store that runs queries through the project's client),
 * the module every Prisma resource shares (how the database's refusals are
 * answered), and the schema with the resource's model when it is new.
 */
export async function renderPrismaFiles(input: GeneratorInput, store: PrismaStore, locals: Record<string, unknown>, resourcesImport: string): Promise<RenderedFile[]> {
  const { project, style, resource, templates } = input;
  const { setup } = store;
  const ext = project.typescript ? 'ts' : 'js';
  const errorsFile = `${style.serverLibDir(project)}/prisma-errors.${ext}`;
  // `$lib/server/db`, not `$lib/server/db/index`.
  const from = (file: string) => style.importSpecifier(project, resource.moduleFile, file).replace(/\/index(\.js|\.d)?$/, (_, js?: string) => (js === '.js' && !project.typescript ? '/index.js' : ''));
  const text = await templates.render('crud/prisma/resource.ts.ejs', {
    ...locals,
    resourcesImport,
    store: {
      schemaFile: schemaFileOf(store),
      model: store.model,
      parents: store.parents,
      // The client's name in the module: a default export is imported as `prisma`.
      client: setup.clientExport === 'default' ? 'prisma' : setup.clientExport,
      clientImport: setup.clientExport === 'default' ? 'prisma' : `{ ${setup.clientExport} }`,
      clientFrom: from(setup.clientModule),
      typesImport: 'package' in setup.clientTypes ? setup.clientTypes.package : from(setup.clientTypes.file),
      errorsImport: sibling(resourcesImport, 'prisma-errors', project),
    },
  });
  const files: RenderedFile[] = [
    // Not laid out as Prettier prints it: always formatted.
    { kind: 'module', path: resource.moduleFile, text, perResource: true, prettierLayout: false },
    { kind: 'module', path: errorsFile, text: await templates.render('crud/prisma/errors.ts.ejs', {}) },
    ...store.schemaInserts,
  ];
  return files;
}

/** The schema file that declares the store's model. */
function schemaFileOf(store: PrismaStore): string {
  return store.setup.schema.models.find((m) => m.name === store.model.name)?.file ?? store.setup.schemaFile;
}

/** What the report says after a run on Prisma: the store and why, and the commands that create a new model's table and the client. */
export function prismaNotes(store: PrismaStore): string[] {
  const notes = [`Store: Prisma (${store.setup.provider}), because ${store.why}.`];
  if (store.schemaInserts.length > 0) {
    notes.push(`Next: create the table ${store.model.name} in the database and generate the client: npx prisma migrate dev (or npx prisma db push), then npx prisma generate.`);
  } else {
    notes.push('Next: npx prisma generate, when the client is older than the schema.');
  }
  notes.push('No Vitest file is written for a database store: its tests would write to your database.');
  return notes;
}

/** `../resources` → `../prisma-errors`: the shared module sits beside the shared resources module. */
function sibling(resourcesImport: string, name: string, project: StyledProject): string {
  return resourcesImport.replace(/resources(\.js)?$/, `${name}${project.typescript ? '' : '.js'}`);
}

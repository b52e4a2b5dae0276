import { UsageError } from '../util/errors.js';
import { routeFilePath } from './resource.js';
import type { ParamSegment } from '../model/route-path.js';
import type { Generator, GeneratorInput } from './generator.js';
import type { RenderedFile } from './rendered.js';
import { renderRoute, testFileBeside } from './route-renderer.js';
import { serverModuleFile } from './server-module.js';

/** The catch-all parameter that carries the file's path below the folder. */
const restParam: ParamSegment = { kind: 'rest', name: 'path' };

/** Folders that hold code, secrets or build output: never served as a whole. */
const refusedTopFolders = new Set(['src', 'app', 'lib', 'pages', 'node_modules', 'build', 'dist', 'out']);

export const downloadGenerator: Generator = {
  allowedMethods: () => ['GET', 'HEAD'],
  defaultMethods: () => ['GET', 'HEAD'],
  render: renderDownload,
  notes: (input) => {
    const dir = downloadDir(input.downloadDir);
    const nodeTypes = input.project.hasNodeTypes ? [] : [nodeTypesNote(input)];
    return [
      ...nodeTypes,
      `Put the files to serve in ${dir}/: ${input.resource.collectionUrl}/<file> serves ${dir}/<file> (no dotfiles, no folders, nothing outside it). The folder is resolved at run time against the server's working directory, process.cwd(): the project root when started with ${input.style.startCommands}; start it from there, or change the dir in the route.`,
    ];
  },
};

/**
 * The download helper reads files with node:fs: a project without @types/node
 * (sv adds none) cannot type-check it until the types are installed, and
 * SvelteKit 3's `$app/tsconfig` lists only `$app/types`, so there they must be
 * named too.
 */
function nodeTypesNote({ project, style }: GeneratorInput): string {
  const install = 'run npm install --save-dev @types/node';
  const types = style.nodeTypesStep(project);
  return `The download helper reads files with node:fs and node:path, whose types this project does not have: ${install}${types} before type-checking.`;
}

/**
 * GET and HEAD on `<resource>/[...path]`, serving files from one folder: the
 * route only hands the path to a shared `download` module, which refuses
 * anything that could leave the folder before touching the file system.
 */
async function renderDownload(input: GeneratorInput): Promise<RenderedFile[]> {
  const { project, style, resource, templates } = input;
  const dir = downloadDir(input.downloadDir);
  if (resource.parentParams.some((p) => p.name === restParam.name)) {
    throw new UsageError(`Resource "${resource.input}": the download route's own parameter is [...${restParam.name}]; name the other parameter differently.`);
  }
  const helperFile = serverModuleFile(input, 'download');
  const segments = [...resource.collection, restParam];
  const routePath = routeFilePath(project, style, segments);
  const params = [...resource.parentParams, restParam];
  const methods = ['GET', 'HEAD'].filter((m) => input.methods.includes(m));

  const routeFile = await renderRoute(input, {
    template: 'download',
    path: routePath,
    params,
    partials: methods.map((method) => ({ method, file: `${method}.ejs` })),
    head: 'head.ejs',
    locals: ({ route, from }) => ({ dir, pathParam: route.param(restParam.name), lib: from(helperFile) }),
  });
  const files: RenderedFile[] = [routeFile, { kind: 'module', path: helperFile, text: await templates.render('download/download.ts.ejs', { project }) }];
  files.push(
    ...(await testFileBeside(input, routePath, 'download/endpoint.test.ts.ejs', {
      methods,
      dir,
      url: resource.collectionUrl,
      arrayPath: style.paramType(restParam).startsWith('string[]'),
      parentParams: resource.parentParams.map((p) => ({ name: p.name, array: style.paramType(p).startsWith('string[]') })),
    })),
  );
  return files;
}

/**
 * `--dir`, checked and normalised: a folder below the project root that
 * holds no code (the whole folder is public).
 */
export function downloadDir(value: string): string {
  const dir = value.trim().replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (dir === '' || dir === '.') throw new UsageError('--dir: serving the project root would publish its code; name a folder such as downloads.');
  if (dir.includes('\\') || dir.includes('\0')) throw new UsageError(`--dir "${value}": use "/" between folder names.`);
  if (dir.startsWith('/') || /^[A-Za-z]:/.test(dir)) throw new UsageError(`--dir "${value}" is absolute; give a folder relative to the project root, such as downloads.`);
  const parts = dir.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) throw new UsageError(`--dir "${value}" must stay inside the project, without "." or ".." segments.`);
  if (parts.some((p) => p.startsWith('.'))) throw new UsageError(`--dir "${value}": a hidden folder cannot be served (dotfiles are never served).`);
  if (refusedTopFolders.has(parts[0]!)) throw new UsageError(`--dir "${value}" is inside ${parts[0]}/, which holds code or build output; use a folder of its own, such as downloads.`);
  if (!/^[\w .@+-]+(\/[\w .@+-]+)*$/.test(dir)) throw new UsageError(`--dir "${value}": use letters, digits, spaces and . _ - @ + in folder names.`);
  return dir;
}

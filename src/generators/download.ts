import { UsageError } from '../errors.js';
import { handlerSyntax } from '../render/handler-syntax.js';
import { ImportCollector } from '../render/imports.js';
import { routeFilePath } from '../resource.js';
import type { ParamSegment } from '../styles/route-path.js';
import type { Generator, GeneratorInput } from './generator.js';
import type { RenderedFile, RenderedRoute } from './rendered.js';

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
    return [
      `Put the files to serve in ${dir}/: ${input.resource.collectionUrl}/<file> serves ${dir}/<file> (no dotfiles, no folders, nothing outside it). The folder is resolved at run time against the server's working directory, process.cwd(): the project root when started with npm run dev / npm start; start it from there, or change the dir in the route.`,
    ];
  },
};

/**
 * GET and HEAD on `<resource>/[...path]`, serving files from one folder: the
 * route only hands the path to a shared `download` module, which refuses
 * anything that could leave the folder before touching the file system.
 */
export async function renderDownload(input: GeneratorInput): Promise<RenderedFile[]> {
  const { project, style, resource, templates } = input;
  const dir = downloadDir(input.downloadDir);
  if (resource.parentParams.some((p) => p.name === restParam.name)) {
    throw new UsageError(`Resource "${resource.input}": the download route's own parameter is [...${restParam.name}]; name the other parameter differently.`);
  }
  const ext = project.typescript ? 'ts' : 'js';
  const helperFile = `${style.serverLibDir(project)}/download.${ext}`;
  const segments = [...resource.collection, restParam];
  const routePath = routeFilePath(project, style, segments);
  const params = [...resource.parentParams, restParam];
  const methods = ['GET', 'HEAD'].filter((m) => input.methods.includes(m));

  const imports = new ImportCollector();
  const route = handlerSyntax(style, project, params, imports, await input.syntaxFor?.(routePath));
  const locals = {
    project,
    route,
    methods,
    dir,
    pathParam: route.param(restParam.name),
    lib: (name: string) => imports.add(name, style.importSpecifier(project, routePath, helperFile)),
  };
  const snippets = [];
  for (const method of methods) snippets.push({ name: method, code: (await templates.render(pick(input, `${method}.ejs`), locals)).trim() });
  const headPath = pick(input, 'head.ejs', true);
  const head = headPath ? (await templates.render(headPath, locals)).trim() : '';
  const routeFile: RenderedRoute = {
    kind: 'route',
    path: routePath,
    head,
    methods: snippets,
    imports: imports.specs,
    text: [imports.print(), head, ...snippets.map((s) => s.code)].filter(Boolean).join('\n\n') + '\n',
  };
  const files: RenderedFile[] = [routeFile, { kind: 'module', path: helperFile, text: await templates.render('download/download.ts.ejs', { project }) }];
  if (project.usesVitest) {
    const routeDir = routePath.slice(0, routePath.lastIndexOf('/'));
    const pathType = style.paramType(restParam);
    files.push({
      kind: 'module',
      path: `${routeDir}/${resource.names.plural}.test.${ext}`,
      text: await templates.render('download/endpoint.test.ts.ejs', {
        project,
        methods,
        dir,
        style: style.name,
        styleLabel: style.label,
        url: resource.collectionUrl,
        arrayPath: pathType.startsWith('string[]'),
        routeImport: `./${routePath.slice(routeDir.length + 1).replace(/\.[jt]s$/, '')}`,
        parentParams: resource.parentParams.map((p) => ({ name: p.name, array: style.paramType(p).startsWith('string[]') })),
        asyncParams: project.version.major >= 15,
      }),
    });
  }
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

/** A style's own template when it has one, else the shared one; '' for a missing optional one. */
function pick({ templates, style }: GeneratorInput, file: string, optional = false): string {
  const own = `${style.name}/download/${file}`;
  if (templates.exists(own)) return own;
  return optional && !templates.exists(`download/${file}`) ? '' : `download/${file}`;
}

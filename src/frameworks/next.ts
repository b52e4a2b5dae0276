import { dirname, join } from 'node:path';
import { FailedError } from '../util/errors.js';
import { isDirectory, isFile, readTextOrNull } from '../util/files.js';
import type { FrameworkFacts } from '../project/detect.js';
import type { Framework } from './framework.js';
import { aliasSpecifier, relativeSpecifier } from './imports.js';
import { nextSyntax } from './next-handlers.js';
import { folderRouteFile, readFolderRouteFile } from './routes.js';

const routeFileNames = ['route.ts', 'route.js', 'route.tsx', 'route.jsx', 'route.mts', 'route.mjs'];

export const next: Framework = {
  name: 'next',
  label: 'Next.js',
  promptLabel: 'Next.js (App Router route.ts)',
  release: { package: 'next', supportedMajors: [14, 15, 16] },
  methods: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH'],
  routeFileNames,
  routesDir: (project) => project.nextAppDir,
  routeFile: (project, folders) => folderRouteFile(project.nextAppDir, folders, project.typescript ? 'route.ts' : 'route.js'),
  routeFileCandidates: (project, folders) => routeFileNames.map((name) => folderRouteFile(project.nextAppDir, folders, name)),
  readRouteFile: (project, path) => readFolderRouteFile(project.nextAppDir, routeFileNames, path),
  // Next.js fails the build when one segment has both a route and a page.
  checkRouteFile(root, file) {
    const dir = dirname(file);
    const page = ['page.tsx', 'page.jsx', 'page.ts', 'page.js', 'page.mdx', 'page.md'].find((p) => isFile(join(root, dir, p)));
    if (page) throw new FailedError(`${file} sits beside ${dir}/${page}: Next.js cannot build a route and a page in one segment.`, 'Move the route to its own folder, such as api/.');
  },
  catchAllLast: true,
  // Beside app/: `src/lib/server` for src/app, `lib/server` for a root app/.
  serverLibDir: (project) => (project.nextAppDir === 'src/app' ? 'src/lib/server' : 'lib/server'),
  importSpecifier: (project, fromFile, toFile) => aliasSpecifier(project, toFile) ?? relativeSpecifier(fromFile, toFile),
  unsupportedSegment(segment) {
    if (segment.kind === 'static' && segment.name.startsWith('_')) return `"${segment.name}" starts with "_": Next.js does not route private folders`;
    if (segment.kind === 'optional') return `Next.js has no optional parameter [[${segment.name}]]; use [[...${segment.name}]]`;
    if (segment.kind === 'param' && segment.matcher) return `Next.js has no parameter matchers ([${segment.name}=${segment.matcher}])`;
    return null;
  },
  paramType(segment) {
    if (segment.kind === 'rest') return 'string[]';
    if (segment.kind === 'optional-rest') return 'string[] | undefined';
    return 'string';
  },
  handlerRequest: 'parameter',
  defaultSyntax: { declaration: 'function', requestHandlerType: false },
  handlerSyntax: nextSyntax,
  devPort: 3000,
  startCommands: 'npm run dev / npm start',
  secretSource: () => 'process',
  csrfNote: () => null,
  bodyLimitNote: () => null,
  nodeTypesStep: () => '',
};

/** What only Next.js reads about a project: where its routes live, and whether next.config turns cacheComponents on. */
export function readNextFacts(root: string): Pick<FrameworkFacts, 'nextAppDir' | 'nextCacheComponents'> {
  return { nextAppDir: nextAppDir(root), nextCacheComponents: readsCacheComponents(root) };
}

/** Next.js serves `app/` when it exists, else `src/app/`; a fresh project follows its `src/` if it has one. */
function nextAppDir(root: string): 'app' | 'src/app' {
  if (isDirectory(join(root, 'app'))) return 'app';
  if (isDirectory(join(root, 'src', 'app')) || isDirectory(join(root, 'src'))) return 'src/app';
  return 'app';
}

/** `cacheComponents: true` makes `export const dynamic` fail the build. */
function readsCacheComponents(root: string): boolean {
  for (const name of ['next.config.ts', 'next.config.mjs', 'next.config.js', 'next.config.mts']) {
    const text = readTextOrNull(join(root, name));
    if (text !== null) return /cacheComponents\s*:\s*true/.test(text);
  }
  return false;
}

import type { FrameworkFacts } from '../project/detect.js';
import { declaredRange, type PackageJson } from '../project/package-json.js';
import type { Framework } from './framework.js';
import { relativeSpecifier, stripExtension } from './imports.js';
import { folderRouteFile, readFolderRouteFile } from './routes.js';
import { sveltekitSyntax } from './sveltekit-handlers.js';

const routesDir = 'src/routes';
const routeFileNames = ['+server.ts', '+server.js'];

export const sveltekit: Framework = {
  name: 'sveltekit',
  label: 'SvelteKit',
  promptLabel: 'SvelteKit (+server.ts)',
  release: { package: '@sveltejs/kit', supportedMajors: [2, 3] },
  methods: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH', 'fallback'],
  routeFileNames,
  routesDir: () => routesDir,
  routeFile: (project, folders) => folderRouteFile(routesDir, folders, project.typescript ? '+server.ts' : '+server.js'),
  routeFileCandidates: (_project, folders) => routeFileNames.map((name) => folderRouteFile(routesDir, folders, name)),
  readRouteFile: (_project, path) => readFolderRouteFile(routesDir, routeFileNames, path),
  checkRouteFile: () => {},
  catchAllLast: false,
  serverLibDir: () => 'src/lib/server',
  importSpecifier(project, fromFile, toFile) {
    const inLib = toFile.startsWith('src/lib/') ? toFile.slice('src/lib/'.length) : null;
    if (inLib === null) return relativeSpecifier(fromFile, toFile);
    if (project.version.major < 3) return `$lib/${stripExtension(inLib)}`;
    // SvelteKit 3 replaced $lib with the package.json subpath import #lib. Subpath
    // patterns add no extension, so `"#lib/*": "./src/lib/*"` needs it in the
    // import: `.js`, as sv's own scaffold maps `#lib` to `index.js`. TypeScript
    // and Vite resolve it to the .ts file, and unlike `.ts` it is no error under
    // `rewriteRelativeImportExtensions`, which sv's tsconfig sets.
    const target = project.hashLibTarget;
    if (target === null || !target.startsWith('./src/lib/')) return relativeSpecifier(fromFile, toFile);
    return target.endsWith('/*') ? `#lib/${inLib.replace(/\.ts$/, '.js')}` : `#lib/${stripExtension(inLib)}`;
  },
  unsupportedSegment(segment) {
    if (segment.kind === 'static' && segment.name.startsWith('+')) return `"${segment.name}" starts with "+", which SvelteKit reserves`;
    return null;
  },
  paramType(segment) {
    // SvelteKit joins rest parameters into one string.
    if (segment.kind === 'optional' || segment.kind === 'optional-rest') return 'string | undefined';
    return 'string';
  },
  handlerRequest: 'event',
  defaultSyntax: { declaration: 'arrow', requestHandlerType: true },
  handlerSyntax: sveltekitSyntax,
  devPort: 5173,
  startCommands: 'npm run dev / node build',
  // SvelteKit 3 dropped dynamic env access: a variable declared in src/env.ts, imported from $app/env/private.
  secretSource: (project) => (project.version.major >= 3 ? 'declared' : 'dynamic'),
  csrfNote(project, route) {
    if (route === 'webhook') {
      return 'SvelteKit CSRF: in production a cross-origin POST with a form content type (application/x-www-form-urlencoded, multipart/form-data, text/plain) is refused with 403 before it reaches the endpoint, unless csrf.trustedOrigins allows it; have the sender deliver JSON (application/json), which passes.';
    }
    const bodyless = project.version.major >= 3 ? ', or with no Content-Type at all (a DELETE without a body)' : '';
    return `SvelteKit CSRF: in production a cross-origin POST, PUT, PATCH or DELETE with a form content type (application/x-www-form-urlencoded, multipart/form-data, text/plain)${bodyless} is refused with 403 before it reaches the endpoint, unless csrf.trustedOrigins lists the origin; JSON requests pass.`;
  },
  // adapter-node refuses request bodies over BODY_SIZE_LIMIT (512K by default)
  // before an endpoint reads them; the generated reader answers that with 413
  // too, but its own 1 MB limit is then never reached.
  bodyLimitNote: (project) =>
    declaredRange(project.packageJson, '@sveltejs/adapter-node') === undefined
      ? null
      : "adapter-node refuses request bodies over BODY_SIZE_LIMIT (512K by default) with 413 before the endpoints read them: to allow the endpoints' 1 MB, start the server with BODY_SIZE_LIMIT=1M.",
  // SvelteKit 3's `$app/tsconfig` lists only `$app/types`, so node must be named too.
  nodeTypesStep: (project) => (project.version.major >= 3 ? ', and add "node" to compilerOptions.types in tsconfig.json ("types": ["$app/types", "node"])' : ''),
};

/** What only SvelteKit reads about a project: SvelteKit 3's `#lib/*` subpath import, from package.json `imports`. */
export function readSvelteKitFacts(pkg: PackageJson | null): Pick<FrameworkFacts, 'hashLibTarget'> {
  const target = pkg?.imports?.['#lib/*'];
  return { hashLibTarget: typeof target === 'string' ? target : null };
}

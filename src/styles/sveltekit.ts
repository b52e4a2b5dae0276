import type { Style } from './style.js';
import { relativeSpecifier, stripExtension } from './imports.js';

export const sveltekitStyle: Style = {
  name: 'sveltekit',
  label: 'SvelteKit',
  methods: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH', 'fallback'],
  routeFileNames: ['+server.ts', '+server.js'],
  routesDir: () => 'src/routes',
  routeFileName: (project) => (project.typescript ? '+server.ts' : '+server.js'),
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
};

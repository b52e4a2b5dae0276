import type { Style } from './style.js';
import { stripExtension } from './imports.js';

export const sveltekitStyle: Style = {
  name: 'sveltekit',
  label: 'SvelteKit',
  methods: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH', 'fallback'],
  routeFileNames: ['+server.ts', '+server.js'],
  routesDir: () => 'src/routes',
  routeFileName: (project) => (project.typescript ? '+server.ts' : '+server.js'),
  serverLibDir: () => 'src/lib/server',
  importSpecifier(project, _fromFile, toFile) {
    const inLib = toFile.startsWith('src/lib/') ? toFile.slice('src/lib/'.length) : null;
    if (inLib === null) throw new Error(`not under src/lib: ${toFile}`);
    // SvelteKit 3 replaced the $lib alias with the package.json subpath import #lib.
    if (project.version.major >= 3 || project.hasHashLibImport) return `#lib/${stripExtension(inLib)}`;
    return `$lib/${stripExtension(inLib)}`;
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

import type { Style } from './style.js';
import { aliasSpecifier, relativeSpecifier } from './imports.js';

export const nextStyle: Style = {
  name: 'next',
  label: 'Next.js',
  methods: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH'],
  routeFileNames: ['route.ts', 'route.js', 'route.tsx', 'route.jsx', 'route.mts', 'route.mjs'],
  routesDir: (project) => project.nextAppDir,
  routeFileName: (project) => (project.typescript ? 'route.ts' : 'route.js'),
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
};

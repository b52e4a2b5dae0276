import type { StyleName } from '../project/framework.js';
import type { StyledProject } from '../project/detect.js';
import type { ParamSegment, Segment } from '../model/route-path.js';

/**
 * Everything that differs between frameworks, behind one interface: a third
 * framework is one new module here plus its templates.
 */
export interface Style {
  name: StyleName;
  label: string;
  /** The method exports a route file of this style may have. */
  methods: readonly string[];
  /** The route file names this style recognises (route.ts, +server.ts, …). */
  routeFileNames: readonly string[];
  /** Folder of the routes, relative to the project root, posix separators. */
  routesDir(project: StyledProject): string;
  /** Name of a route file the generator writes. */
  routeFileName(project: StyledProject): string;
  /** Folder for server-only modules, relative to the project root. */
  serverLibDir(project: StyledProject): string;
  /** How `fromFile` imports the module `toFile` (both relative to the root, with extension). */
  importSpecifier(project: StyledProject, fromFile: string, toFile: string): string;
  /** Why this style cannot route a segment, or null when it can. */
  unsupportedSegment(segment: Segment): string | null;
  /** The TypeScript type of a route parameter in this style. */
  paramType(segment: ParamSegment): string;
}

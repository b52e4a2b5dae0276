import type { FrameworkName, FrameworkRelease } from '../project/framework.js';
import type { Project, StyledProject } from '../project/detect.js';
import type { ParamSegment, Segment } from '../model/route-path.js';
import type { HandlerRequest } from '../model/route-code.js';
import type { ImportCollector } from '../render/imports.js';
import type { HandlerSyntax, SyntaxPreferences, TypedParam } from './handler-syntax.js';

/** A route file read back from its path: the folders below the routes folder, and the method when the file name carries one. */
export interface RouteFileRef {
  /** Route segments as written in the tree, below `routesDir`: `['api', 'todos', '[id]']`. */
  folders: string[];
  /** Set only where a file serves one method (Nuxt's `todos.get.ts`); Next.js and SvelteKit files serve all of theirs. */
  method?: string;
}

/**
 * Everything that differs between frameworks, behind one interface: generic
 * code asks the framework and never tests its name. A third framework is one
 * module here, its entry in `index.ts`, its name in `project/framework.ts`
 * and its templates.
 *
 * Route files are modelled as a function from the route's folders (and a
 * method) to a path and back, so a framework may name files by method
 * (`server/api/todos.get.ts`) as well as one file per folder (`route.ts`).
 */
export interface Framework {
  name: FrameworkName;
  label: string;
  /** How the interactive prompt offers it. */
  promptLabel: string;
  /** Its package, and the majors the generated code is right for (project/framework.ts). */
  release: FrameworkRelease;
  /** The method exports a route file of this framework may have. */
  methods: readonly string[];
  /** The route file names it recognises (route.ts, +server.ts, …): to tell the framework from a file name, and for messages. */
  routeFileNames: readonly string[];
  /** Folder of the routes, relative to the project root, posix separators. */
  routesDir(project: Project): string;
  /** The path of the route file a generator writes for the route at `folders`, serving `method` where files are per method. */
  routeFile(project: StyledProject, folders: readonly string[], method?: string): string;
  /** The paths a route at `folders` may already have, the preferred first. */
  routeFileCandidates(project: StyledProject, folders: readonly string[], method?: string): string[];
  /** The inverse of `routeFile`: null when `path` (relative to the root) is no route file under the routes folder. */
  readRouteFile(project: Project, path: string): RouteFileRef | null;
  /** Refuses (throws) a route file the framework could not build where it is; `add` asks before touching one. */
  checkRouteFile(root: string, file: string): void;
  /** Whether a catch-all segment must be the route's last one. */
  catchAllLast: boolean;
  /** Folder for server-only modules, relative to the project root. */
  serverLibDir(project: StyledProject): string;
  /** How `fromFile` imports the module `toFile` (both relative to the root, with extension). */
  importSpecifier(project: StyledProject, fromFile: string, toFile: string): string;
  /** Why this framework cannot route a segment, or null when it can. */
  unsupportedSegment(segment: Segment): string | null;
  /** The TypeScript type of a route parameter in this framework. */
  paramType(segment: ParamSegment): string;
  /** How a handler receives its Request: the first parameter, or the event's `request`; wrapping a handler's responses needs it in reach. */
  handlerRequest: HandlerRequest;
  /** How a new file declares its handlers. */
  defaultSyntax: SyntaxPreferences;
  /** How the handlers of one route file are declared; `project.typescript` is the file's own language. */
  handlerSyntax(project: StyledProject, params: TypedParam[], imports: ImportCollector, preferences: SyntaxPreferences): HandlerSyntax;
  /** The dev server's port, for the curl in the notes. */
  devPort: number;
  /** How the server is started in development and production, as the notes say it. */
  startCommands: string;
  /** Where a route reads a secret: process.env, $env/dynamic/private, or a variable declared for $app/env/private. */
  secretSource(project: StyledProject): 'process' | 'dynamic' | 'declared';
  /** What the framework itself does to cross-origin form requests before a webhook or CORS route sees them, or null. */
  csrfNote(project: StyledProject, route: 'webhook' | 'cors'): string | null;
  /** The adapter's own request body limit, when it has one below the generated 1 MB. */
  bodyLimitNote(project: StyledProject): string | null;
  /** What besides installing @types/node the project needs before node:* types check (`''` when nothing). */
  nodeTypesStep(project: StyledProject): string;
}

// The programmatic API's own entry points where the CLI's take more than a
// user has: the framework module is looked up from the project.
import type { StyledProject } from '../project/detect.js';
import { getFramework } from '../frameworks/index.js';
import { resolveRouteFile } from './plan-add.js';
import { readRouteTable, type RouteRow } from './route-table.js';

/** The project's route table: each route file of its framework, with the method exports it has. */
export function listRoutes(project: StyledProject): Promise<RouteRow[]> {
  return readRouteTable(project, getFramework(project.style));
}

/**
 * The route file `add` would patch for `route`: a file path (from
 * `workingDirectory`, else the project root) or a URL path such as
 * `/api/todos/[id]`, relative to the project root. Throws a UsageError when
 * no route file (or more than one) matches.
 */
export function findRouteFile(project: StyledProject, route: string, workingDirectory = process.cwd()): string {
  return resolveRouteFile(project, getFramework(project.style), route, workingDirectory);
}

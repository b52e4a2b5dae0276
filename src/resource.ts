import { UsageError } from './errors.js';
import type { StyledProject } from './project/detect.js';
import { resourceNames, type ResourceNames } from './resource-names.js';
import { formatSegment, isParam, parseRoutePath, urlPath, type ParamSegment, type Segment } from './styles/route-path.js';
import type { Style } from './styles/style.js';

/** A resource resolved against a project and style: where its files go and what its code is called. */
export interface Resource {
  /** As the user typed it. */
  input: string;
  names: ResourceNames;
  /** Base + resource segments. */
  collection: Segment[];
  /** Parameters of the collection route (a nested resource's parents), in order. */
  parentParams: ParamSegment[];
  itemParam: ParamSegment;
  collectionFile: string;
  itemFile: string;
  /** The resource's store and validation module. */
  moduleFile: string;
  collectionUrl: string;
}

export interface ResourceOptions {
  base: string;
  param: string;
}

export function resolveResource(input: string, options: ResourceOptions, project: StyledProject, style: Style): Resource {
  const base = options.base === '' ? [] : parseRoutePath(options.base.replace(/^\/+|\/+$/g, ''), '--base');
  const own = parseRoutePath(input, 'Resource');
  const last = own[own.length - 1]!;
  if (last.kind !== 'static') {
    throw new UsageError(`Resource "${input}" must end with a name, not "${formatSegment(last)}".`, 'Example: orgs/[orgId]/members');
  }
  const itemParam = parseRoutePath(`[${options.param}]`, '--param')[0] as ParamSegment;
  const moduleFile = resourceModuleFile(project, style, own.filter((s) => s.kind === 'static').map((s) => s.name));
  return resourceAt([...base, ...own], itemParam, moduleFile, project, style, input);
}

/**
 * A resource's own module in the server-only folder, named after its static
 * folders without the base: `orgs/[orgId]/members` → `orgs-members.ts`.
 */
export function resourceModuleFile(project: StyledProject, style: Style, staticNames: string[]): string {
  return `${style.serverLibDir(project)}/${staticNames.join('-') || 'root'}.${project.typescript ? 'ts' : 'js'}`;
}

/** A resource from its collection route, item parameter and module file (also for routes that already exist). */
export function resourceAt(
  collection: Segment[],
  itemParam: ParamSegment,
  moduleFile: string,
  project: StyledProject,
  style: Style,
  input = urlPath(collection),
): Resource {
  const item = [...collection, itemParam];
  checkSegments(item, style, input);
  const last = [...collection].reverse().find((s) => s.kind === 'static');
  return {
    input,
    names: resourceNames(last?.name ?? 'items'),
    collection,
    parentParams: collection.filter(isParam),
    itemParam,
    collectionFile: routeFilePath(project, style, collection),
    itemFile: routeFilePath(project, style, item),
    moduleFile,
    collectionUrl: urlPath(collection),
  };
}

/** The route file of a route path in this project, e.g. `src/app/api/todos/[id]/route.ts`. */
export function routeFilePath(project: StyledProject, style: Style, segments: readonly Segment[]): string {
  return [style.routesDir(project), ...segments.map(formatSegment), style.routeFileName(project)].join('/');
}

function checkSegments(segments: Segment[], style: Style, input: string): void {
  const seen = new Set<string>();
  for (const segment of segments) {
    const why = style.unsupportedSegment(segment);
    if (why) throw new UsageError(`Resource "${input}": ${why}.`);
    if (!isParam(segment)) continue;
    if (seen.has(segment.name)) {
      throw new UsageError(`Resource "${input}": the parameter "${segment.name}" appears twice.`, 'Pick another item parameter with --param.');
    }
    seen.add(segment.name);
  }
  const rest = segments.findIndex((s) => s.kind === 'rest' || s.kind === 'optional-rest');
  if (rest !== -1 && rest < segments.length - 1 && style.name === 'next') {
    throw new UsageError(`Resource "${input}": a catch-all segment must be the last one in Next.js.`);
  }
}

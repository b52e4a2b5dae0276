import { join } from 'node:path';
import { UsageError } from '../util/errors.js';
import { isAvailable } from '../model/identifiers.js';
import { isFile } from '../util/files.js';
import type { StyledProject } from '../project/detect.js';
import { resourceNames, type ResourceNames } from '../model/resource-names.js';
import { formatSegment, isParam, parseRoutePath, urlPath, type ParamSegment, type Segment } from '../model/route-path.js';
import type { Framework } from '../frameworks/framework.js';
import { serverModuleFile } from './server-module.js';

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
  /** The resource's singular when the inflected one is not right (`--singular`). */
  singular?: string | undefined;
}

export function resolveResource(input: string, options: ResourceOptions, project: StyledProject, style: Framework): Resource {
  const base = options.base === '' ? [] : parseRoutePath(options.base.replace(/^\/+|\/+$/g, ''), '--base');
  const own = parseRoutePath(input, 'Resource');
  const last = own[own.length - 1]!;
  if (last.kind !== 'static') {
    throw new UsageError(`Resource "${input}" must end with a name, not "${formatSegment(last)}".`, 'Example: orgs/[orgId]/members');
  }
  const itemParam = parseRoutePath(`[${options.param}]`, '--param')[0] as ParamSegment;
  refuseHandlerNames([...own, itemParam], input);
  const moduleFile = resourceModuleFile(project, style, own.filter((s) => s.kind === 'static').map((s) => s.name));
  return resourceAt([...base, ...own], itemParam, moduleFile, project, style, { input, singular: options.singular });
}


/**
 * A resource's own module, in a folder of the server-only folder where no
 * shared helper lives, named after its static folders without the base:
 * `orgs/[orgId]/members` → `src/lib/server/resources/orgs-members.ts`.
 */
export function resourceModuleFile(project: StyledProject, style: Framework, staticNames: string[]): string {
  return serverModuleFile({ project, style }, `resources/${staticNames.join('-') || 'root'}`);
}

/**
 * The resource its module names: a module generated with `--singular
 * staff-member` keeps `StaffMember` in later runs and in `add`, without the flag.
 */
export function followModuleType(resource: Resource, typeName: string | null, project: StyledProject, style: Framework): Resource {
  if (typeName === null || typeName === resource.names.type) return resource;
  return resourceAt(resource.collection, resource.itemParam, resource.moduleFile, project, style, { input: resource.input, singular: typeName });
}

/** A resource from its collection route, item parameter and module file (also for routes that already exist). */
interface ResourceAtOptions {
  /** How the user named the resource, for messages; by default its URL path. */
  input?: string;
  /** The singular to use instead of the inflected one (`--singular`, or the module's type). */
  singular?: string | undefined;
  /** False for `add` of a template that writes no item route: the collection alone must be a valid route (it may end in a catch-all). */
  itemRoute?: boolean;
}

export function resourceAt(
  collection: Segment[],
  itemParam: ParamSegment,
  moduleFile: string,
  project: StyledProject,
  style: Framework,
  { input = urlPath(collection), singular, itemRoute = true }: ResourceAtOptions = {},
): Resource {
  const item = [...collection, itemParam];
  checkSegments(itemRoute ? item : collection, style, input);
  const last = [...collection].reverse().find((s) => s.kind === 'static');
  return {
    input,
    // The route's parameters are locals of its handlers.
    names: resourceNames(last?.name ?? 'items', { singular, taken: item.filter(isParam).map((p) => p.name) }),
    collection,
    parentParams: collection.filter(isParam),
    itemParam,
    collectionFile: routeFilePath(project, style, collection),
    itemFile: routeFilePath(project, style, item),
    moduleFile,
    collectionUrl: urlPath(collection),
  };
}

/**
 * The route file of a route path in this project, e.g.
 * `src/app/api/todos/[id]/route.ts`: the one that is there in whatever
 * language (`route.js` in a TypeScript project), else the style's own name.
 */
export function routeFilePath(project: StyledProject, style: Framework, segments: readonly Segment[]): string {
  const folders = segments.map(formatSegment);
  const present = style.routeFileCandidates(project, folders).find((path) => isFile(join(project.root, path)));
  return present ?? style.routeFile(project, folders);
}

/**
 * Parameters of a resource being generated: handlers unpack them into locals
 * beside their own (`body`, `url`, …), so those names are refused. `id` is
 * on the list only as the store functions' own parameter, which a route
 * parameter never meets. Routes that exist (`add`) keep the names they have.
 */
function refuseHandlerNames(segments: Segment[], input: string): void {
  const itemParam = segments[segments.length - 1];
  for (const segment of segments) {
    if (!isParam(segment) || segment.name === 'id' || isAvailable(segment.name)) continue;
    throw new UsageError(
      `Resource "${input}": the parameter "${segment.name}" is a name the generated handlers use themselves.`,
      `Name it otherwise, e.g. ${segment.name}Id${segment === itemParam ? ' (--param)' : ''}.`,
    );
  }
}

function checkSegments(segments: Segment[], style: Framework, input: string): void {
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
  if (rest !== -1 && rest < segments.length - 1 && style.catchAllLast) {
    throw new UsageError(`Resource "${input}": a catch-all segment must be the last one in ${style.label}.`);
  }
}

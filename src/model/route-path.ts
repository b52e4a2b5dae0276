import { UsageError } from '../util/errors.js';

/** One folder of a route path. */
export type Segment =
  | { kind: 'static'; name: string }
  /** `(group)`: a folder that is not part of the URL. */
  | { kind: 'group'; name: string }
  /** `[id]`, or SvelteKit's `[id=matcher]`. */
  | { kind: 'param'; name: string; matcher?: string }
  /** SvelteKit's optional `[[lang]]`. */
  | { kind: 'optional'; name: string }
  /** `[...slug]` */
  | { kind: 'rest'; name: string }
  /** `[[...slug]]` */
  | { kind: 'optional-rest'; name: string };

export type ParamSegment = Extract<Segment, { name: string; kind: 'param' | 'optional' | 'rest' | 'optional-rest' }>;

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const staticName = /^[A-Za-z0-9_][A-Za-z0-9._~-]*$/;

/**
 * Parses a route path such as `orgs/[orgId]/members` into segments. Anything
 * that could leave the project (`..`, absolute paths, backslashes) or is not
 * a folder name a router accepts is a usage error, so nothing is ever
 * written outside the routes folder.
 */
export function parseRoutePath(path: string, what: string): Segment[] {
  if (path.trim() === '') throw new UsageError(`${what} is empty.`);
  if (path.includes('\\')) throw new UsageError(`${what} "${path}" contains a backslash; use "/" between segments.`);
  if (path.includes('\0')) throw new UsageError(`${what} contains a NUL byte.`);
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    throw new UsageError(`${what} "${path}" is absolute; give a route path below the base, such as "todos" or "admin/users".`);
  }
  return path.split('/').map((part) => parseSegment(part, path, what));
}

function parseSegment(part: string, path: string, what: string): Segment {
  if (part === '' ) throw new UsageError(`${what} "${path}" has an empty segment.`);
  if (part === '.' || part === '..') throw new UsageError(`${what} "${path}" must not contain "${part}": it would leave the routes folder.`);
  const bracket = /^\[(\[)?(\.\.\.)?([^\]=]*)(?:=([^\]]*))?\](\])?$/.exec(part);
  if (bracket) {
    const [, optionalOpen, rest, name = '', matcher, optionalClose] = bracket;
    if (Boolean(optionalOpen) !== Boolean(optionalClose)) throw invalid(part, path, what);
    if (!identifier.test(name)) {
      throw new UsageError(`${what} "${path}": parameter "${name}" in "${part}" is not a valid identifier.`);
    }
    if (matcher !== undefined) {
      if (rest || optionalOpen || !identifier.test(matcher)) throw invalid(part, path, what);
      return { kind: 'param', name, matcher };
    }
    if (optionalOpen) return rest ? { kind: 'optional-rest', name } : { kind: 'optional', name };
    return rest ? { kind: 'rest', name } : { kind: 'param', name };
  }
  const group = /^\(([A-Za-z0-9._-]+)\)$/.exec(part);
  if (group) return { kind: 'group', name: group[1]! };
  if (!staticName.test(part)) throw invalid(part, path, what);
  return { kind: 'static', name: part };
}

function invalid(part: string, path: string, what: string): UsageError {
  return new UsageError(
    `${what} "${path}": "${part}" is not a valid route segment.`,
    'Use letters, digits, "-", "_" and ".", a parameter such as [id], [...rest] or [[...rest]], or a (group).',
  );
}

export function formatSegment(segment: Segment): string {
  switch (segment.kind) {
    case 'static':
      return segment.name;
    case 'group':
      return `(${segment.name})`;
    case 'param':
      return segment.matcher ? `[${segment.name}=${segment.matcher}]` : `[${segment.name}]`;
    case 'optional':
      return `[[${segment.name}]]`;
    case 'rest':
      return `[...${segment.name}]`;
    case 'optional-rest':
      return `[[...${segment.name}]]`;
  }
}

export function isParam(segment: Segment): segment is ParamSegment {
  return segment.kind !== 'static' && segment.kind !== 'group';
}

/** The URL path of a route: groups dropped, parameters kept in brackets. */
export function urlPath(segments: readonly Segment[]): string {
  return '/' + segments.filter((s) => s.kind !== 'group').map(formatSegment).join('/');
}

import { posix } from 'node:path';
import type { RouteFileRef } from './framework.js';

// One route file per folder, named from a fixed list (Next.js's route.ts,
// SvelteKit's +server.ts): the shape both frameworks share.

/** `routesDir/folders…/name`. */
export function folderRouteFile(routesDir: string, folders: readonly string[], name: string): string {
  return [routesDir, ...folders, name].join('/');
}

/** The folders of a route file under `routesDir` whose name is one of `names`, else null. */
export function readFolderRouteFile(routesDir: string, names: readonly string[], path: string): RouteFileRef | null {
  if (!names.includes(posix.basename(path))) return null;
  const dir = posix.dirname(path);
  if (dir === routesDir) return { folders: [] };
  return dir.startsWith(routesDir + '/') ? { folders: dir.slice(routesDir.length + 1).split('/') } : null;
}

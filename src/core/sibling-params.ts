import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FailedError } from '../util/errors.js';

const paramFolder = /^\[.+\]$/;

/**
 * Next.js and SvelteKit refuse two parameter folders side by side
 * (`todos/[id]` and `todos/[todoId]`: one URL, two names), Next.js only when
 * the server starts. A run whose route files would make such a pair, with
 * folders already there or with each other, is refused, with the name to use.
 */
export function refuseSiblingParams(root: string, routes: readonly { path: string; resource: string }[]): void {
  routes.forEach(({ path, resource }, index) => {
    const folders = path.split('/').slice(0, -1);
    folders.forEach((folder, i) => {
      if (!paramFolder.test(folder)) return;
      const parent = folders.slice(0, i).join('/');
      // The folders there, and those the run's earlier routes make.
      const planned = routes.slice(0, index).filter((r) => r.path.startsWith(`${parent}/`)).map((r) => r.path.slice(parent.length + 1).split('/')[0]!);
      const other = [...listFolders(join(root, parent)), ...planned].find((name) => paramFolder.test(name) && name !== folder);
      if (other === undefined) return;
      throw new FailedError(
        `Resource "${resource}": ${parent}/${folder} would sit beside ${parent}/${other}, and the framework refuses two parameter folders in one place. Nothing was written.`,
        `Use the name that is there: ${other} in place of ${folder}${i === folders.length - 1 ? ' (--param)' : ''}.`,
      );
    });
  });
}

function listFolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

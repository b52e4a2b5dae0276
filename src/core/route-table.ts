import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StyledProject } from '../project/detect.js';
import { readTextOrNull } from '../util/files.js';
import type { Framework } from '../frameworks/framework.js';
import { parseRoutePath, urlPath, type Segment } from '../model/route-path.js';

export interface RouteFileEntry {
  /** Relative to the project root, "/" separators. */
  file: string;
  segments: Segment[];
  /** URL path with parameters in brackets, groups dropped: `/api/todos/[id]`. */
  url: string;
}

/** Every route file of the project's routes folder, sorted by URL. Reads folders only. */
export function scanRouteFiles(project: StyledProject, style: Framework): RouteFileEntry[] {
  const routesDir = style.routesDir(project);
  const found: RouteFileEntry[] = [];
  const walk = (relative: string[]) => {
    let entries;
    try {
      entries = readdirSync(join(project.root, routesDir, ...relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        // Folders the framework does not route (Next.js's _private ones).
        if (style.unsupportedSegment({ kind: 'static', name: entry.name })) continue;
        walk([...relative, entry.name]);
      } else if (style.readRouteFile(project, [routesDir, ...relative, entry.name].join('/')) !== null) {
        let segments: Segment[];
        try {
          segments = relative.length ? parseRoutePath(relative.join('/'), 'Route') : [];
        } catch {
          continue; // A folder name this tool cannot model (e.g. Next's @slot): not an endpoint it can edit.
        }
        found.push({ file: [routesDir, ...relative, entry.name].join('/'), segments, url: urlPath(segments) });
      }
    }
  };
  walk([]);
  return found.sort((a, b) => a.url.localeCompare(b.url) || a.file.localeCompare(b.file));
}

/** A row of the route table: a route file and the methods it exports. */
export interface RouteRow {
  url: string;
  file: string;
  methods: string[];
  /** Why the methods may be incomplete or unknown: an `export *`, or a file that does not parse. */
  problem?: string;
}

/** The project's route table: every route file with the method exports it has, read through the AST. */
export async function readRouteTable(project: StyledProject, style: Framework): Promise<RouteRow[]> {
  const { analyzeRouteFile } = await import('../patch/index.js');
  return scanRouteFiles(project, style).map((entry) => {
    const text = readTextOrNull(join(project.root, entry.file)) ?? '';
    try {
      const analysis = analyzeRouteFile(text, entry.file);
      const methods = analysis.methods.map((m) => m.name);
      return { url: entry.url, file: entry.file, methods, ...(analysis.starExports.length ? { problem: `export * from ${analysis.starExports.join(', ')}` } : {}) };
    } catch (error) {
      return { url: entry.url, file: entry.file, methods: [], problem: error instanceof Error ? error.message : String(error) };
    }
  });
}

import { join } from 'node:path';
import { UsageError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { withStyle } from '../project/detect.js';
import { readTextOrNull } from '../util/files.js';
import { scanRouteFiles } from '../core/route-table.js';
import type { StyleName } from '../project/framework.js';
import { getStyle } from '../styles/index.js';
import { projectFromFlag, styleFromFlag } from './flags.js';

interface ListFlags {
  cwd?: string;
  /** One of commander's choices(). */
  style?: StyleName;
  json?: boolean;
}

interface RouteRow {
  url: string;
  file: string;
  methods: string[];
  problem?: string;
}

/** `create-endpoint list`: the project's route table, read from its route files. */
export async function listCommand(flags: ListFlags, logger: Logger): Promise<number> {
  const project = projectFromFlag(flags.cwd);
  const fromFlag = styleFromFlag(flags.style, project.detectedStyles);
  const styles = fromFlag !== undefined ? [fromFlag] : project.detectedStyles;
  if (styles.length === 0) throw new UsageError('Cannot tell the framework: package.json depends on neither next nor @sveltejs/kit. Name it with --style.');
  const { analyzeRouteFile } = await import('../patch/index.js');
  const rows: RouteRow[] = [];
  for (const styleName of styles) {
    const style = getStyle(styleName);
    for (const entry of scanRouteFiles(withStyle(project, styleName), style)) {
      const text = readTextOrNull(join(project.root, entry.file)) ?? '';
      try {
        const analysis = analyzeRouteFile(text, entry.file);
        const methods = analysis.methods.map((m) => m.name);
        rows.push({ url: entry.url, file: entry.file, methods, ...(analysis.starExports.length ? { problem: `export * from ${analysis.starExports.join(', ')}` } : {}) });
      } catch (error) {
        rows.push({ url: entry.url, file: entry.file, methods: [], problem: (error as Error).message });
      }
    }
  }
  if (flags.json) {
    logger.out(JSON.stringify({ root: project.root, routes: rows }, null, 2));
    return 0;
  }
  if (rows.length === 0) {
    logger.info('No route files found.');
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.methods.join(',').length), 'METHODS'.length);
  const urlWidth = Math.max(...rows.map((r) => r.url.length), 'ROUTE'.length);
  logger.info(`${'METHODS'.padEnd(width)}  ${'ROUTE'.padEnd(urlWidth)}  FILE`);
  for (const row of rows) {
    logger.info(`${row.methods.join(',').padEnd(width)}  ${row.url.padEnd(urlWidth)}  ${row.file}${row.problem ? `  (${row.problem})` : ''}`);
  }
  return 0;
}


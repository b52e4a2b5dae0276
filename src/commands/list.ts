import { UsageError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { withStyle } from '../frameworks/detect.js';
import { readRouteTable, type RouteRow } from '../core/route-table.js';
import type { FrameworkName } from '../project/framework.js';
import { getFramework } from '../frameworks/index.js';
import { projectFromFlag, styleFromFlag } from './flags.js';

interface ListFlags {
  cwd?: string;
  /** One of commander's choices(). */
  style?: FrameworkName;
  json?: boolean;
}

/** `create-endpoint list`: the project's route table, read from its route files. */
export async function listCommand(flags: ListFlags, logger: Logger): Promise<number> {
  const project = projectFromFlag(flags.cwd);
  const fromFlag = styleFromFlag(flags.style, project.detectedStyles);
  const styles = fromFlag !== undefined ? [fromFlag] : project.detectedStyles;
  if (styles.length === 0) throw new UsageError('Cannot tell the framework: package.json depends on neither next nor @sveltejs/kit. Name it with --style.');
  const rows: RouteRow[] = [];
  for (const styleName of styles) rows.push(...(await readRouteTable(withStyle(project, styleName), getFramework(styleName))));
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


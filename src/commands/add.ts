import { basename } from 'node:path';
import { placeholderSource, planAdd, resolveRouteFile } from '../core/plan-add.js';
import { UsageError } from '../util/errors.js';
import { templateOptionsFrom } from '../generators/registry.js';
import type { Logger } from '../util/logger.js';
import { withStyle } from '../frameworks/detect.js';
import type { FrameworkName } from '../project/framework.js';
import { frameworkList, frameworkNames, getFramework } from '../frameworks/index.js';
import { projectFromFlag, parseMethodList, styleFromFlag, type GenerateFlags } from './flags.js';
import { finishPlan } from './output.js';
import { parseAuth } from '../model/auth.js';

/** `create-endpoint add <route> <METHOD...>`: add method exports to an existing route file. */
export async function addCommand(route: string, methodArgs: string[], flags: GenerateFlags, logger: Logger): Promise<number> {
  const project = projectFromFlag(flags.cwd);
  const style = resolveStyle(route, flags.style, project.detectedStyles);
  const styleModule = getFramework(style);
  const methods = parseMethodList(methodArgs.join(','), styleModule.methods, 'Method');
  const styled = withStyle(project, style);
  const file = resolveRouteFile(styled, styleModule, route);
  const { plan, sources } = await planAdd({
    ...templateOptionsFrom(flags),
    project: styled,
    file,
    methods,
    template: flags.template,
    auth: parseAuth(flags.auth, flags.role),
    force: Boolean(flags.force),
    format: flags.format !== false,
  });
  const added = Object.entries(sources).map(([m, source]) => `${m}: ${source}`);
  if (Object.values(sources).includes(placeholderSource)) plan.nextSteps.push(`Fill in the placeholder handlers in ${file}: they answer 501 until then.`);
  return finishPlan(plan, flags, logger, {
    title: `create-endpoint: add ${methods.join(', ')} to ${file}${added.length ? ` (${added.join('; ')})` : ''}`,
    details: { style, file, methods, sources },
  });
}

/** The style: the flag, else the route file's own name, else the project's one framework. */
function resolveStyle(route: string, flag: FrameworkName | undefined, detected: FrameworkName[]): FrameworkName {
  const fromFlag = styleFromFlag(flag, detected);
  if (fromFlag !== undefined) return fromFlag;
  const name = basename(route);
  const byName = frameworkList.find((framework) => framework.routeFileNames.includes(name));
  if (byName) return byName.name;
  if (detected.length === 1) return detected[0]!;
  throw new UsageError(`Cannot tell the framework of this route: pass ${frameworkNames.map((n) => `--style ${n}`).join(' or ')}.`);
}

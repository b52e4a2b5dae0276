import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { emptyPlan, planWholeFile } from '../core/plan.js';
import { builtinTemplatesDir, projectTemplatesDir } from '../render/templates.js';
import { frameworkNames } from '../frameworks/index.js';
import { projectFromFlag, type OutputFlags } from './flags.js';
import { finishPlan } from './output.js';

/**
 * `create-endpoint eject [template...]`: copies built-in templates into the
 * project (.create-endpoint/templates), where they override the built-in ones.
 */
export async function ejectCommand(names: string[], flags: OutputFlags, logger: Logger): Promise<number> {
  const project = projectFromFlag(flags.cwd);
  const available = templateFolders();
  for (const name of names) {
    if (!available.has(name)) throw new UsageError(`No built-in template "${name}"; there are ${[...available].sort().join(', ')}.`);
  }
  const wanted = names.length > 0 ? new Set(names) : available;
  const plan = emptyPlan(project.root);
  for (const file of listFiles(builtinTemplatesDir)) {
    const parts = file.split('/');
    // templates/<template>/… or templates/<style>/<template>/…
    const template = wanted.has(parts[0]!) ? parts[0] : wanted.has(parts[1] ?? '') && !available.has(parts[0]!) ? parts[1] : undefined;
    if (!template) continue;
    planWholeFile(plan, `${projectTemplatesDir}/${file}`, readFileSync(join(builtinTemplatesDir, file), 'utf8'), Boolean(flags.force));
  }
  plan.nextSteps.push(`Edit the templates in ${projectTemplatesDir}/: create-endpoint uses them instead of its own in this project.`);
  return finishPlan(plan, { ...flags, format: false }, logger, { title: `create-endpoint: eject ${[...wanted].join(', ')}` });
}

/** Template names: the top-level folders that are not a framework's own. */
function templateFolders(): Set<string> {
  const styles = new Set<string>(frameworkNames);
  return new Set(readdirSync(builtinTemplatesDir).filter((d) => !styles.has(d) && statSync(join(builtinTemplatesDir, d)).isDirectory()));
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

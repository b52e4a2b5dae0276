import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { emptyPlan, planWholeFile } from '../core/plan.js';
import { builtinTemplatesDir, projectTemplatesDir } from '../render/templates.js';
import { frameworkNames } from '../frameworks/index.js';
import { templateNames } from '../generators/registry.js';
import { projectFromFlag, type OutputFlags } from './flags.js';
import { finishPlan } from './output.js';

/**
 * `create-endpoint eject [template...]`: copies built-in templates into the
 * project (.create-endpoint/templates), where they override the built-in ones.
 */
export async function ejectCommand(names: string[], flags: OutputFlags, logger: Logger): Promise<number> {
  const project = projectFromFlag(flags.cwd);
  const available = ejectableNames();
  for (const name of names) {
    if (!available.includes(name)) throw new UsageError(`No built-in template "${name}"; there are ${[...available].sort().join(', ')}.`);
  }
  const wanted = new Set(names.length > 0 ? names : available);
  // The generated tests of every template include the shared partials; the stub includes none.
  const withShared = templateNames.some((name) => wanted.has(name));
  const plan = emptyPlan(project.root);
  for (const file of listFiles(builtinTemplatesDir)) {
    const parts = file.split('/');
    // templates/<template>/…, templates/<framework>/<template>/…, and the partials every template includes.
    const folder = frameworks.has(parts[0]!) ? parts[1] : parts[0];
    if (!(wanted.has(folder ?? '') || (folder === sharedPartials && withShared))) continue;
    planWholeFile(plan, `${projectTemplatesDir}/${file}`, readFileSync(join(builtinTemplatesDir, file), 'utf8'), Boolean(flags.force));
  }
  plan.nextSteps.push(`Edit the templates in ${projectTemplatesDir}/: create-endpoint uses them instead of its own in this project.`);
  return finishPlan(plan, { ...flags, format: false }, logger, { title: `create-endpoint: eject ${[...wanted].join(', ')}` });
}

const frameworks = new Set<string>(frameworkNames);

/** templates/shared/: partials the templates include (the generated tests' RequestEvent), no template of its own: copied with any template. */
const sharedPartials = 'shared';

/** What `eject` takes: every template of the registry, and `stub`, the 501 placeholder `add` writes. */
function ejectableNames(): string[] {
  return [...templateNames, 'stub'];
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

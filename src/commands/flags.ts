import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import type { TemplateName } from '../generators/registry.js';
import type { Project } from '../project/detect.js';
import { detectProject } from '../frameworks/detect.js';
import type { FrameworkName } from '../project/framework.js';
import { getFramework } from '../frameworks/index.js';

/** The project `--cwd` names (a usage error when the folder does not exist), else the one around the working directory. */
export function projectFromFlag(cwd: string | undefined): Project {
  if (cwd !== undefined && !existsSync(resolve(cwd))) throw new UsageError(`--cwd ${cwd}: no such folder.`);
  return detectProject(cwd);
}

/** Flags shared by every command that writes: the views of one plan. */
export interface OutputFlags {
  cwd?: string;
  dryRun?: boolean;
  check?: boolean;
  force?: boolean;
  yes?: boolean;
  json?: boolean;
  format?: boolean;
}

/**
 * What commander parses for the default command and `add`. The values of
 * options with choices() are typed as those choices: commander refuses any
 * other before a command runs. The template options are the registry's.
 */
export interface GenerateFlags extends OutputFlags {
  style?: FrameworkName;
  template?: TemplateName;
  fields?: string;
  methods?: string;
  base?: string;
  param?: string;
  singular?: string;
  lang?: 'ts' | 'js';
  /** `--auth` alone is true; `--auth clerk,writes` the words. */
  auth?: string | true;
  role?: string;
  [templateOption: string]: unknown;
}

/**
 * `--style`, checked against the project: a style whose framework package.json
 * does not depend on, while it depends on the other one, would write the wrong
 * tree into the app.
 */
export function styleFromFlag(style: FrameworkName | undefined, detected: readonly FrameworkName[]): FrameworkName | undefined {
  if (style === undefined) return undefined;
  if (detected.length > 0 && !detected.includes(style)) {
    throw new UsageError(
      `--style ${style}: this project's package.json depends on ${detected.map((s) => getFramework(s).release.package).join(' and ')}, not ${getFramework(style).release.package}.`,
      `Leave --style out, or run in the ${getFramework(style).label} project (--cwd).`,
    );
  }
  return style;
}

/** `GET,post , Put` → ['GET', 'POST', 'PUT'], each checked against the allowed list. */
export function parseMethodList(list: string, allowed: readonly string[], flag: string): string[] {
  const methods = list
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((m) => (m.toLowerCase() === 'fallback' ? 'fallback' : m.toUpperCase()));
  if (methods.length === 0) throw new UsageError(`${flag} is empty; use some of ${allowed.join(', ')}.`);
  for (const method of methods) {
    if (!allowed.includes(method)) throw new UsageError(`${flag}: "${method}" is not one of ${allowed.join(', ')}.`);
  }
  return [...new Set(methods)];
}

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaults } from '../core/defaults.js';
import { UsageError } from '../util/errors.js';
import type { TemplateOptions, WebhookProvider } from '../generators/generator.js';
import { detectProject, type Project } from '../project/detect.js';
import { frameworkPackage, styleNames, type StyleName } from '../project/framework.js';
import { getStyle } from '../styles/index.js';

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

export interface GenerateFlags extends OutputFlags {
  style?: string;
  template?: string;
  fields?: string;
  methods?: string;
  base?: string;
  param?: string;
  provider?: string;
  dir?: string;
  origins?: string;
  sse?: boolean;
  singular?: string;
  lang?: string;
}

/**
 * `--style`, checked against the project: a style whose framework package.json
 * does not depend on, while it depends on the other one, would write the wrong
 * tree into the app.
 */
export function styleFromFlag(flag: string | undefined, detected: readonly StyleName[]): StyleName | undefined {
  if (flag === undefined) return undefined;
  if (!styleNames.includes(flag as StyleName)) throw new UsageError(`--style: "${flag}" is not one of ${styleNames.join(', ')}.`);
  const style = flag as StyleName;
  if (detected.length > 0 && !detected.includes(style)) {
    throw new UsageError(
      `--style ${style}: this project's package.json depends on ${detected.map((s) => frameworkPackage[s]).join(' and ')}, not ${frameworkPackage[style]}.`,
      `Leave --style out, or run in the ${getStyle(style).label} project (--cwd).`,
    );
  }
  return style;
}

/** `--lang ts|js`: the language to write, over the one detected. */
export function langFromFlag(flag: string | undefined): 'ts' | 'js' | undefined {
  if (flag === undefined) return undefined;
  if (flag !== 'ts' && flag !== 'js') throw new UsageError(`--lang: "${flag}" is not one of ts, js.`);
  return flag;
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

/** The options only some templates read (shared with `add`). */
export function resolveTemplateOptions(flags: GenerateFlags): Omit<TemplateOptions, 'fields' | 'methods'> {
  return {
    provider: (flags.provider ?? defaults.provider) as WebhookProvider,
    downloadDir: flags.dir ?? defaults.downloadDir,
    origins: parseOrigins(flags.origins),
    sse: Boolean(flags.sse),
  };
}

/** `--origins https://a.example,https://b.example`: exact origins, or `*`. */
function parseOrigins(list: string | undefined): string[] {
  if (list === undefined) return [];
  const origins = list.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new UsageError(`--origins: "${origin}" is not an origin such as https://app.example.com.`);
    }
    if (parsed.origin !== origin.replace(/\/$/, '')) {
      throw new UsageError(`--origins: "${origin}" is not a bare origin (scheme, host and port only, e.g. ${parsed.origin}).`);
    }
  }
  if (origins.includes('*') && origins.length > 1) throw new UsageError('--origins: "*" allows every origin; do not list others with it.');
  return origins.map((o) => o.replace(/\/$/, ''));
}

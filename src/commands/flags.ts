import { UsageError } from '../errors.js';

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

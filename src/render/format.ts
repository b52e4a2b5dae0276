import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { FailedError } from '../util/errors.js';
import { forgetPrettierConfigs } from '../project/prettier-config.js';
import type { FormatReply, FormatRequest, ResetRequest } from './format-worker.js';
import { printWidth } from './layout.js';
import { isPrettierDefaults, printOptionsFor, type PrintOptions } from './print-options.js';
import { createFormatter, isParseError, ParseError } from './prettier-format.js';

export interface FormatResult {
  text: string;
  /** Why formatting was skipped; the unformatted text is used then. */
  warning?: string;
  /** Prettier could not parse the text: it must not be written. */
  syntaxError?: string;
}

/** A rendered file that does not parse: exit 1, nothing written. */
export class RenderedSyntaxError extends FailedError {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: the rendered code does not parse, so nothing was written: ${detail}`);
  }
}

/** The error a run reports for a rendered file that does not parse: which file, which template, whose copy. */
export function templateSyntaxError(error: RenderedSyntaxError, template: string, projectTemplates: boolean): FailedError {
  const whose = projectTemplates ? 'your copy of the ' : 'the ';
  return new FailedError(
    `${error.file}: ${whose}${template} template renders code that does not parse (${error.detail}); nothing was written.`,
    projectTemplates ? 'Check the templates in .create-endpoint/templates.' : undefined,
  );
}

interface Format {
  (text: string, filepath: string, overrides: Record<string, unknown>): Promise<string>;
  reset(): void;
}
let formatter: Promise<Format> | undefined;
const results = new Map<string, Promise<FormatResult>>();
const sentToPrettier: string[] = [];

/**
 * Forgets every Prettier config read and every file formatted so far, in this
 * thread and in the format worker (by a message: ending the worker would cost
 * its start-up again, and left the plans waiting on it hanging). Each plan
 * starts with it, so a config changed between two plans of one process is seen.
 */
export function resetFormatting(): void {
  results.clear();
  forgetPrettierConfigs();
  void formatter?.then((f) => f.reset(), () => undefined);
}

/** The files this process has handed to Prettier, in order (tests use it to see which runs did without). */
export function filesSentToPrettier(): readonly string[] {
  return sentToPrettier;
}

/**
 * Formats a file with the project's own Prettier configuration. A formatting
 * failure is a warning, never a failed run.
 *
 * Formatting is most of a generation run, so the same text for the same file
 * is formatted once per process: every resource of a run writes the same
 * api-utils module. And text that is `printedAsPrettierDefaults` (built-in
 * templates) is printed in the project's options without Prettier, which is
 * not even loaded, when those are options restyle.ts prints (see
 * print-options.ts) and it can be sure of every line; else Prettier formats it.
 */
export function formatFile(
  text: string,
  root: string,
  file: string,
  overrides: Record<string, unknown> = {},
  printedAsPrettierDefaults = false,
): Promise<FormatResult> {
  const key = `${join(root, file)}\0${JSON.stringify(overrides)}\0${printedAsPrettierDefaults}\0${text}`;
  let result = results.get(key);
  if (!result) {
    const options = printedAsPrettierDefaults && fitsDefaultLayout(text) ? printOptionsFor(join(root, file), overrides) : undefined;
    // With Prettier's defaults the text is as Prettier prints it; other options load the restyler (only then).
    if (options && isPrettierDefaults(options)) result = Promise.resolve({ text });
    else if (options) result = restyled(text, options).then((printed) => printed ?? format(text, root, file, overrides));
    else result = format(text, root, file, overrides);
    results.set(key, result);
  }
  return result;
}

/**
 * The check behind generation's fast path. Built-in templates are written as
 * Prettier prints them with its defaults, with no group broken that would
 * fit (test/unit/prettier-stable.test.ts proves it over random resources); what
 * the user's names can still change is the width of a line. A line wider than
 * Prettier's 80 columns sends the file to Prettier, and so does any character
 * but printable ASCII and Latin letters (é), the ones whose width in Prettier's
 * count is one column as here.
 */
function fitsDefaultLayout(text: string): boolean {
  if (!/^[\n\x20-\x7e\u00a0-\u024f]*$/.test(text)) return false;
  return text.split('\n').every((line) => line.length <= printWidth);
}

let restyler: Promise<typeof import('./restyle.js')> | undefined;

async function restyled(text: string, options: PrintOptions): Promise<FormatResult | undefined> {
  restyler ??= import('./restyle.js');
  const printed = (await restyler).restyle(text, options);
  return printed === undefined ? undefined : { text: printed };
}

async function format(text: string, root: string, file: string, overrides: Record<string, unknown>): Promise<FormatResult> {
  sentToPrettier.push(file);
  try {
    formatter ??= import('prettier').then(createFormatter);
    return { text: await (await formatter)(text, join(root, file), overrides) };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    const parse = isParseError(error) || error instanceof ParseError;
    return parse ? { text, syntaxError: message } : { text, warning: `${file} was not formatted: ${message}` };
  }
}

/**
 * Patching loads both the TypeScript parser and Prettier, each a few hundred
 * milliseconds of start-up: this loads Prettier on another core meanwhile,
 * and formatting then goes to it. Call it before loading the parser.
 */
export async function formatInParallel(): Promise<void> {
  if (formatter) return;
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL('./format-worker.js', import.meta.url));
  formatter = Promise.resolve(workerFormat(worker));
}

function workerFormat(worker: Worker): Format {
  type Request = { text: string; filepath: string; overrides: Record<string, unknown>; resolve: (text: string) => void; reject: (error: Error) => void };
  const pending = new Map<number, Request>();
  let next = 0;
  // A worker that stops (or never starts) hands its files to Prettier in this thread: none waits for an answer that cannot come.
  let inProcess: Promise<Format> | undefined;
  const formatHere = (request: Omit<Request, 'resolve' | 'reject'>) =>
    (inProcess ??= import('prettier').then(createFormatter)).then((f) => f(request.text, request.filepath, request.overrides));
  worker.on('message', (reply: FormatReply) => {
    const request = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if ('error' in reply) request?.reject(reply.syntax ? new ParseError(reply.error) : new Error(reply.error));
    else request?.resolve(reply.text);
  });
  let stopped = false;
  const stop = () => {
    stopped = true;
    for (const request of pending.values()) formatHere(request).then(request.resolve, request.reject);
    pending.clear();
  };
  worker.on('error', stop);
  worker.on('exit', stop);
  // The worker keeps the process alive only while it has work to answer
  // (after the listeners: attaching a message listener refs it again).
  worker.unref();
  const format = (text: string, filepath: string, overrides: Record<string, unknown>) =>
    new Promise<string>((resolve, reject) => {
      if (stopped) return void formatHere({ text, filepath, overrides }).then(resolve, reject);
      const id = next++;
      pending.set(id, { text, filepath, overrides, resolve, reject });
      worker.ref();
      worker.postMessage({ id, text, filepath, overrides } satisfies FormatRequest);
    });
  // Messages are handled in order: files sent after the reset read their config again.
  const reset = () => {
    if (!stopped) worker.postMessage({ reset: true } satisfies ResetRequest);
    void inProcess?.then((f) => f.reset());
  };
  return Object.assign(format, { reset });
}

// Loads and warms Prettier on another core while the main thread loads the
// TypeScript parser for patching; then formats what the main thread sends.
import { parentPort } from 'node:worker_threads';
import { createFormatter, isParseError } from './prettier-format.js';

/** Forget the configs read so far (sent when a new plan starts). */
export interface ResetRequest {
  reset: true;
}

export interface FormatRequest {
  id: number;
  text: string;
  filepath: string;
  overrides: Record<string, unknown>;
}
/** `syntax`: Prettier could not parse the text (its error has a location), as opposed to any other failure. */
export type FormatReply = { id: number; text: string } | { id: number; error: string; syntax: boolean };

const format = createFormatter(await import('prettier'));
// The first format loads the parser plugin and warms the printer.
await format('export const warm = { up: true };\n', '/warm-up.ts', {}).catch(() => undefined);

parentPort!.on('message', (request: FormatRequest | ResetRequest) => {
  if ('reset' in request) {
    format.reset();
    return;
  }
  format(request.text, request.filepath, request.overrides).then(
    (text) => parentPort!.postMessage({ id: request.id, text } satisfies FormatReply),
    (error: Error) =>
      parentPort!.postMessage({ id: request.id, error: error.message, syntax: isParseError(error) } satisfies FormatReply),
  );
});

/**
 * The one place that writes to the terminal. Commands never call console
 * directly, so `--json` can keep stdout to its single JSON document.
 */
export interface Logger {
  /** Normal output (the report); silenced in quiet mode. */
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** What to do about an error, on stderr after it. */
  hint(message: string): void;
  /** Raw text on stdout, always written (diffs, JSON). */
  out(text: string): void;
}

export interface LoggerOptions {
  quiet?: boolean;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

export function createLogger({ quiet = false, stdout = process.stdout, stderr = process.stderr }: LoggerOptions = {}): Logger {
  return {
    info(message) {
      if (!quiet) stdout.write(message + '\n');
    },
    warn(message) {
      stderr.write(`warning: ${message}\n`);
    },
    error(message) {
      stderr.write(`error: ${message}\n`);
    },
    hint(message) {
      stderr.write(`hint: ${message}\n`);
    },
    out(text) {
      stdout.write(text.endsWith('\n') ? text : text + '\n');
    },
  };
}

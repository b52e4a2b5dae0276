/** Exit codes of the command-line contract (design.md). */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  cancelled: 130,
} as const;

/** An error the user can act on: it carries its exit code and, where useful, a hint. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.failed,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A bad flag, value or argument: exit 2, nothing written. */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.usage, hint);
  }
}

/** The run could not be done (conflict, bad project, I/O): exit 1, nothing written. */
export class FailedError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.failed, hint);
  }
}

/** The user cancelled a prompt: exit 130, nothing written. */
export class CancelledError extends CliError {
  constructor() {
    super('Cancelled.', ExitCode.cancelled);
  }
}

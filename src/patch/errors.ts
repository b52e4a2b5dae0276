export class RouteFileSyntaxError extends Error {
  override name = 'RouteFileSyntaxError';
  /** 1-based, counted as an editor shows it: a BOM takes no column, CRLF is one line break. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  readonly fileName: string;
  readonly detail: string;

  constructor(fileName: string, line: number, column: number, detail: string) {
    super(`${fileName}:${line}:${column}: ${detail}`);
    this.fileName = fileName;
    this.line = line;
    this.column = column;
    this.detail = detail;
  }
}

/** The file parses, but cannot be patched safely (its exports are unknowable, or a name would clash). */
export class RouteFilePatchError extends Error {
  override name = 'RouteFilePatchError';
}

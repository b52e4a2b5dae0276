import { readFileSync, statSync } from 'node:fs';

/** The text of a file, or null when there is none. Other I/O errors propagate. */
export function readTextOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The text without a leading byte-order mark, which JSON.parse and prefix checks trip on (editors on Windows write one). */
export function withoutBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

/** A JavaScript source file by its name (`route.js`, `+server.mjs`, `page.jsx`). */
export function isJavaScriptPath(path: string): boolean {
  return /\.[cm]?jsx?$/.test(path);
}

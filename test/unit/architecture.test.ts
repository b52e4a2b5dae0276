// The house's layers, read from the import graph of src/: every import goes
// to the importing file's own folder or to a lower layer, so no folder
// depends on one above it and there is no cycle between folders. And no
// source file grows past 250 lines. (ARCHITECTURE.md describes the layers.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** Lowest first. A folder may import its own files and any folder of a lower layer. */
const layers: string[][] = [['util'], ['model'], ['project', 'patch'], ['render'], ['frameworks'], ['generators'], ['core'], ['commands'], ['.']];
const layerOf = (folder: string) => layers.findIndex((names) => names.includes(folder));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.c?ts$/.test(name) ? [path] : [];
  });
}

/** The folder of src/ a file is in: `core`, `render`, or `.` for src/ itself. */
const folderOf = (file: string) => relative(src, file).split('/').slice(0, -1)[0] ?? '.';

/** The files of src/ a file imports, statically or dynamically, types included. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.map((s) => normalize(join(dirname(file), s)));
}

const files = sourceFiles(src);

describe('architecture', () => {
  it('every folder of src/ has a layer', () => {
    expect(files.map(folderOf).filter((folder) => layerOf(folder) < 0)).toEqual([]);
  });

  it('no import goes up a layer or across to another folder of the same layer', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      for (const target of importsOf(file)) {
        const to = folderOf(target);
        if (to === from) continue;
        if (layerOf(to) >= layerOf(from)) wrong.push(`${relative(src, file)} → ${relative(src, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no source file is over 250 lines', () => {
    const long = files.map((file) => ({ file: relative(src, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 })).filter((f) => f.lines > 250);
    expect(long).toEqual([]);
  });
});

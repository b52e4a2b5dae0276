// The second step of `npm run build`: bundles the CLI as tsc wrote it
// (dist/cli.js and what it imports) into dist/bundle/, which
// bin/create-endpoint.js runs. A one-resource run then loads 5 files instead
// of about 75 ES modules of dist/ and node_modules/, each resolved, read,
// compiled and linked by Node's ES module loader (bench/README.md has the
// measurements).
//
// CommonJS, as is bin/create-endpoint.js (bin/package.json): a process whose
// entry is CommonJS never starts Node's ES module loader (its modules, and
// the fs/promises, readline and stream modules it loads), about 8 ms of CPU of
// every run, --help included. The packages that are ES modules (Prettier,
// @clack/prompts, diff) are still loaded with import(), where they are used.
//
// The chunks follow the commands: `cli` is what every run loads (the flags
// and --help), `generate` what generation loads; the other dynamic imports
// (add, list, eject, prompts, ejs, Prettier's formatting) stay chunks of
// their own, loaded where they are used. ejs and pluralize are bundled;
// Prettier, ts-morph, commander, @clack/prompts and diff stay packages.
// The programmatic API (dist/index.js) is tsc's output, not bundled, and so
// is the formatting worker: dist/bundle/format-worker.js only imports
// dist/render/format-worker.js, since render/format.ts starts the worker by a
// URL beside itself.
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const out = `${dist}bundle`;
rmSync(out, { recursive: true, force: true });
await build({
  input: { cli: `${dist}cli.js` },
  platform: 'node',
  external: [/^node:/, /^prettier(\/|$)/, 'ts-morph', '@clack/prompts', 'diff'],
  output: {
    dir: out,
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    codeSplitting: {
      groups: [
        // What cli.js imports statically, in one chunk: every run, --help included.
        { name: 'cli', tags: ['$initial'], priority: 2 },
        // commands/generate.js and all it imports statically (the rest of what a generation loads).
        { name: 'generate', test: /[\\/]dist[\\/]commands[\\/]generate\.js$/, priority: 1 },
      ],
    },
  },
  // A module both imported and import()ed is loaded with its importer, as it was before bundling: not news.
  onLog(level, log, handler) {
    if (log.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') handler(level, log);
  },
});
writeFileSync(`${out}/format-worker.js`, "import '../render/format-worker.js';\n");

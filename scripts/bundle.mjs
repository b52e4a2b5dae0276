// The second step of `npm run build`: bundles the CLI as tsc wrote it
// (dist/cli.js and what it imports) into dist/bundle/, which
// bin/create-endpoint.js runs. One run of the CLI then loads a handful of
// files instead of about 75 ES modules of dist/ and node_modules/ (each one
// resolved, read, compiled and linked by Node's ES module loader): about 25 ms
// of CPU of the 140 ms a one-resource run took (see bench/README.md). The
// dynamic imports stay chunks of their own, so --help still loads none of the
// generation code, and generation none of `add`'s.
//
// The programmatic API (dist/index.js) is tsc's output, not bundled. ejs and
// pluralize, which every generation loads, are bundled; Prettier, ts-morph,
// commander, @clack/prompts and diff stay packages, loaded where they are
// used (ts-morph and commander through require()).
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const out = `${dist}bundle`;
rmSync(out, { recursive: true, force: true });
await build({
  // format-worker.js beside the chunks: render/format.ts starts it by a URL relative to itself.
  input: { cli: `${dist}cli.js`, 'format-worker': `${dist}render/format-worker.js` },
  platform: 'node',
  external: [/^node:/, /^prettier(\/|$)/, 'ts-morph', 'commander', '@clack/prompts', 'diff'],
  output: { dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
  logLevel: 'warn',
});

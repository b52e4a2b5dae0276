// Fallback peak-memory probe when GNU time is not installed: preloaded with
// NODE_OPTIONS=--require, it writes the process's peak RSS (VmHWM, in KB) to
// $BENCH_RSS_FILE as the process exits.
const { isMainThread } = require('node:worker_threads');
const { readFileSync, writeFileSync } = require('node:fs');

if (isMainThread && process.env.BENCH_RSS_FILE) {
  process.on('exit', () => {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? '0';
    writeFileSync(process.env.BENCH_RSS_FILE, `${kb}\n`);
  });
}

#!/usr/bin/env node
// Installs the real-app fixtures (test/fixtures/apps/* and the scaffolder-made
// apps of test/fixtures/scaffolds/*) into the fixture cache once, so the e2e
// tests only copy them. Usage:
//   node scripts/install-fixtures.mjs [name ...]     (default: all of both)
// Cache: $CREATE_ENDPOINT_FIXTURE_CACHE or ~/.cache/create-endpoint/fixtures.
import { existsSync } from 'node:fs';
import {
  allFixtureNames,
  ensureFixtureInstalled,
  fixtureCacheDir,
  fixtureCacheRoot,
  fixtureDir,
} from '../test/e2e/harness/fixtures.mjs';

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((n) => !allFixtureNames.includes(n));
if (unknown.length > 0) {
  console.error(`Unknown fixture(s): ${unknown.join(', ')}. Known: ${allFixtureNames.join(', ')}`);
  process.exit(2);
}
const names = requested.length > 0 ? requested : allFixtureNames.filter((n) => existsSync(fixtureDir(n)));

console.log(`fixture cache: ${fixtureCacheRoot()}`);
const started = Date.now();
let failed = 0;
// One at a time: parallel `npm ci`s fight over 2 cores and the npm cache.
for (const name of names) {
  const t0 = Date.now();
  const dir = await fixtureCacheDir(name);
  const cached = existsSync(`${dir}/.fixture-install.json`);
  try {
    await ensureFixtureInstalled(name, { log: (line) => console.log(line) });
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`${name}: ${cached ? 'already cached' : 'ready'} in ${secs}s -> ${dir}`);
  } catch (err) {
    failed++;
    console.error(`${name}: FAILED after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    console.error(err instanceof Error ? err.message : err);
  }
}
console.log(`fixtures: ${names.length - failed} ready, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
process.exit(failed > 0 ? 1 : 0);

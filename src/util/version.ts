import { readFileSync } from 'node:fs';

// Two folders below the package root, as dist/util/version.js and the bundle
// (dist/bundle/*.js) both are, so one relative path finds package.json.
export const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

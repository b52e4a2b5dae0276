// The TypeScript compiler API, from ts-morph, behind a CommonJS module on
// purpose: an ES `import` of ts-morph first scans its large CommonJS bundle
// for export names (about 100 ms on every run that patches a file); the
// `require` this compiles to does not.
export { ts } from 'ts-morph';

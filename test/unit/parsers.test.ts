// The readers of what a user types and of what a project holds, tested
// directly: --fields, route paths, tsconfig's JSONC and its path aliases,
// and the framework version a project is written for.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatFields, parseFields } from '../../src/model/fields.js';
import { parseRoutePath, urlPath } from '../../src/model/route-path.js';
import { parseJsonc } from '../../src/project/jsonc.js';
import { readPathAliases } from '../../src/project/tsconfig.js';
import { detectFrameworkVersion } from '../../src/project/framework.js';
import { UsageError } from '../../src/util/errors.js';

const folders: string[] = [];
afterEach(() => {
  while (folders.length) rmSync(folders.pop()!, { recursive: true, force: true });
});
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parsers-'));
  folders.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('parseFields', () => {
  it('reads name:type and name?:type, a bare name as a string, spaces around parts; formatFields writes it back', () => {
    const fields = parseFields(' title:string, done:boolean,priority?:number ,due?:date,note');
    expect(fields).toEqual([
      { name: 'title', type: 'string', optional: false },
      { name: 'done', type: 'boolean', optional: false },
      { name: 'priority', type: 'number', optional: true },
      { name: 'due', type: 'date', optional: true },
      { name: 'note', type: 'string', optional: false },
    ]);
    expect(formatFields(fields)).toBe('title:string,done:boolean,priority?:number,due?:date,note:string');
  });

  it('refuses what is not a field, with the reason', () => {
    const cases: [string, RegExp][] = [
      ['', /--fields is empty/],
      ['a b:string', /"a b:string" is not a field/],
      ['title:text', /"title" has unknown type "text"; use one of string, number, boolean, date/],
      ['id:string', /"id" is reserved \(the store sets id/],
      ['constructor', /"constructor" is reserved/],
      ['limit:number', /"limit" is reserved \(the list reads \?limit= and \?offset= as its page\)/],
      ['title,title:number', /"title" is given twice/],
      ['1st:string', /"1st:string" is not a field/],
    ];
    for (const [spec, message] of cases) {
      expect(() => parseFields(spec), spec).toThrow(UsageError);
      expect(() => parseFields(spec), spec).toThrow(message);
    }
  });
});

describe('parseRoutePath', () => {
  it('reads static folders, parameters, matchers, optional and rest parameters and groups; urlPath drops the groups', () => {
    const segments = parseRoutePath('(admin)/orgs/[orgId]/files/[[lang]]/[id=int]/[...path]/[[...rest]]', 'Resource');
    expect(segments).toEqual([
      { kind: 'group', name: 'admin' },
      { kind: 'static', name: 'orgs' },
      { kind: 'param', name: 'orgId' },
      { kind: 'static', name: 'files' },
      { kind: 'optional', name: 'lang' },
      { kind: 'param', name: 'id', matcher: 'int' },
      { kind: 'rest', name: 'path' },
      { kind: 'optional-rest', name: 'rest' },
    ]);
    expect(urlPath(segments)).toBe('/orgs/[orgId]/files/[[lang]]/[id=int]/[...path]/[[...rest]]');
    expect(urlPath([])).toBe('/');
  });

  it('refuses anything that could leave the routes folder or that no router takes, naming what it read', () => {
    const cases: [string, RegExp][] = [
      ['', /Resource is empty/],
      ['a\\b', /contains a backslash/],
      ['a\0b', /NUL byte/],
      ['/etc/x', /is absolute/],
      ['C:/x', /is absolute/],
      ['../x', /must not contain "\.\.": it would leave the routes folder/],
      ['a/./b', /must not contain "\."/],
      ['a//b', /has an empty segment/],
      ['to dos', /"to dos" is not a valid route segment/],
      ['[1x]', /parameter "1x" in "\[1x\]" is not a valid identifier/],
      ['[[id]', /is not a valid route segment/],
      ['[...id=int]', /is not a valid route segment/],
    ];
    for (const [path, message] of cases) {
      expect(() => parseRoutePath(path, 'Resource'), path).toThrow(UsageError);
      expect(() => parseRoutePath(path, 'Resource'), path).toThrow(message);
    }
  });
});

describe('the JSONC reader (tsconfig.json)', () => {
  it('reads comments, trailing commas and a byte-order mark, and keeps comment-like text inside strings', () => {
    const text = '\uFEFF{\n  // a comment\n  "a": "http://x/*not a comment*/", /* block */\n  "b": [1, 2,],\n  "c": "quote \\" // still a string",\n}\n';
    expect(parseJsonc(text)).toEqual({ a: 'http://x/*not a comment*/', b: [1, 2], c: 'quote " // still a string' });
  });

  it('throws on what is not JSON once the comments are gone', () => {
    expect(() => parseJsonc('{ nope }')).toThrow(SyntaxError);
  });
});

describe('tsconfig path aliases', () => {
  it('reads wildcard paths against baseUrl, following a relative extends; jsconfig.json when there is no tsconfig.json', () => {
    const root = folder({
      'tsconfig.json': '{ "extends": "./tsconfig.base", // the base has the paths\n }',
      'tsconfig.base.json': '{ "compilerOptions": { "baseUrl": "src", "paths": { "@/*": ["./*"], "~lib/*": ["lib/*"], "exact": ["./exact.ts"] } } }',
    });
    expect(readPathAliases(root)).toEqual([
      { prefix: '@/', target: join(root, 'src') + '/' },
      { prefix: '~lib/', target: join(root, 'src/lib') + '/' },
    ]);
    const js = folder({ 'jsconfig.json': '{ "compilerOptions": { "paths": { "$x/*": ["./x/*"] } } }' });
    expect(readPathAliases(js)).toEqual([{ prefix: '$x/', target: join(js, 'x') + '/' }]);
  });

  it('gives no aliases for a config it cannot read (relative imports always work)', () => {
    expect(readPathAliases(folder({ 'tsconfig.json': '{ nope' }))).toEqual([]);
    expect(readPathAliases(folder({}))).toEqual([]);
  });
});

describe('the framework version a project is written for', () => {
  const next = { package: 'next', supportedMajors: [14, 15, 16] };

  it('the installed package over the declared range, the range when nothing is installed, the newest when neither says', () => {
    const installed = folder({ 'node_modules/next/package.json': '\uFEFF{ "version": "15.5.2" }' });
    expect(detectFrameworkVersion(installed, { dependencies: { next: '^16.0.0' } }, next)).toEqual({ major: 15, minor: 5, source: 'installed' });
    const declared = folder({});
    expect(detectFrameworkVersion(declared, { devDependencies: { next: '~14.2.30' } }, next)).toEqual({ major: 14, minor: 2, source: 'package.json' });
    expect(detectFrameworkVersion(declared, { peerDependencies: { next: '>=15.x <17' } }, next)).toEqual({ major: 15, minor: 0, source: 'package.json' });
    expect(detectFrameworkVersion(declared, null, next)).toEqual({ major: 16, minor: 0, source: 'assumed' });
    // An unreadable installed manifest: the range decides.
    const broken = folder({ 'node_modules/next/package.json': '{ nope' });
    expect(detectFrameworkVersion(broken, { dependencies: { next: '16.4.6' } }, next)).toEqual({ major: 16, minor: 4, source: 'package.json' });
  });

  it('clamps a version outside the supported majors to the nearest one', () => {
    const dir = folder({});
    expect(detectFrameworkVersion(dir, { dependencies: { next: '13.5.0' } }, next)).toEqual({ major: 14, minor: 0, source: 'package.json' });
    expect(detectFrameworkVersion(dir, { dependencies: { next: '17.1.0' } }, next)).toEqual({ major: 16, minor: 0, source: 'package.json' });
  });
});

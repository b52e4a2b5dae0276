import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { expectNoLeak, rawRequest } from './http.js';

export interface DownloadContractOptions {
  /** The server's working directory (the app's root): the served folder is resolved against it. */
  root: string;
  /** The --dir the endpoint was generated with; default `downloads`. */
  dir?: string;
}

/**
 * Content-Length, when the framework passes it on, is the length of the body.
 * (Next.js 16 drops a route handler's Content-Length and sends the body
 * chunked; SvelteKit and Next.js 14/15 keep it.)
 */
function expectLength(res: Response, length: number): void {
  const header = res.headers.get('content-length');
  if (header !== null) expect(header).toBe(String(length));
}

/**
 * The behaviour of a generated download endpoint (`--template download`),
 * checked with real HTTP. `path` is the URL of the collection (`/api/files`);
 * files are served from `<path>/<file>`. The contract writes its own files
 * into `<root>/<dir>` (and one secret beside it, plus symbolic links that
 * point out of it) and removes them at the end.
 */
export async function checkDownloadContract(server: string, path: string, _selfOrigin = server, extra: DownloadContractOptions): Promise<void> {
  const dir = join(extra.root, extra.dir ?? 'downloads');
  const marker = `TOP-SECRET-${randomBytes(8).toString('hex')}`;
  const text = 'Hello, world!\n';
  const binary = randomBytes(300_000);
  const created: string[] = [];
  const write = (file: string, content: string | Buffer) => {
    writeFileSync(file, content);
    created.push(file);
  };
  mkdirSync(join(dir, 'nested'), { recursive: true });
  write(join(dir, 'hello.txt'), text);
  write(join(dir, 'data.bin'), binary);
  write(join(dir, 'résumé été.pdf'), '%PDF-1.4 example');
  write(join(dir, 'nested', 'deep.csv'), 'a,b\n1,2\n');
  write(join(dir, 'empty.txt'), '');
  write(join(dir, '.env'), marker);
  write(join(dir, 'nested', '.hidden'), marker);
  write(join(extra.root, 'outside-secret.txt'), marker);
  const symlinks = process.platform !== 'win32';
  if (symlinks) {
    for (const [link, target] of [
      ['link-out.txt', join(extra.root, 'outside-secret.txt')],
      ['link-dir', extra.root],
      ['link-dotfile.txt', join(dir, '.env')],
    ] as const) {
      rmSync(join(dir, link), { force: true });
      symlinkSync(target, join(dir, link));
      created.push(join(dir, link));
    }
  }
  const url = (file: string) => `${server}${path}/${file}`;
  try {
    // A file: streamed whole, with its type, length, name and validators.
    const hello = await fetch(url('hello.txt'));
    expect(hello.status).toBe(200);
    expect(await hello.text()).toBe(text);
    expect(hello.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expectLength(hello, text.length);
    expect(hello.headers.get('content-disposition')).toBe('attachment; filename="hello.txt"');
    expect(hello.headers.get('accept-ranges')).toBe('bytes');
    expect(hello.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = hello.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    const lastModified = hello.headers.get('last-modified')!;
    expect(new Date(lastModified).getTime()).toBe(Math.floor(statSync(join(dir, 'hello.txt')).mtimeMs / 1000) * 1000);

    // Larger than one chunk, binary: every byte, in order.
    const data = await fetch(url('data.bin'));
    expect(data.status).toBe(200);
    expect(data.headers.get('content-type')).toBe('application/octet-stream');
    const bytes = Buffer.from(await data.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(binary).digest('hex'));

    // A non-ASCII name: an ASCII fallback and the UTF-8 name (RFC 6266 / 8187).
    const resume = await fetch(url(encodeURIComponent('résumé été.pdf')));
    expect(resume.status).toBe(200);
    expect(resume.headers.get('content-type')).toBe('application/pdf');
    expect(resume.headers.get('content-disposition')).toBe(`attachment; filename="r_sum_ _t_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%C3%A9t%C3%A9.pdf`);
    expect(await resume.text()).toBe('%PDF-1.4 example');

    const deep = await fetch(url('nested/deep.csv'));
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await deep.text()).toBe('a,b\n1,2\n');
    const empty = await fetch(url('empty.txt'));
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('');

    // HEAD: the headers of GET, no body.
    const head = await rawRequest(server, `${path}/hello.txt`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-disposition']).toBe('attachment; filename="hello.txt"');
    expect(head.headers['etag']).toBe(etag);
    if (head.headers['content-length'] !== undefined) expect(head.headers['content-length']).toBe(String(text.length));
    expect((await rawRequest(server, `${path}/missing.txt`, { method: 'HEAD' })).status).toBe(404);

    // Ranges: one range is 206 with Content-Range; beyond the end 416; several, the whole file.
    const ranged = async (range: string, headers: Record<string, string> = {}) => {
      const res = await fetch(url('hello.txt'), { headers: { range, ...headers } });
      const body = await res.text();
      expectLength(res, Buffer.byteLength(body));
      return { status: res.status, contentRange: res.headers.get('content-range'), body };
    };
    expect(await ranged('bytes=0-4')).toEqual({ status: 206, contentRange: `bytes 0-4/${text.length}`, body: 'Hello' });
    expect(await ranged('bytes=7-')).toEqual({ status: 206, contentRange: `bytes 7-13/${text.length}`, body: 'world!\n' });
    expect(await ranged('bytes=-6')).toEqual({ status: 206, contentRange: `bytes 8-13/${text.length}`, body: 'orld!\n' });
    expect(await ranged('bytes=7-1000')).toMatchObject({ status: 206, contentRange: `bytes 7-13/${text.length}`, body: 'world!\n' });
    expect(await ranged('bytes=14-')).toMatchObject({ status: 416, contentRange: `bytes */${text.length}` });
    expect(await ranged('bytes=-0')).toMatchObject({ status: 416, contentRange: `bytes */${text.length}` });
    expect(await ranged('bytes=0-1,4-5')).toMatchObject({ status: 200, body: text });
    expect(await ranged('bytes=5-2')).toMatchObject({ status: 200, body: text });
    expect(await ranged('items=0-4')).toMatchObject({ status: 200, body: text });
    expect(await ranged('bytes=0-4', { 'if-range': 'Wed, 21 Oct 2015 07:28:00 GMT' })).toMatchObject({ status: 200, body: text });
    expect(await ranged('bytes=0-4', { 'if-range': lastModified })).toMatchObject({ status: 206, body: 'Hello' });
    const rangeOfBinary = await fetch(url('data.bin'), { headers: { range: 'bytes=100000-199999' } });
    expect(rangeOfBinary.status).toBe(206);
    expect(Buffer.from(await rangeOfBinary.arrayBuffer()).equals(binary.subarray(100000, 200000))).toBe(true);

    // Conditional requests: 304 without a body.
    const conditionals: Record<string, string>[] = [{ 'if-none-match': etag }, { 'if-none-match': `"other", ${etag}` }, { 'if-none-match': '*' }, { 'if-modified-since': new Date(Date.now() + 60_000).toUTCString() }];
    for (const headers of conditionals) {
      const res = await fetch(url('hello.txt'), { headers });
      expect({ headers, status: res.status }).toEqual({ headers, status: 304 });
      expect(await res.text()).toBe('');
    }
    expect((await fetch(url('hello.txt'), { headers: { 'if-none-match': 'W/"stale"' } })).status).toBe(200);

    // Anything that would leave the folder, dotfiles, folders: 404, and nothing of the secret.
    const attempts = [
      '../outside-secret.txt',
      '..%2foutside-secret.txt',
      '..%2Foutside-secret.txt',
      '%2e%2e/outside-secret.txt',
      '%2e%2e%2foutside-secret.txt',
      '%252e%252e%252foutside-secret.txt',
      '%252e%252e/outside-secret.txt',
      '..%5coutside-secret.txt',
      '%5c..%5coutside-secret.txt',
      'nested/..%2f..%2foutside-secret.txt',
      'nested/%2e%2e/%2e%2e/outside-secret.txt',
      '%2fetc%2fpasswd',
      '%2f%2fetc%2fpasswd',
      'C:%5cWindows%5cwin.ini',
      'hello.txt%00.png',
      '%00',
      '.env',
      '%2eenv',
      'nested/.hidden',
      'nested',
      'nested/',
      'nested%2f',
      'missing.txt',
      ...(symlinks ? ['link-out.txt', 'link-dir/outside-secret.txt', 'link-dir/package.json', 'link-dotfile.txt'] : []),
    ];
    for (const attempt of attempts) {
      const res = await rawRequest(server, `${path}/${attempt}`);
      const body = res.body.toString('utf8');
      // A trailing slash may be the framework's own business first (SvelteKit redirects it away).
      const redirectedTo = typeof res.headers.location === 'string' ? new URL(res.headers.location, `${server}${path}/${attempt}`).pathname : null;
      const status = res.status === 308 && attempt.endsWith('/') && redirectedTo === `${path}/${attempt.slice(0, -1)}` ? 404 : res.status;
      expect({ attempt, status, leaked: body.includes(marker) }).toEqual({ attempt, status: 404, leaked: false });
      expectNoLeak(body);
    }
    // Paths a client cannot even send through fetch (it resolves dot segments first).
    for (const attempt of ['/../outside-secret.txt', '/../../package.json', '/./../outside-secret.txt']) {
      const res = await rawRequest(server, `${path}${attempt}`);
      expect({ attempt, leaked: res.body.toString('utf8').includes(marker), ok: res.status >= 200 && res.status < 300 }).toEqual({ attempt, leaked: false, ok: false });
    }

    // Only GET and HEAD.
    expect((await fetch(url('hello.txt'), { method: 'DELETE', headers: { 'content-type': 'application/json' } })).status).toBe(405);
  } finally {
    for (const file of created) rmSync(file, { force: true });
    rmSync(join(dir, 'nested'), { recursive: true, force: true });
  }
}

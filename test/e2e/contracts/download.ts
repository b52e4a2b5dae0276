import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants, mkdirSync, openSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { join, sep } from 'node:path';
import { expect } from 'vitest';
import type { Server } from '../harness/index.js';
import { expectNoLeak, rawRequest, type RawResponse } from './http.js';
import { groupDescriptors } from './process-group.js';

export interface DownloadContractOptions {
  /** The server's working directory (the app's root): the served folder is resolved against it. */
  root: string;
  /** The --dir the endpoint was generated with; default `downloads`. */
  dir?: string;
  /** The app's framework: Next.js answers a malformed %-escape itself (see checkAbuse). */
  framework: 'next' | 'sveltekit';
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
 * Descriptors the processes of group `pgid` hold open on files below `dir`:
 * what a download that was never closed would leave behind.
 */
function openFilesBelow(pgid: number, dir: string): string[] {
  return groupDescriptors(pgid).filter((target) => target.startsWith(dir + sep));
}

/** Every descriptor the processes of group `pgid` hold (sockets, pipes, files). */
const groupFdCount = (pgid: number): number => groupDescriptors(pgid).length;

/** Polls until `probe` holds, for at most `ms`; the last value either way. */
async function settle<T>(probe: () => T, done: (value: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  let value = probe();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = probe();
  }
  return value;
}

/**
 * A GET whose answer must come within `ms` (a FIFO that blocked the open would
 * never answer); the time it took, and the status.
 */
async function promptly(server: string, path: string, ms = 3000, method = 'GET'): Promise<{ status: number; ms: number; body: string }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const res: RawResponse = await Promise.race([
    rawRequest(server, path, { method }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method} ${path.slice(0, 80)}: no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
  return { status: res.status, ms: Date.now() - started, body: res.body.toString('utf8') };
}

/**
 * Starts a download and goes away: right after the status line, or after the
 * first chunk of the body. Resolves once the client's socket is destroyed.
 */
function abandonDownload(server: string, path: string, when: 'headers' | 'first-chunk', headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(server);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, headers, agent: false }, (res) => {
      res.on('error', () => {});
      const status = res.statusCode ?? 0;
      if (when === 'headers') {
        req.destroy();
        resolve(status);
      } else {
        res.once('data', () => {
          req.destroy();
          resolve(status);
        });
      }
    });
    req.on('error', () => {});
    req.setTimeout(10_000, () => {
      req.destroy();
      reject(new Error(`GET ${path}: no answer in 10 s`));
    });
    req.end();
  });
}

/**
 * The behaviour of a generated download endpoint (`--template download`),
 * checked with real HTTP against the production server. `path` is the URL of
 * the collection (`/api/files`); files are served from `<path>/<file>`. The
 * contract writes its own files into `<root>/<dir>` (and one secret beside
 * it, symbolic links that point out of it, a FIFO, a socket, a folder named
 * like a file) and removes them at the end.
 */
export async function checkDownloadContract(target: Server, path: string, extra: DownloadContractOptions): Promise<void> {
  const server = target.url;
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

    await checkAbuse(target, path, dir, extra.framework);
  } finally {
    for (const file of created) rmSync(file, { force: true });
    rmSync(join(dir, 'nested'), { recursive: true, force: true });
  }
}

/**
 * What must not hurt the server: files that are not regular files, malformed
 * paths and headers, downloads the client abandons. Each answer comes
 * promptly and is a 4xx (never a 500), nothing is logged as a failure, no
 * descriptor stays open, and the server keeps answering.
 */
async function checkAbuse(target: Server, path: string, dir: string, framework: 'next' | 'sveltekit'): Promise<void> {
  const server = target.url;
  const made: string[] = [];
  let socket: NetServer | undefined;
  const fifo = join(dir, 'pipe.txt');
  try {
    // A FIFO with no writer: open(2) of it waits for one, forever, in one of
    // the four threads of libuv's pool. Several at once would stall every
    // file access of the server.
    execFileSync('mkfifo', [fifo]);
    made.push(fifo);
    mkdirSync(join(dir, 'folder.pdf'));
    made.push(join(dir, 'folder.pdf'));
    symlinkSync(join(dir, 'loop-b.txt'), join(dir, 'loop-a.txt'));
    symlinkSync(join(dir, 'loop-a.txt'), join(dir, 'loop-b.txt'));
    made.push(join(dir, 'loop-a.txt'), join(dir, 'loop-b.txt'));
    const special = ['pipe.txt', 'folder.pdf', 'loop-a.txt', 'hello.txt/inside'];
    // A Unix socket, where its path fits in sun_path (108 bytes).
    const socketPath = join(dir, 'socket.bin');
    if (Buffer.byteLength(socketPath) < 100) {
      socket = createNetServer();
      await new Promise<void>((resolve, reject) => socket!.once('error', reject).listen(socketPath, resolve));
      special.push('socket.bin');
    }
    // Unreadable to the server: chmod 000 stops every user but root, whose
    // CAP_DAC_OVERRIDE reads it anyway (the e2e suite runs as root in CI).
    const unreadable = join(dir, 'unreadable.txt');
    writeFileSync(unreadable, 'no one may read this');
    made.push(unreadable);
    chmodSync(unreadable, 0);
    if (process.getuid?.() !== 0) special.push('unreadable.txt');
    else console.info('[download contract] unreadable.txt (chmod 000) not checked: running as root, which reads it anyway; the EACCES path is the same 404 as ENOENT in the helper');

    const answers = await Promise.all([...special, ...special].map((file) => promptly(server, `${path}/${file}`)));
    for (const [i, answer] of answers.entries()) {
      const file = [...special, ...special][i];
      expect({ file, status: answer.status, prompt: answer.ms < 3000 }).toEqual({ file, status: 404, prompt: true });
      expect(answer.body).not.toContain('no one may read this');
    }
    expect((await promptly(server, `${path}/pipe.txt`, 3000, 'HEAD')).status).toBe(404);
    // Every pool thread still free: a regular file is still served at once.
    const after = await promptly(server, `${path}/hello.txt`);
    expect(after.status).toBe(200);

    // Malformed input: a 4xx, never a 500.
    const malformed = [
      '%00',
      'hello.txt%00',
      'hello.txt%00.png',
      'nested%00/deep.csv',
      '..%252f..%252foutside-secret.txt',
      'nested%5c..%5c..%5coutside-secret.txt',
      'nested%2f..%2f..%2f..%2fetc%2fpasswd',
      `${'a'.repeat(256)}.txt`,
      `${'a'.repeat(300)}`,
      `${'x/'.repeat(40)}hello.txt`,
      `${`${'y'.repeat(250)}/`.repeat(20)}hello.txt`,
      `${'z'.repeat(12_000)}.txt`,
      `${'%2e%2e%2f'.repeat(400)}outside-secret.txt`,
      `hello.txt;${'x'.repeat(100)}`,
    ];
    // Escapes that decode to no UTF-8 text. Next.js (14 to 16) decodes a dynamic
    // segment while matching the route and answers a failure itself with a bare
    // 500 "Internal Server Error" before any route code runs: no route file can
    // change that. Allowed there, and only in that exact form.
    const badEscapes = ['%zz', '%', 'hello%2', '%c3%28', '%ff%fe', '%c0%af..%c0%afoutside-secret.txt', '%e0%80%af', '..%c0%afoutside-secret.txt', '..%u2215outside-secret.txt', '%u002e%u002e/outside-secret.txt'];
    const nextOwn500: string[] = [];
    for (const attempt of [...malformed, ...badEscapes]) {
      const res = await promptly(server, `${path}/${attempt}`, 5000);
      const label = attempt.slice(0, 60);
      if (framework === 'next' && badEscapes.includes(attempt) && res.status === 500) {
        expect({ label, body: res.body }).toEqual({ label, body: 'Internal Server Error' });
        nextOwn500.push(attempt);
        continue;
      }
      expect({ label, status: res.status, clientError: res.status >= 400 && res.status < 500 }).toMatchObject({ label, clientError: true });
      expect(res.body).not.toContain('TOP-SECRET');
      expectNoLeak(res.body);
    }
    if (nextOwn500.length > 0) console.info(`[download contract] Next.js answered ${nextOwn500.length} of ${badEscapes.length} malformed %-escapes with its own bare 500 before the route ran: ${nextOwn500.join(' ')}`);
    // A query string is no part of the path: the file, as asked.
    expect((await promptly(server, `${path}/hello.txt?x=%00`)).status).toBe(200);

    // Range and validator headers that make no sense: ignored (the whole file,
    // RFC 9110 §14.2) or 416 when nothing of the file is asked for; never a 500.
    const size = statSync(join(dir, 'hello.txt')).size;
    const headerCases: [Record<string, string>, number][] = [
      [{ range: 'bytes=abc' }, 200],
      [{ range: 'bytes=1-2-3' }, 200],
      [{ range: 'bytes=--1' }, 200],
      [{ range: 'bytes=1.5-2' }, 200],
      [{ range: 'bytes=0x10-' }, 200],
      [{ range: 'bytes=1e3-' }, 200],
      [{ range: 'bytes=' }, 200],
      [{ range: 'bytes=-' }, 200],
      [{ range: '=' }, 200],
      [{ range: 'bytes=5-2' }, 200],
      [{ range: `bytes=${'0-1,'.repeat(2000)}0-1` }, 200],
      [{ range: `bytes=${'9'.repeat(400)}-` }, 416],
      [{ range: 'bytes=99999999999999999999999-' }, 416],
      [{ range: `bytes=0-${'9'.repeat(400)}` }, 206],
      [{ range: 'bytes=-99999999999999999999999' }, 206],
      [{ range: 'bytes=0-4', 'if-range': 'garbage' }, 200],
      [{ 'if-none-match': 'garbage, W/, "' }, 200],
      [{ 'if-modified-since': 'not a date' }, 200],
      [{ 'if-modified-since': '9'.repeat(400) }, 200],
    ];
    for (const [headers, expected] of headerCases) {
      const res = await rawRequest(server, `${path}/hello.txt`, { headers });
      const label = JSON.stringify(headers).slice(0, 80);
      expect({ label, status: res.status }).toEqual({ label, status: expected });
      if (expected === 200) expect(res.body.length).toBe(size);
    }

    // Abandoned downloads leave no descriptor open. The probe sees one while a
    // download is held open, so zero afterwards means closed, not unseen.
    const big = join(dir, 'big.bin');
    writeFileSync(big, randomBytes(16 << 20));
    made.push(big);
    const realDir = realpathSync(dir);
    expect(openFilesBelow(target.pid, realDir)).toEqual([]);
    const fdsBefore = groupFdCount(target.pid);
    const { hostname, port } = new URL(server);
    const held = httpRequest({ host: hostname, port, path: `${path}/big.bin`, agent: false });
    held.on('error', () => {});
    const heldResponse = await new Promise<IncomingMessage>((resolve) => held.once('response', resolve).end());
    heldResponse.on('error', () => {});
    heldResponse.pause();
    const whileHeld = await settle(() => openFilesBelow(target.pid, realDir), (open) => open.length > 0, 3000);
    expect(whileHeld.some((file) => file.endsWith(`${sep}big.bin`))).toBe(true);
    held.destroy();
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const range: Record<string, string> = i % 5 === 0 ? { range: 'bytes=1000-' } : {};
      statuses.push(await abandonDownload(server, `${path}/big.bin`, i % 2 === 0 ? 'first-chunk' : 'headers', range));
    }
    expect(statuses.every((status) => status === 200 || status === 206)).toBe(true);
    const left = await settle(() => openFilesBelow(target.pid, realDir), (open) => open.length === 0, 10_000);
    const fdsAfter = groupFdCount(target.pid);
    console.info(`[download contract] descriptors on files below the folder: ${whileHeld.length} while one download was held, ${left.length} after 50 abandoned downloads; all descriptors of the server: ${fdsBefore} before, ${fdsAfter} after`);
    expect(left).toEqual([]);

    // Still answering, and no request above was a failure of the server.
    expect((await promptly(server, `${path}/hello.txt`)).status).toBe(200);
    expect(target.output()).not.toContain('download: could not');
  } finally {
    // Should an open of the FIFO be waiting after all, give it its writer.
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader waiting (ENXIO) or no FIFO
    }
    if (socket) await new Promise((resolve) => socket!.close(resolve));
    for (const file of made) rmSync(file, { recursive: true, force: true });
  }
}

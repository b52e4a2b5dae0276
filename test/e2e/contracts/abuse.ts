// Abuse checks shared by the contracts: bodies far over every limit, sent the
// way an attacker would (chunked, no Content-Length), while the server's
// memory is watched.
import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import type { Server } from '../harness/index.js';
import { peakRss } from './process-group.js';

export interface UploadResult {
  status: number;
  body: string;
  /** How much of the body the server took before it answered. */
  sent: number;
}

/**
 * Sends up to `bytes` of body in 64 KiB chunks with `Transfer-Encoding:
 * chunked`, stopping as soon as the server answers (or closes the
 * connection): what a client does that never says how much it will send.
 * A server that refuses the body answers and closes while the client is still
 * writing; its kernel may then reset the connection and the answer is lost
 * before the client reads it (EPIPE, ECONNRESET). Such an attempt proves
 * nothing either way, so it is made again, up to six times in all (three were
 * not enough once, on a loaded machine, for SvelteKit 3's adapter-node).
 */
export async function chunkedUpload(server: Server, path: string, options: { method: string; bytes: number; headers?: Record<string, string> }): Promise<UploadResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chunkedUploadOnce(server, path, options);
    } catch (error) {
      const lost = error instanceof Error && 'code' in error && (error.code === 'EPIPE' || error.code === 'ECONNRESET');
      if (!lost || attempt === 6) throw error;
      // On a loaded machine the reset wins the race more often: let it settle.
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

function chunkedUploadOnce(server: Server, path: string, options: { method: string; bytes: number; headers?: Record<string, string> }): Promise<UploadResult> {
  const { hostname, port } = new URL(server.url);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    // A connection of its own: one the server closes mid-upload must not reach the pooled connections of fetch.
    const req = httpRequest({ host: hostname, port, method: options.method, path, agent: false, headers: { 'transfer-encoding': 'chunked', ...options.headers } }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), sent });
      });
      res.on('error', reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error(`${options.method} ${path}: no answer in 60 s`)));
    // The server may close the connection mid-upload once it has answered.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    // A pause after each MiB lets an answer that is on its way be read
    // before more of the body is written: the more is written after the
    // server has stopped reading, the likelier its kernel resets the
    // connection (and the answer with it).
    const pump = (): void => {
      while (!answered && sent < options.bytes) {
        sent += chunk.length;
        const more = req.write(chunk);
        if (sent % (1024 * 1024) === 0) {
          setTimeout(() => (more ? pump() : req.once('drain', pump)), 25);
          return;
        }
        if (!more) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/**
 * A 200 MB chunked body to an endpoint that reads JSON: the answer is 413 and
 * the server's resident memory grows by less than 20 MB.
 */
export async function expectBoundedUpload(server: Server, path: string, method: string, headers: Record<string, string> = {}): Promise<void> {
  let result: UploadResult | undefined;
  const rss = await peakRss(server.pid, async () => {
    result = await chunkedUpload(server, path, { method, bytes: 200 * 1024 * 1024, headers: { 'content-type': 'application/json', origin: server.origin, ...headers } });
  });
  expect(result?.status, `${method} ${path} with 200 MB chunked: ${result?.body}`).toBe(413);
  expect(JSON.parse(result?.body ?? '{}')).toMatchObject({ error: expect.stringMatching(/larger than/) });
  expect(rss.peak - rss.before, `${method} ${path}: RSS ${rss.before} → ${rss.peak}`).toBeLessThan(20 * 1024 * 1024);
}

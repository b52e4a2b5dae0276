import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * One HTTP request with the path sent exactly as given: fetch() and URL
 * resolve `..` and `%2e%2e` before sending, which would hide what a server
 * does with them.
 */
export function rawRequest(server: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(server);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method: options.method ?? 'GET', path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${options.method ?? 'GET'} ${path}: no answer in 30 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** An error response must not carry a stack trace (`at fn (file:line:col)`) or a path into node_modules. */
export function expectNoLeak(text: string): void {
  expect(text).not.toMatch(/\bat [^\n]*:\d+:\d+|node_modules\/|\.[jt]s:\d+:\d+/);
}

import { connect, type Socket } from 'node:net';
import { expect } from 'vitest';
import type { Server } from '../harness/index.js';
import { groupCpuTicks, peakRss } from './process-group.js';

export interface StreamContractOptions {
  /** Whether the endpoint was generated with --sse. */
  sse: boolean;
  /** SSE: also wait for the 15-second heartbeat comment (adds about 16 s). Default true. */
  heartbeat?: boolean;
}

interface Chunk {
  at: number;
  text: string;
}

/** Reads a streamed body chunk by chunk, with the time each arrived, until `enough` says so or it ends. */
async function readChunks(res: Response, enough: (text: string) => boolean, timeoutMs = 20_000): Promise<{ chunks: Chunk[]; text: string; ended: boolean }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const chunks: Chunk[] = [];
  let text = '';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const next = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`stream: nothing more within ${timeoutMs} ms; so far: ${JSON.stringify(text)}`)), Math.max(1, deadline - Date.now()))),
    ]);
    if (next.done) return { chunks, text, ended: true };
    const piece = decoder.decode(next.value, { stream: true });
    chunks.push({ at: Date.now(), text: piece });
    text += piece;
    if (enough(text)) {
      await reader.cancel();
      return { chunks, text, ended: false };
    }
  }
}

interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** The events and comments of an event-stream text (complete frames only). */
function parseEvents(text: string): { events: SseEvent[]; comments: string[] } {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const frames = text.split(/\r?\n\r?\n/);
  frames.pop(); // the last one may be incomplete
  for (const frame of frames) {
    const event: SseEvent = { data: '' };
    const data: string[] = [];
    for (const line of frame.split(/\r?\n/)) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('id:')) event.id = line.slice(3).trim();
      else if (line.startsWith('event:')) event.event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) events.push({ ...event, data: data.join('\n') });
  }
  return { events, comments };
}

/**
 * The behaviour of a generated stream endpoint (`--template stream`, with or
 * without `--sse`), checked with real HTTP: chunks arrive over time (not all
 * at the end, not compressed), SSE events carry increasing ids that continue
 * from Last-Event-ID, a heartbeat comment keeps the connection alive, and
 * clients that hang up leave a server that still answers.
 */
export async function checkStreamContract(server: string, path: string, _selfOrigin = server, extra: StreamContractOptions): Promise<void> {
  const url = `${server}${path}`;
  if (!extra.sse) {
    const started = Date.now();
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-encoding')).toBeNull();
    const { chunks, text, ended } = await readChunks(res, () => false);
    expect(ended).toBe(true);
    const lines = text.trim().split('\n');
    expect(lines.map((l) => l.replace(/ at .*/, ''))).toEqual(['chunk 1 of 5', 'chunk 2 of 5', 'chunk 3 of 5', 'chunk 4 of 5', 'chunk 5 of 5']);
    // Streamed: the first chunk arrived long before the last one.
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[chunks.length - 1]!.at - chunks[0]!.at).toBeGreaterThan(800);
    expect(chunks[0]!.at - started).toBeLessThan(1500);
  } else {
    const open = (headers: Record<string, string> = {}, signal?: AbortSignal) => fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal });
    const res = await open();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control') ?? '').toContain('no-cache');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    expect(res.headers.get('content-encoding')).toBeNull();
    const { chunks, text } = await readChunks(res, (t) => parseEvents(t).events.length >= 3);
    const { events } = parseEvents(text);
    expect(events.slice(0, 3).map((e) => e.id)).toEqual(['1', '2', '3']);
    for (const event of events) expect(() => JSON.parse(event.data)).not.toThrow();
    // Events arrive as they happen, about a second apart.
    expect(chunks[chunks.length - 1]!.at - chunks[0]!.at).toBeGreaterThan(1500);

    // A reconnecting EventSource sends the last id it saw: numbering continues after it.
    const resumed = await readChunks(await open({ 'last-event-id': '41' }), (t) => parseEvents(t).events.length >= 2);
    expect(parseEvents(resumed.text).events.slice(0, 2).map((e) => e.id)).toEqual(['42', '43']);
    for (const bogus of ['abc', '-5', '1e3', '9'.repeat(40)]) {
      const again = await readChunks(await open({ 'last-event-id': bogus }), (t) => parseEvents(t).events.length >= 1);
      expect({ bogus, id: parseEvents(again.text).events[0]!.id }).toEqual({ bogus, id: '1' });
    }

    if (extra.heartbeat !== false) {
      const alive = await readChunks(await open(), (t) => parseEvents(t).comments.includes('ping'), 25_000);
      expect(parseEvents(alive.text).comments).toContain('ping');
    }
  }

  // Clients that hang up (abort mid-stream): the server keeps answering.
  for (let i = 0; i < 10; i++) {
    const controller = new AbortController();
    const res = await fetch(url, { signal: controller.signal });
    await res.body!.getReader().read();
    controller.abort();
  }
  const after = await fetch(url);
  expect(after.status).toBe(200);
  await readChunks(after, (t) => t.length > 0);

  // Only GET.
  expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(405);
}

export interface StreamAbuseOptions {
  sse: boolean;
  /** The generated example endpoint. */
  example: string;
  /** The hand-written route with the abuse modes (see streamAbuseRoute in cases.ts). */
  abuse: string;
}

const MB = 1024 * 1024;

/**
 * A client that sends a GET and then reads nothing: its socket stays paused,
 * so the kernel's buffers fill and the server's writes stop being taken.
 */
function silentClient(server: Server, path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: server.port });
    socket.pause();
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAccept: text/event-stream\r\n\r\n`);
      resolve(socket);
    });
  });
}

/** Reads a paused socket from now on for `ms` (or until it closes): the bytes, and whether it closed. */
function drain(socket: Socket, ms: number): Promise<{ bytes: number; closed: boolean }> {
  return new Promise((resolve) => {
    let bytes = 0;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.pause();
      resolve({ bytes, closed });
    };
    const onData = (chunk: Buffer) => (bytes += chunk.length);
    const onClose = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.on('error', () => {});
    socket.resume();
  });
}

/** Reads a fetch body for `ms`: how many bytes arrived. */
async function bytesWithin(res: Response, ms: number): Promise<number> {
  const reader = res.body!.getReader();
  let bytes = 0;
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const next = await reader.read();
    if (next.done) break;
    bytes += next.value.byteLength;
  }
  await reader.cancel();
  return bytes;
}

/**
 * The abuse checks of the stream helper against the production server
 * (issue #12): clients that read nothing for 10 s while producers write as
 * fast as they are let (the server's resident memory grows by less than
 * 20 MB, and the streams are paused, not dropped); a producer that ignores
 * backpressure is cut off at the helper's limit; one that throws breaks its
 * response off without taking the server down; data JSON cannot represent is
 * refused at the call (SSE); once the clients are gone the server is idle and
 * answers.
 */
export async function checkStreamAbuse(server: Server, options: StreamAbuseOptions): Promise<void> {
  const fast = `${options.abuse}?mode=fast`;
  // A client that reads: the producer writes fast (so that one that does not
  // read would hold a lot, were it not for backpressure). Also loads the route.
  const flowed = await bytesWithin(await fetch(`${server.url}${fast}`), 2000);
  expect(flowed, 'bytes a reading client got in 2 s').toBeGreaterThan(20 * MB);
  console.log(`stream abuse ${fast}: a reading client got ${(flowed / MB).toFixed(0)} MB in 2 s`);

  const paths = [fast, fast, options.example];
  const clients: Socket[] = [];
  const { before, peak } = await peakRss(server.pid, async () => {
    for (const path of paths) clients.push(await silentClient(server, path));
    await new Promise((resolve) => setTimeout(resolve, 10_000));
  });
  console.log(`stream abuse ${options.abuse} (${paths.length} clients reading nothing for 10 s): RSS ${(before / MB).toFixed(1)} MB before, ${(peak / MB).toFixed(1)} MB peak`);
  expect(peak - before, 'RSS growth with clients that read nothing').toBeLessThan(20 * MB);
  // Paused, not dropped: reading again, the fast streams flow.
  for (const socket of clients.slice(0, 2)) {
    const resumed = await drain(socket, 500);
    expect(resumed.closed).toBe(false);
    expect(resumed.bytes).toBeGreaterThan(0);
  }
  for (const socket of clients) socket.destroy();

  if (!options.sse) {
    // A producer that writes from a timer without awaiting: ended at the helper's limit.
    let careless!: Socket;
    const cut = await peakRss(server.pid, async () => {
      careless = await silentClient(server, `${options.abuse}?mode=careless`);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    });
    expect(cut.peak - cut.before, 'RSS growth with a producer that does not await').toBeLessThan(20 * MB);
    const rest = await drain(careless, 5000);
    expect(rest.closed, 'the server ended the careless stream').toBe(true);
    expect(rest.bytes).toBeLessThan(16 * MB);
    careless.destroy();
  } else {
    const refused = await readChunks(await fetch(`${server.url}${options.abuse}?mode=refuse`), (t) => parseEvents(t).events.length >= 1);
    expect(JSON.parse(parseEvents(refused.text).events[0]!.data)).toEqual({ refused: ['TypeError', 'TypeError', 'TypeError'] });
  }

  // A producer that throws after its first write: the response breaks off
  // (no clean end, so the client can tell), the error is logged, the server
  // stays up.
  const broken = await fetch(`${server.url}${options.abuse}?mode=throw`);
  expect(broken.status).toBe(200);
  const reader = broken.body!.getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toContain('before');
  const ending = await reader.read().then(
    (next) => ({ next, error: null }),
    (error: unknown) => ({ next: null, error }),
  );
  expect(ending.error, `the body went on: ${JSON.stringify(ending.next)}`).not.toBeNull();
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(server.output()).toContain('abuse: the producer failed');
  const logged = server.output().split('\n').filter((line) => line.includes('abuse: the producer failed'));
  console.log(`stream abuse ${options.abuse}?mode=throw: the server logged ${JSON.stringify(logged)}`);

  // Nothing left running once the clients are gone: the server idles, and answers.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const ticks = groupCpuTicks(server.pid);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idle = groupCpuTicks(server.pid) - ticks;
  console.log(`stream abuse ${options.abuse}: ${idle} CPU ticks in the 2 s after the clients left`);
  expect(idle, 'CPU ticks (1/100 s) in 2 s after the clients left').toBeLessThan(50);
  const after = await fetch(`${server.url}${options.example}`);
  expect(after.status).toBe(200);
  await readChunks(after, (t) => t.length > 0);
}

import { expect } from 'vitest';

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

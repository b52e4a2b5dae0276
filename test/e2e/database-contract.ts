// What every database row of the e2e suite checks beyond the CRUD contract
// (crud-contract.ts), over real HTTP: concurrent writes that lose nothing,
// and a nested resource scoped by its parent's key. databases.test.ts (Drizzle)
// and prisma.test.ts run the same checks, on resources generated with
// `title:string,done:boolean,priority?:number,due?:date` and `todos/[id]/notes`
// with `body:string`.
import { expect } from 'vitest';

export type Json = Record<string, unknown>;

/** What the checks need of a served app: its fetch, by path. */
export interface Live {
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** JSON requests to the app that `live()` serves now (a restart gives another server). */
export function jsonClient(live: () => Live) {
  const send = (method: string, path: string, body?: unknown) =>
    live().fetch(path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const read = async (res: Response) => ({ status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Json });
  const list = async (path: string) => (await read(await live().fetch(path))).body as { items: Json[]; total: number };
  return { send, read, list };
}

/** 50 POSTs at once: every one created, with an id of its own. */
export async function checkConcurrentPosts(live: () => Live, resource: string): Promise<void> {
  const { send, list } = jsonClient(live);
  const before = (await list(`/api/${resource}?limit=1`)).total;
  const posts = await Promise.all(Array.from({ length: 50 }, (_, i) => send('POST', `/api/${resource}`, { title: `concurrent ${i}`, done: i % 2 === 0, priority: i })));
  expect(posts.map((r) => r.status)).toEqual(posts.map(() => 201));
  const ids = await Promise.all(posts.map(async (r) => ((await r.json()) as Json).id));
  expect(new Set(ids.map(String)).size).toBe(50);
  expect((await list(`/api/${resource}?limit=1`)).total).toBe(before + 50);
}

/** 50 PATCHes of one record at once: all 200, the record one whole patched state, and no field lost. */
export async function checkConcurrentPatches(live: () => Live, resource: string): Promise<void> {
  const { send, read } = jsonClient(live);
  const created = await read(await send('POST', `/api/${resource}`, { title: `patched ${resource}`, done: false }));
  expect(created.status).toBe(201);
  const path = `/api/${resource}/${String(created.body.id)}`;
  // Every PATCH sets the same three fields to values of its own: the record ends as one of them, never a mix.
  const whole = await Promise.all(Array.from({ length: 50 }, (_, i) => send('PATCH', path, { title: `state ${i}`, priority: i, done: i % 2 === 0 })));
  expect(whole.map((r) => r.status)).toEqual(whole.map(() => 200));
  const afterWhole = (await read(await live().fetch(path))).body;
  const k = Number(/^state (\d+)$/.exec(String(afterWhole.title))?.[1]);
  expect(afterWhole).toMatchObject({ id: created.body.id, title: `state ${k}`, priority: k, done: k % 2 === 0 });
  // Each PATCH sets one field, the field's one target value: a PATCH that writes back a stale copy of another field loses it.
  const target = { title: 'final state', priority: 777, done: !afterWhole.done, due: '2027-01-02T03:04:05.000Z' };
  const keys = Object.keys(target) as (keyof typeof target)[];
  const single = await Promise.all(Array.from({ length: 50 }, (_, i) => send('PATCH', path, { [keys[i % keys.length]!]: target[keys[i % keys.length]!] })));
  expect(single.map((r) => r.status)).toEqual(single.map(() => 200));
  expect((await read(await live().fetch(path))).body).toMatchObject({ id: created.body.id, ...target });
}

/**
 * Notes under todos: listed, read, changed and deleted only through their own
 * todo; under a todo that does not exist (or an id an integer key cannot be),
 * a 404, never a 500.
 */
export async function checkNestedScoping(live: () => Live, integerParent: boolean): Promise<void> {
  const { send, read, list } = jsonClient(live);
  const todo = async (title: string) => {
    const res = await read(await send('POST', '/api/todos', { title, done: false }));
    expect(res.status).toBe(201);
    return String(res.body.id);
  };
  const [a, b, gone] = [await todo('owner A'), await todo('owner B'), await todo('deleted owner')];
  expect((await send('DELETE', `/api/todos/${gone}`)).status).toBe(204);
  const note = async (todoId: string, body: string) => {
    const res = await send('POST', `/api/todos/${todoId}/notes`, { body });
    const created = await read(res);
    expect(created).toMatchObject({ status: 201, body: { body } });
    expect(res.headers.get('location')).toBe(`/api/todos/${todoId}/notes/${String(created.body.id)}`);
    return String(created.body.id);
  };
  const a1 = await note(a, 'a1');
  await note(a, 'a2');
  const b1 = await note(b, 'b1');
  expect((await list(`/api/todos/${a}/notes`)).items.map((n) => n.body)).toEqual(['a1', 'a2']);
  expect(await list(`/api/todos/${b}/notes`)).toMatchObject({ total: 1, items: [{ body: 'b1' }] });
  // A note read, changed or deleted through another todo's URL does not exist there.
  expect(await read(await live().fetch(`/api/todos/${b}/notes/${a1}`))).toMatchObject({ status: 404, body: { error: expect.stringMatching(/not found/) } });
  expect((await send('PATCH', `/api/todos/${b}/notes/${a1}`, { body: 'stolen' })).status).toBe(404);
  expect((await send('PUT', `/api/todos/${b}/notes/${a1}`, { body: 'stolen' })).status).toBe(404);
  expect((await send('DELETE', `/api/todos/${b}/notes/${a1}`)).status).toBe(404);
  expect((await send('DELETE', `/api/todos/${a}/notes/${b1}`)).status).toBe(404);
  expect(await read(await live().fetch(`/api/todos/${a}/notes/${a1}`))).toMatchObject({ status: 200, body: { id: expect.anything(), body: 'a1' } });
  expect(await read(await live().fetch(`/api/todos/${b}/notes/${b1}`))).toMatchObject({ status: 200, body: { body: 'b1' } });
  expect(await read(await live().fetch(`/api/todos/${a}/notes/no-such-note`))).toMatchObject({ status: 404, body: { error: expect.stringMatching(/not found/) } });
  // A note for a todo that does not exist is refused as not found (the foreign key), not a 500.
  expect(await read(await send('POST', `/api/todos/${gone}/notes`, { body: 'orphan' }))).toMatchObject({ status: 404, body: { error: expect.any(String) } });
  expect(await read(await send('POST', `/api/todos/${a}/notes`, { text: 'wrong field' }))).toMatchObject({ status: 400, body: { fields: { body: 'Required' } } });
  if (integerParent) {
    for (const parent of ['abc', '1.5', '2147483648']) {
      expect((await live().fetch(`/api/todos/${parent}/notes`)).status, `GET under ${parent}`).toBe(404);
      expect((await send('POST', `/api/todos/${parent}/notes`, { body: 'x' })).status, `POST under ${parent}`).toBe(404);
      expect((await live().fetch(`/api/todos/${parent}/notes/${a1}`)).status, `GET ${a1} under ${parent}`).toBe(404);
    }
  }
  // Changed and deleted through its own todo.
  expect(await read(await send('PATCH', `/api/todos/${a}/notes/${a1}`, { body: 'a1 edited' }))).toMatchObject({ status: 200, body: { body: 'a1 edited' } });
  expect((await send('DELETE', `/api/todos/${b}/notes/${b1}`)).status).toBe(204);
  expect((await list(`/api/todos/${b}/notes`)).total).toBe(0);
  expect((await list(`/api/todos/${a}/notes`)).items.map((n) => n.body)).toEqual(['a1 edited', 'a2']);
}

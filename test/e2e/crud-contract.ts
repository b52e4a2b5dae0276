import { expect } from 'vitest';

/**
 * How a resource's records are keyed:
 * - `string`: an opaque string id (the in-memory store's UUIDs, a text primary key);
 * - `integer`: an integer key (serial, identity, SQLite autoincrement), a positive
 *   JSON number or a decimal string of one; any other id in a URL is a 404, never a 500;
 * - `string-or-integer`: either, for a key the generator chose (a table it added):
 *   the first record decides, and every later id must be of the same kind.
 */
export type IdKind = 'string' | 'integer' | 'string-or-integer';

export interface CrudContractOptions {
  /** Default `string`. */
  id?: IdKind;
}

/** Ids that no integer key can match; each must be a JSON 404. */
export const nonIntegerIds = ['no-such-id', '1.5', '-1', '0x10', '1e3', '%20', '2147483648', '9223372036854775808', '99999999999999999999999'];

function expectId(id: unknown, kind: IdKind): void {
  const integer = (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) || (typeof id === 'string' && /^[1-9][0-9]*$/.test(id));
  if (kind === 'integer') expect(integer, `an integer id, got ${JSON.stringify(id)}`).toBe(true);
  else if (kind === 'string') expect(typeof id).toBe('string');
  else expect(integer || (typeof id === 'string' && id.length > 0), `an id, got ${JSON.stringify(id)}`).toBe(true);
}

/**
 * The behaviour design.md promises for a generated CRUD resource, checked with
 * real HTTP against a running server. The resource must have been generated
 * with fields `title:string,done:boolean,priority?:number,due?:date`. In an
 * app that depends on zod or valibot the resource validates with it, and a
 * field of the wrong type gets that library's message instead of ours.
 */
export async function checkCrudContract(server: string, collectionPath: string, validator: 'zod' | 'valibot' | null, selfOrigin = server, options: CrudContractOptions = {}): Promise<void> {
  // Our message for a value of the wrong type, or any message from the app's library.
  const wrongType = (ours: string) => (validator ? expect.any(String) : ours);
  const url = (path = '') => `${server}${collectionPath}${path}`;
  // Browsers send Origin on same-origin writes; SvelteKit's CSRF check expects
  // it to be the origin the app believes it has.
  const headers = { origin: selfOrigin, 'content-type': 'application/json' };
  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    fetch(url(path), { method, headers: { ...headers, ...extra }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const json = async (res: Response) => ({ status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() });

  // An empty list, paginated.
  expect(await json(await fetch(url()))).toMatchObject({ status: 200, body: { items: [], total: 0, limit: 20, offset: 0 } });

  // POST: 201, the record, a Location header.
  const created = await send('POST', '', { title: 'Write tests', done: false, due: '2026-12-01' });
  expect(created.status).toBe(201);
  const todo = (await created.json()) as Record<string, unknown>;
  expect(todo).toMatchObject({ title: 'Write tests', done: false, due: '2026-12-01T00:00:00.000Z' });
  expectId(todo.id, options.id ?? 'string');
  // A key the generator chose: every later id must be of the kind the first one was.
  const idKind: IdKind = options.id === 'string-or-integer' ? (typeof todo.id === 'number' ? 'integer' : 'string') : (options.id ?? 'string');
  expect(created.headers.get('location')).toBe(`${collectionPath}/${todo.id}`);

  // Bad bodies: 400 naming the failing fields, 415 for another content type. Never a 500.
  const malformed = await json(await send('POST', '', '{"title": '));
  expect(malformed.status).toBe(400);
  expect(malformed.type).toContain('application/json');
  expect(malformed.body.error).toMatch(/Malformed JSON/);
  expect((await json(await send('POST', '', '[1,2]'))).status).toBe(400);
  expect((await json(await send('POST', '', 'null'))).status).toBe(400);
  expect(await json(await send('POST', '', { done: true }))).toMatchObject({ status: 400, body: { fields: { title: 'Required' } } });
  expect(await json(await send('POST', '', { title: 1, done: 'yes' }))).toMatchObject({
    status: 400,
    body: { fields: { title: wrongType('Expected a string'), done: wrongType('Expected true or false') } },
  });
  expect(await json(await send('POST', '', { title: 'x', done: true, admin: true }))).toMatchObject({ status: 400, body: { fields: { admin: 'Unknown field' } } });
  expect(await json(await send('POST', '', '{"title":"x","done":true,"__proto__":{"polluted":1}}'))).toMatchObject({ status: 400, body: { fields: { __proto__: 'Unknown field' } } });
  // One date rule in every validator: calendar dates, date-times with an offset, stored in UTC.
  const dateError = { status: 400, body: { fields: { due: expect.stringMatching(/^Expected an ISO 8601 date/) } } };
  for (const due of ['tomorrow', '2026-02-30', '2025-02-29', '2026-13-01', '2026-03-01T10:00', '2026-03-01T10:00:00', '2026-03-01T24:00:00Z', '2026-03-01T10:00:00+25:00', 1]) {
    expect(await json(await send('POST', '', { title: 'x', done: true, due })), `due ${due}`).toMatchObject(dateError);
  }
  for (const [due, stored] of [
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-03-01T10:00:00+02:00', '2026-03-01T08:00:00.000Z'],
    ['2026-03-01T10:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00:00.123456-05:30', '2026-03-01T15:30:00.123Z'],
  ]) {
    const dated = await json(await send('POST', '', { title: 'dated', done: true, due }));
    expect(dated, `due ${due}`).toMatchObject({ status: 201, body: { due: stored } });
    expectId(dated.body.id, idKind);
    await send('DELETE', `/${dated.body.id}`);
  }
  // Finite numbers only: 1e400 parses as Infinity.
  expect((await json(await send('POST', '', '{"title":"x","done":true,"priority":1e400}'))).status).toBe(400);
  // Bytes that are not UTF-8 are refused, not read as U+FFFD.
  const latin1 = await fetch(url(), { method: 'POST', headers, body: new Uint8Array([...Buffer.from('{"title":"caf'), 0xe9, ...Buffer.from('","done":true}')]) });
  expect(await json(latin1)).toMatchObject({ status: 400, body: { error: expect.stringMatching(/UTF-8/) } });
  expect(await json(await send('POST', '', { title: 'x', done: true, priority: 'high' }))).toMatchObject({ status: 400, body: { fields: { priority: wrongType('Expected a finite number') } } });
  expect((await json(await send('POST', '', 'title=x', { 'content-type': 'text/plain' }))).status).toBe(415);
  expect((await json(await send('POST', '', '<todo/>', { 'content-type': 'application/xml' }))).status).toBe(415);
  expect((await send('POST', '', { title: 'x'.repeat(2_000_000), done: true })).status).toBe(413);

  // GET one; unknown ids are a JSON 404.
  expect(await json(await fetch(url(`/${todo.id}`)))).toMatchObject({ status: 200, body: { id: todo.id, title: 'Write tests' } });
  expect(await json(await fetch(url('/no-such-id')))).toMatchObject({ status: 404, body: { error: expect.stringMatching(/not found/) } });
  if (idKind === 'integer') {
    // Integer keys: what is no integer, or one no column type holds, is not found (not a database error).
    for (const id of [...nonIntegerIds, '999999999']) {
      expect(await json(await fetch(url(`/${id}`))), `GET ${id}`).toMatchObject({ status: 404, body: { error: expect.stringMatching(/not found/) } });
    }
    for (const id of ['1.5', '2147483648', 'abc']) {
      expect((await send('PATCH', `/${id}`, { done: true })).status, `PATCH ${id}`).toBe(404);
      expect((await send('PUT', `/${id}`, { title: 'x', done: true })).status, `PUT ${id}`).toBe(404);
      expect((await send('DELETE', `/${id}`)).status, `DELETE ${id}`).toBe(404);
    }
  }

  // PUT replaces: required fields needed, optional ones dropped when absent.
  expect(await json(await send('PUT', `/${todo.id}`, { title: 'Only title' }))).toMatchObject({ status: 400, body: { fields: { done: 'Required' } } });
  const replaced = await json(await send('PUT', `/${todo.id}`, { title: 'Replaced', done: true, priority: 2 }));
  expect(replaced).toMatchObject({ status: 200, body: { id: todo.id, title: 'Replaced', done: true, priority: 2, createdAt: todo.createdAt } });
  expect(replaced.body.due).toBeUndefined();
  expect((await send('PUT', '/no-such-id', { title: 'x', done: true })).status).toBe(404);
  expect((await send('PUT', `/${todo.id}`, 'nope', { 'content-type': 'text/csv' })).status).toBe(415);

  // PATCH with null removes an optional field (JSON Merge Patch); a required one cannot be removed.
  expect(await json(await send('PATCH', `/${todo.id}`, { due: '2026-05-01' }))).toMatchObject({ status: 200, body: { due: '2026-05-01T00:00:00.000Z' } });
  const cleared = await json(await send('PATCH', `/${todo.id}`, { due: null }, { 'content-type': 'application/merge-patch+json' }));
  expect(cleared).toMatchObject({ status: 200, body: { id: todo.id, title: 'Replaced' } });
  expect('due' in cleared.body).toBe(false);
  expect((await json(await fetch(url(`/${todo.id}`)))).body.due).toBeUndefined();
  expect((await json(await send('PATCH', `/${todo.id}`, { title: null }))).status).toBe(400);

  // PATCH merges; types still checked.
  expect(await json(await send('PATCH', `/${todo.id}`, { done: false }))).toMatchObject({ status: 200, body: { title: 'Replaced', done: false, priority: 2 } });
  expect(await json(await send('PATCH', `/${todo.id}`, { priority: '3' }))).toMatchObject({ status: 400, body: { fields: { priority: wrongType('Expected a finite number') } } });
  expect(await json(await send('PATCH', `/${todo.id}`, '{bad'))).toMatchObject({ status: 400 });
  expect((await send('PATCH', '/no-such-id', { done: true })).status).toBe(404);

  // List: equality filters, limit and offset, and 400 for bad query values.
  await send('POST', '', { title: 'Second', done: true });
  await send('POST', '', { title: 'Third', done: true });
  const done = await json(await fetch(url('?done=true')));
  expect(done.status).toBe(200);
  expect(done.body.items.map((t: { title: string }) => t.title)).toEqual(['Second', 'Third']);
  expect((await json(await fetch(url('?done=false')))).body.items.map((t: { title: string }) => t.title)).toEqual(['Replaced']);
  expect((await json(await fetch(url('?title=Third')))).body.total).toBe(1);
  const page = await json(await fetch(url('?limit=1&offset=1')));
  expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
  expect(page.body.items.map((t: { title: string }) => t.title)).toEqual(['Second']);
  expect(await json(await fetch(url('?limit=0')))).toMatchObject({ status: 400, body: { fields: { limit: expect.any(String) } } });
  expect(await json(await fetch(url('?limit=abc&offset=-1')))).toMatchObject({ status: 400, body: { fields: { limit: expect.any(String), offset: expect.any(String) } } });
  expect(await json(await fetch(url('?done=maybe')))).toMatchObject({ status: 400, body: { fields: { done: 'Expected true or false' } } });

  // DELETE: 204 without a body, then 404.
  const deleted = await send('DELETE', `/${todo.id}`);
  expect(deleted.status).toBe(204);
  expect(await deleted.text()).toBe('');
  expect((await fetch(url(`/${todo.id}`))).status).toBe(404);
  expect((await send('DELETE', `/${todo.id}`)).status).toBe(404);

  // A method the route does not export: the framework's own 405.
  expect((await send('DELETE', '')).status).toBe(405);

  // Concurrent writes: none lost.
  const before = (await json(await fetch(url('?limit=1')))).body.total as number;
  const posts = await Promise.all(Array.from({ length: 40 }, (_, i) => send('POST', '', { title: `parallel ${i}`, done: false })));
  expect(posts.map((r) => r.status)).toEqual(posts.map(() => 201));
  for (const post of posts) expectId(((await post.json()) as { id: unknown }).id, idKind);
  expect((await json(await fetch(url('?limit=1')))).body.total).toBe(before + 40);
}

// Case (g) of `npm run bench`: requests per second and p99 latency of the
// generated Drizzle CRUD (list, get, create) on `next start`, against
// hand-written Drizzle route handlers running the same queries in the same
// build and the same server (bench/fixtures/hand-written-drizzle/). See
// bench/README.md.
//
// The app, its PostgreSQL server and its production server come from the
// end-to-end harness (test/e2e/harness/database-app.ts, postgres.ts), the
// same code databases.test.ts runs: imported as TypeScript through
// bench/ts-hooks.mjs, since Node 20 cannot strip types.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const handWritten = join(repo, 'bench', 'fixtures', 'hand-written-drizzle');

export const fields = 'title:string,done:boolean,priority?:number';
/** Rows in the table before the first request: the list's count and sort run over them. */
export const seededRows = 1000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (values) => {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};

/** The run did not do its work (a wrong answer, an error under load): its numbers mean nothing. */
export class CaseError extends Error {}
const fail = (message) => {
  throw new CaseError(message);
};

/**
 * The endpoints measured, each on both sides. `request` gives autocannon's
 * options for a side's path; `status` is the one status every answer must
 * have, and `answers` tells a right body from a wrong one (checked on every
 * response, so a server that answers fast with the wrong thing cannot pass).
 */
function endpoints(ids) {
  const body = JSON.stringify({ title: 'Written by the bench', done: false, priority: 3 });
  return [
    {
      name: 'list',
      status: 200,
      describe: 'GET /api/items?limit=20&offset=100 (a page of 20 and the total: two queries)',
      request: (base) => ({ method: 'GET', path: `${base}?limit=20&offset=100` }),
      answers: (text) => text.startsWith('{"items":[{"id":"') && text.includes(`"total":${seededRows},`),
    },
    {
      name: 'get',
      status: 200,
      describe: `GET /api/items/:id (one row by primary key; the ids of the ${seededRows} seeded rows in turn)`,
      request(base) {
        let i = 0;
        return { method: 'GET', path: `${base}/${ids[0]}`, setupRequest: (req) => ({ ...req, path: `${base}/${ids[i++ % ids.length]}` }) };
      },
      answers: (text) => text.startsWith('{"id":"') && text.includes('"title":"Seeded item '),
    },
    {
      name: 'create',
      status: 201,
      describe: 'POST /api/items (validation, INSERT … RETURNING, 201 with Location)',
      request: (base) => ({ method: 'POST', path: base, headers: { 'content-type': 'application/json' }, body }),
      answers: (text) => text.startsWith('{"id":"') && text.includes('"title":"Written by the bench"'),
    },
  ];
}

const sides = [
  { name: 'generated', base: '/api/items' },
  { name: 'hand-written', base: '/api/items-hand' },
];

/**
 * Runs the case; returns its result for bench/results.json. `cli` is the
 * built bin/create-endpoint.js.
 */
export async function runDatabaseCase({ cli, rounds, warmup, durationS, warmupS, connections, log }) {
  register(new URL('../bench/ts-hooks.mjs', import.meta.url));
  const { createDatabaseApp, ok } = await import('../test/e2e/harness/database-app.ts');
  const { startPostgres } = await import('../test/e2e/harness/postgres.ts');
  const { default: autocannon } = await import('autocannon');

  const setupStarted = Date.now();
  const pg = await startPostgres();
  let app;
  let server;
  try {
    app = await createDatabaseApp('next16-drizzle', { postgres: pg });
    // A new table, as a user without one gets it: the generator adds it to the schema.
    ok('create-endpoint items', await app.app.run(process.execPath, [cli, 'items', '--store', 'drizzle', '--fields', fields, '--yes']));
    for (const [from, to] of [
      ['route.ts.txt', 'src/app/api/items-hand/route.ts'],
      ['id-route.ts.txt', 'src/app/api/items-hand/[id]/route.ts'],
    ]) {
      mkdirSync(dirname(app.app.path(to)), { recursive: true });
      copyFileSync(join(handWritten, from), app.app.path(to));
    }
    await app.push();
    await app.build();
    await pg.psql(
      app.databaseUrl,
      `insert into items (id, title, done, priority, created_at, updated_at)
       select gen_random_uuid()::text, 'Seeded item ' || i, i % 2 = 0, i, now() - (${seededRows} - i) * interval '1 second', now()
       from generate_series(1, ${seededRows}) as i; analyze items`,
    );
    server = await app.start();
    const ids = (await pg.psql(app.databaseUrl, 'select id from items order by created_at, id')).split('\n');
    if (ids.length !== seededRows) fail(`expected ${seededRows} seeded rows, found ${ids.length}`);
    await checkAnswers(server, ids);
    // The records the checks created go: both sides list the seeded rows only.
    await pg.psql(app.databaseUrl, "delete from items where title = 'Checked'");
    log(`  set-up (PostgreSQL ${pg.version}, app, generate, drizzle-kit push, next build, start, ${seededRows} rows, answers checked): ${round((Date.now() - setupStarted) / 1000)} s\n`);

    const results = {};
    let created = 0;
    for (const endpoint of endpoints(ids)) {
      const samples = Object.fromEntries(sides.map((s) => [s.name, []]));
      const started = Date.now();
      log(`  ${endpoint.name}: ${warmup} warm-up + ${rounds} rounds of ${durationS} s, ${connections} connections, alternating ${sides.map((s) => s.name).join(' / ')} `);
      for (let i = -warmup; i < rounds; i++) {
        const warm = i < 0;
        // Each round swaps who goes first, so neither side always follows the other.
        const order = (i & 1) === 0 ? sides : [...sides].reverse();
        for (const side of order) {
          const { path, setupRequest, ...request } = endpoint.request(side.base);
          let wrong = 0;
          let example;
          const cpuBefore = cpuMs(server.pid);
          const result = await autocannon({
            url: `${server.url}${path}`,
            connections,
            duration: warm ? warmupS : durationS,
            ...request,
            requests: [
              {
                ...(setupRequest && { setupRequest }),
                onResponse(status, text) {
                  if (status === endpoint.status && endpoint.answers(text)) return;
                  wrong++;
                  example ??= `${status} ${String(text).slice(0, 200)}`;
                },
              },
            ],
          });
          if (wrong > 0) fail(`${endpoint.name} on ${side.name} (${side.base}): ${wrong} wrong answers, e.g. ${example}`);
          const sample = { ...check(result, endpoint, side), serverCpuUsPerRequest: round((1000 * (cpuMs(server.pid) - cpuBefore)) / result.requests.total) };
          if (endpoint.name === 'create') created += result['2xx'];
          if (!warm) samples[side.name].push(sample);
          await sleep(250);
        }
        log('.');
      }
      log(` ${round((Date.now() - started) / 1000)} s\n`);
      const contenders = Object.fromEntries(
        Object.entries(samples).map(([name, s]) => [
          name,
          {
            rounds: s.length,
            medianRps: round(median(s.map((x) => x.rps))),
            minRps: round(Math.min(...s.map((x) => x.rps))),
            maxRps: round(Math.max(...s.map((x) => x.rps))),
            medianP99Ms: round(median(s.map((x) => x.p99Ms)), 2),
            minP99Ms: round(Math.min(...s.map((x) => x.p99Ms)), 2),
            maxP99Ms: round(Math.max(...s.map((x) => x.p99Ms)), 2),
            medianServerCpuUs: round(median(s.map((x) => x.serverCpuUsPerRequest))),
            samples: s,
          },
        ]),
      );
      const gen = contenders.generated;
      const hand = contenders['hand-written'];
      // The two runs of a round are back to back: their ratio cancels the drift
      // of a shared machine (other jobs come and go between rounds), and the
      // median of the rounds' ratios is the case's.
      const paired = (key) => round(median(gen.samples.map((g, i) => g[key] / hand.samples[i][key])), 3);
      results[endpoint.name] = {
        request: endpoint.describe,
        contenders,
        rpsRatio: paired('rps'),
        p99Ratio: paired('p99Ms'),
        ratiosOfMedians: { rps: round(gen.medianRps / hand.medianRps, 3), p99: round(gen.medianP99Ms / hand.medianP99Ms, 3), serverCpu: round(gen.medianServerCpuUs / hand.medianServerCpuUs, 3) },
      };
    }
    // Every 201 counted was a row written.
    const rows = Number(await pg.psql(app.databaseUrl, 'select count(*) from items'));
    if (rows < seededRows + created) fail(`the creates answered 201 ${created} times, but the table has ${rows - seededRows} new rows`);
    return { postgres: pg.version, results };
  } finally {
    await server?.stop();
    await app?.remove();
    await pg.stop();
  }
}

/**
 * CPU time (user + system, ms) the server process has used so far: with the
 * requests it answered, what a request costs the server whether or not other
 * jobs of the machine kept it waiting.
 */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

/** One load run: req/s and p99, or a failure when any answer was not the expected status. */
function check(result, endpoint, side) {
  const statuses = Object.keys(result.statusCodeStats ?? {});
  const what = `${endpoint.name} on ${side.name} (${side.base})`;
  if (result.errors || result.timeouts || result.non2xx || result.resets) {
    fail(`${what}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers, ${result.resets} resets (statuses ${statuses.join(', ')})`);
  }
  if (statuses.some((s) => Number(s) !== endpoint.status)) fail(`${what}: answered ${statuses.join(', ')}, expected only ${endpoint.status}`);
  if (result['2xx'] === 0) fail(`${what}: no request completed`);
  return { rps: round(result.requests.average), p99Ms: result.latency.p99, requests: result['2xx'] };
}

/**
 * Both sides answer the contract before any load: the same page in the same
 * order with the same total, the same record, 201 with a Location, 400 for a
 * body that fails validation, 415 for another content type, 404 for an
 * unknown id. A server that answers errors fast cannot pass.
 */
async function checkAnswers(server, ids) {
  const json = async (res, status, what) => {
    if (res.status !== status) fail(`${what}: status ${res.status}, expected ${status}: ${await res.text()}`);
    return res.json();
  };
  const pages = [];
  for (const side of sides) {
    const page = await json(await server.fetch(`${side.base}?limit=20&offset=100`), 200, `list on ${side.name}`);
    if (page.total !== seededRows || page.items?.length !== 20) fail(`list on ${side.name}: total ${page.total}, ${page.items?.length} items; expected ${seededRows} and 20`);
    pages.push(page.items.map((item) => item.id).join());
    const item = await json(await server.fetch(`${side.base}/${ids[7]}`), 200, `get on ${side.name}`);
    if (item.id !== ids[7] || item.title !== 'Seeded item 8') fail(`get on ${side.name}: ${JSON.stringify(item)}`);
    await json(await server.fetch(`${side.base}/no-such-id`), 404, `get of an unknown id on ${side.name}`);
  }
  if (pages[0] !== pages[1]) fail('list: the generated and the hand-written endpoints answer different pages');
  for (const side of sides) {
    const post = (body, type = 'application/json') => server.fetch(side.base, { method: 'POST', headers: { 'content-type': type }, body });
    const created = await json(await post(JSON.stringify({ title: 'Checked', done: true })), 201, `create on ${side.name}`);
    if (created.title !== 'Checked' || created.done !== true || typeof created.id !== 'string') fail(`create on ${side.name}: ${JSON.stringify(created)}`);
    await json(await post(JSON.stringify({ done: 'yes', extra: 1 })), 400, `create of an invalid item on ${side.name}`);
    await json(await post('title=x', 'text/plain'), 415, `create with another content type on ${side.name}`);
    await json(await server.fetch(`${side.base}/${created.id}`), 200, `get of the created item on ${side.name}`);
  }
}

// The webhook template's delivery ledger on the project's database (issue #14),
// proved on the real database apps: sv-drizzle (SvelteKit, libsql, a file in
// the app) and next16-drizzle (Next.js, postgres.js on a throwaway PostgreSQL
// server). In each app, as a user would: `create-endpoint webhooks --template
// webhook` (Drizzle detected), the app's own `drizzle-kit push`, its checks,
// one build, and TWO production servers on the same database: two instances
// of the app. Then the same signed delivery, 20 copies at once, half to each
// server: its handler runs once in all (one log line across both servers'
// output), the others are told to retry (409) or that it is a duplicate, and
// the row of the delivery is handled.
//
//   E2E_DATABASE_APPS=sv-drizzle   one app (default: every row but next16-pglite)
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { handledLine, newWebhookSecret, occurrences, sampleEvent, sign, webhookServerEnv, type Signed } from './contracts/webhook.js';
import { createDatabaseApp, databaseAppNames, databaseAppsOfRun, databaseRowInfo, inProcessDatabase, ok, postgresForApps, type DatabaseApp } from './harness/database-app.js';
import type { Server } from './harness/index.js';

// Two instances on one database: not PGlite, whose folder one process opens at a time.
const apps = databaseAppsOfRun(databaseAppNames.filter((name) => !inProcessDatabase(databaseRowInfo(name))));

const postgres = postgresForApps(apps);

// Always run, so that E2E_DATABASE_APPS=next16-pglite alone still leaves this file a test: the rows of
// the run are those asked for, less exactly the in-process ones (PGlite: one process opens its folder).
it('runs every row of E2E_DATABASE_APPS whose database two servers can share, and only those', () => {
  const asked = databaseAppsOfRun();
  expect(apps).toEqual(asked.filter((name) => !inProcessDatabase(databaseRowInfo(name))));
  for (const name of apps) expect(databaseRowInfo(name).driver).not.toBe('pglite');
});

for (const name of apps) {
  describe(`${name}: the webhook delivery ledger`, () => {
    let db: DatabaseApp | undefined;
    const servers: Server[] = [];
    const secret = newWebhookSecret('standard');
    const need = <T>(value: T | undefined, what: string): T => {
      if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
      return value;
    };

    beforeAll(async () => {
      db = await createDatabaseApp(name, { postgres: postgres() });
    });
    afterAll(async () => {
      await db?.remove();
    });

    it('generates a webhook whose ledger is a table of the schema, and pushes it with the app\'s drizzle-kit', async () => {
      const d = need(db, 'the app');
      const run = await runCli(['webhooks', '--template', 'webhook', '--yes'], { cwd: d.app.dir });
      ok('create-endpoint webhooks', run);
      expect(run.stdout).toContain(`Delivery ledger: Drizzle (${d.info.dialect})`);
      expect(run.stdout).toContain('Next: create the table webhookDeliveries in the database: npx drizzle-kit push');
      expect(await d.app.readFile(d.info.schemaFile)).toContain('export const webhookDeliveries = ');
      await d.push();
      const sql =
        d.info.dialect === 'sqlite'
          ? "select name from pragma_table_info('webhook_deliveries') order by cid"
          : "select column_name as name from information_schema.columns where table_name = 'webhook_deliveries' order by ordinal_position";
      expect((await d.query(sql)).map((row) => row.name)).toEqual(['id', 'state', 'claimed_at', 'handled_at']);
    });

    it.runIf(name === 'sv-drizzle')("passes the app's own check (svelte-kit sync && svelte-check)", async () => {
      ok('npm run check', await need(db, 'the app').app.script('check'));
    });

    it("passes the app's own lint", async () => {
      ok('npm run lint', await need(db, 'the app').app.script('lint'));
    });

    it('builds once and starts two production servers on the same database', async () => {
      const d = need(db, 'the app');
      await d.build();
      const env = webhookServerEnv({ provider: 'standard', secret });
      servers.push(await d.start(env), await d.start(env));
    });

    it('one delivery, 20 copies at once, half to each server: its handler runs once in all', async () => {
      const d = need(db, 'the app');
      expect(servers).toHaveLength(2);
      const post = (server: Server, signed: Signed) => fetch(`${server.url}/api/webhooks`, { method: 'POST', headers: signed.headers, body: signed.body });
      const output = () => servers.map((s) => s.output()).join('\n');
      // Warm both servers up: 10 concurrent deliveries of a type no handler runs for to each (its first requests load the
      // route and open database connections), so that the copies below reach both at once.
      const warm = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => (await post(servers[i % 2]!, sign('standard', secret, sampleEvent('standard', 'something.else')))).status),
      );
      expect(warm).toEqual(warm.map(() => 200));
      const busy = '409 {"error":"This delivery is being handled"}';
      const handled = '200 {"received":true}';
      const duplicate = '200 {"received":true,"duplicate":true}';
      const bursts: string[] = [];
      // Copies that came to the other server while the handler ran (a 409 there) prove the two instances raced for
      // the delivery, which a burst that came after it was handled would not: bursts until one has them, at most 20.
      let raced = false;
      for (let burst = 1; burst <= 20 && !raced; burst++) {
        const marker = 100_000 + Math.floor(Math.random() * 900_000);
        const line = handledLine('standard', marker);
        const copy = sign('standard', secret, sampleEvent('standard', undefined, marker));
        const answers = await Promise.all(
          Array.from({ length: 20 }, async (_, i) => {
            const response = await post(servers[i % 2]!, copy);
            return { server: i % 2, answer: `${response.status} ${await response.text()}` };
          }),
        );
        const tally = Object.fromEntries([...new Set(answers.map((a) => a.answer))].map((answer) => [answer, answers.filter((a) => a.answer === answer).length]));
        expect(tally[handled], JSON.stringify(tally)).toBe(1);
        for (const { answer } of answers) expect([handled, busy, duplicate], `${answer}\n${output().slice(-4000)}`).toContain(answer);
        // Each server's output reaches us through a pipe: wait for the line, then a little longer for any second one.
        for (let waited = 0; occurrences(output(), line) === 0 && waited < 5000; waited += 50) await sleep(50);
        await sleep(300);
        const runs = servers.map((s) => occurrences(s.output(), line));
        expect(runs[0]! + runs[1]!, `burst ${burst}: the handler's log line "${line}" on the two servers: ${runs.join(' + ')}`).toBe(1);
        // The delivery is recorded as handled in the shared table (keyed by the endpoint and the delivery id): both servers now call it a duplicate.
        const id = `/api/webhooks:${copy.headers['webhook-id']!}`;
        expect(await d.query(`select state from webhook_deliveries where id = '${id}'`)).toEqual([{ state: 'handled' }]);
        for (const server of servers) {
          const later = await post(server, copy);
          expect([later.status, await later.json()]).toEqual([200, { received: true, duplicate: true }]);
        }
        const handledBy = answers.find((a) => a.answer === handled)!.server;
        const busyOnOther = answers.filter((a) => a.answer === busy && a.server !== handledBy).length;
        raced = busyOnOther > 0;
        bursts.push(`burst ${burst}: ${tally[busy] ?? 0} copies came while it ran (409), ${busyOnOther} of them on the other server; the handler ran ${runs[0]! + runs[1]!} time(s)`);
      }
      console.info(`${name}, two servers on one database: 20 concurrent copies of one delivery, ${bursts.join('; ')}`);
      expect(raced, 'no burst had copies that came to the other server while the handler ran').toBe(true);
    });
  });
}

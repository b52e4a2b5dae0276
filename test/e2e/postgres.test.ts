// The throwaway PostgreSQL server the database tests run against
// (harness/postgres.ts): a real server from Debian's package, on 127.0.0.1 and a
// free port, one database per call, and nothing left running or on disk after stop().
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from './harness/postgres.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Processes whose parent is `pid` (the postmaster's backends and workers). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // The fields after the parenthesised command name: state, ppid, …
        return readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('throwaway PostgreSQL server', () => {
  let pg: PostgresServer;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  it('answers SQL on its own databases through their URLs, each database separate', async () => {
    const shop = await pg.createDatabase('shop');
    const blog = await pg.createDatabase('blog');
    expect(shop).toBe(`postgres://postgres@127.0.0.1:${pg.port}/shop`);
    expect(blog).toBe(`postgres://postgres@127.0.0.1:${pg.port}/blog`);
    await pg.psql(shop, "create table item (id serial primary key, name text not null unique); insert into item (name) values ('pen'), ('ink')");
    expect(await pg.psql(shop, 'select name from item order by id')).toBe('pen\nink');
    await expect(pg.psql(shop, "insert into item (name) values ('pen')")).rejects.toThrow(/duplicate key value violates unique constraint/);
    await expect(pg.psql(blog, 'select * from item')).rejects.toThrow(/relation "item" does not exist/);
    expect(await pg.psql(shop, 'select current_database()')).toBe('shop');
  });

  it('listens on 127.0.0.1 only, runs as the postgres user, refuses bad database names', async () => {
    expect(await pg.psql('postgres', 'show listen_addresses')).toBe('127.0.0.1');
    expect(await pg.psql('postgres', 'show port')).toBe(String(pg.port));
    expect(Number(await pg.psql('postgres', "select current_setting('server_version_num')"))).toBeGreaterThanOrEqual(Number(pg.version) * 10_000);
    if (process.getuid?.() === 0) {
      const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pg.pid}/status`, 'utf8'))?.[1];
      const postgresUid = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'))?.split(':')[2];
      expect(uid).toBe(postgresUid);
    }
    await expect(pg.createDatabase('x; drop database postgres')).rejects.toThrow(/Not a plain database name/);
  });
});

describe('stopping', () => {
  it('leaves no server process, no listening port and no folder, and may be called twice', async () => {
    const pg = await startPostgres();
    let children: number[] = [];
    try {
      const url = await pg.createDatabase('gone');
      // An open connection must not keep the server up.
      const holding = pg.psql(url, 'select pg_sleep(30)').catch((error: unknown) => error);
      await new Promise((r) => setTimeout(r, 300));
      expect(alive(pg.pid)).toBe(true);
      expect(await accepts(pg.port)).toBe(true);
      children = childrenOf(pg.pid);
      expect(children.length).toBeGreaterThan(1);
      await pg.stop();
      expect(await holding).toBeInstanceOf(Error);
    } finally {
      await pg.stop();
    }
    expect(alive(pg.pid)).toBe(false);
    expect(await accepts(pg.port)).toBe(false);
    expect(existsSync(pg.dir)).toBe(false);
    // No backend or worker of that server survived its postmaster.
    expect(children.filter(alive)).toEqual([]);
  });
});

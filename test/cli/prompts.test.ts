// Prompts appear only on a TTY: these runs give the CLI a real pseudo-terminal
// (Python's pty module) and type into it as a person would.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binPath, nextPackageJson, snapshotTree, tempProject } from './run-cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

interface Session {
  /** Resolves when the screen has shown `text`. */
  waitFor(text: string | RegExp): Promise<void>;
  type(keys: string): void;
  exit: Promise<number>;
  screen(): string;
}

function runOnTty(args: string[], cwd: string): Session {
  // A new pty has no size: stty gives it one, so prompts are not wrapped to one column.
  const pty = 'import os, pty, sys\nstatus = pty.spawn(sys.argv[1:])\nsys.exit(os.waitstatus_to_exitcode(status))';
  const command = ['sh', '-c', 'stty cols 120 rows 40; exec "$0" "$@"', process.execPath, binPath, ...args];
  const env = { ...process.env, TERM: 'xterm', COLUMNS: '100', LINES: '40' } as NodeJS.ProcessEnv;
  delete env.CI;
  const child = spawn('python3', ['-c', pty, ...command], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const waiters: { test: (s: string) => boolean; resolve: () => void }[] = [];
  child.stdout.on('data', (d) => {
    output += String(d).replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    for (const w of [...waiters]) if (w.test(output)) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
  });
  const exit = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return {
    waitFor(text) {
      const test = (s: string) => (typeof text === 'string' ? s.includes(text) : text.test(s));
      if (test(output)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiters.push({ test, resolve });
        setTimeout(() => reject(new Error(`never saw ${text}; screen:\n${output}`)), 20_000);
      });
    },
    type: (keys) => child.stdin.write(keys),
    exit,
    screen: () => output,
  };
}

describe('prompts on a TTY', () => {
  it('asks for what the flags left open and writes the answer', async () => {
    const { dir, cleanup } = tempProject({ 'package.json': nextPackageJson, 'tsconfig.json': '{}' });
    cleanups.push(cleanup);
    const session = runOnTty([], dir);
    await session.waitFor('Which resource?');
    session.type('../x\r');
    // A bad resource is refused at its own question.
    await session.waitFor('would leave the routes folder');
    session.type('\x7f\x7f\x7f\x7fnotes\r');
    await session.waitFor('What should the endpoint do?');
    session.type('\r');
    await session.waitFor('Fields?');
    session.type('body:string,pinned?:boolean\r');
    await session.waitFor('Which methods?');
    session.type('\r');
    expect(await session.exit).toBe(0);
    expect(existsSync(join(dir, 'app/api/notes/[id]/route.ts'))).toBe(true);
    expect(session.screen()).toContain('created');
    expect(session.screen()).toContain("To run this again without prompts: npx create-endpoint notes --style next --fields 'body:string,pinned?:boolean' --methods GET,POST,PUT,PATCH,DELETE");
  });

  it('Ctrl-C cancels cleanly: exit 130, nothing written', async () => {
    const { dir, cleanup } = tempProject({ 'package.json': nextPackageJson });
    cleanups.push(cleanup);
    const before = snapshotTree(dir);
    const session = runOnTty(['todos'], dir);
    await session.waitFor('What should the endpoint do?');
    session.type('\r');
    await session.waitFor('Fields?');
    session.type('\x03');
    expect(await session.exit).toBe(130);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('never prompts with --yes, even on a TTY', async () => {
    const { dir, cleanup } = tempProject({ 'package.json': nextPackageJson });
    cleanups.push(cleanup);
    const session = runOnTty(['todos', '--yes'], dir);
    expect(await session.exit).toBe(0);
    expect(session.screen()).not.toContain('Fields?');
    expect(existsSync(join(dir, 'app/api/todos/route.ts'))).toBe(true);
  });
});

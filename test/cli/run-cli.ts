import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { afterEach } from 'vitest';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const binPath = fileURLToPath(new URL('../../bin/create-endpoint.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would: a child process, no TTY, CI unset unless given. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, CI: undefined, FORCE_COLOR: '0', ...options.env } as NodeJS.ProcessEnv;
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(process.execPath, [binPath, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A temporary project folder with the given files; removed by the returned function. */
export function tempProject(files: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'create-endpoint-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For a test file: a function that makes a temporary project with the given
 * files (plus `defaults`) and removes it after each test.
 */
export function useTempProjects(defaults: Record<string, string> = {}): (files: Record<string, string>) => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!();
  });
  return (files) => {
    const p = tempProject({ ...defaults, ...files });
    cleanups.push(p.cleanup);
    return p.dir;
  };
}

/** Every file under a folder with its content: to prove a run wrote nothing. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

export const nextPackageJson = JSON.stringify({ name: 'app', private: true, dependencies: { next: '16.4.6', react: '19.2.0' }, devDependencies: { typescript: '~6.0.0' } });
export const sveltekitPackageJson = JSON.stringify({
  name: 'app',
  private: true,
  type: 'module',
  imports: { '#lib': './src/lib/index.ts', '#lib/*': './src/lib/*' },
  devDependencies: { '@sveltejs/kit': '^3.2.0', typescript: '~6.0.0' },
});

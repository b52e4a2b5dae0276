// The CLI's own entry point, main() (src/cli.ts: commander, the commands, the
// one place errors become messages and exit codes), run in this process in a
// project folder: for the bad-input tables, which would otherwise be one child
// process each. The built CLI in a child process (test/cli) keeps what needs
// one: the bin, prompts on a terminal, the views of one plan.
import { tmpdir } from 'node:os';
import { vi } from 'vitest';
import { main } from '../../src/cli.js';
import { formatFile } from '../../src/render/format.js';
import type { CliResult } from '../cli/run-cli.js';

/** Runs `create-endpoint …args` in process with `dir` as the working directory; never prompts (CI set). */
export async function runMain(args: string[], dir: string): Promise<CliResult> {
  // Under vitest the sources run as TypeScript, so add's Prettier worker (a built .js file) cannot
  // start: formatting once first loads Prettier in this thread, and every run then formats with it.
  await formatFile('const warm = 1\n', tmpdir(), 'warm.ts');
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const cwd = process.cwd();
  const ci = process.env.CI;
  process.env.CI = 'true';
  process.chdir(dir);
  try {
    const code = await main(['node', 'create-endpoint', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    out.mockRestore();
    err.mockRestore();
  }
}

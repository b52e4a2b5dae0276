/**
 * Prompts only when a person is there to answer: both ends a TTY, no --yes,
 * no --json and no CI. Otherwise a missing value is a usage error, never a hang.
 */
export function canPrompt(flags: { yes?: boolean; json?: boolean }): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY && !flags.yes && !flags.json && !isCi());
}

function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

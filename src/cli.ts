import type * as Commander from 'commander';
import { Command, CommanderError, Option } from 'commander';
import { defaults } from './core/defaults.js';
import { frameworkNames } from './frameworks/index.js';
import { templateNames, templates, type TemplateEntry } from './generators/registry.js';
import { CliError, ExitCode } from './util/errors.js';
import { createLogger, type Logger } from './util/logger.js';
import { version } from './util/version.js';

/** Runs the CLI and returns its exit code; the only place errors become messages and exit codes. */
export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const logger = createLogger({ quiet: json });
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(logger, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return handleError(error, logger, json);
  }
}

function handleError(error: unknown, logger: Logger, json: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help) on stderr.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.ok;
    if (json) logger.out(JSON.stringify({ ok: false, error: { message: error.message.replace(/^error: /, ''), exitCode: ExitCode.usage } }, null, 2));
    return ExitCode.usage;
  }
  const cliError = error instanceof CliError ? error : undefined;
  const exitCode = cliError?.exitCode ?? ExitCode.failed;
  const message = cliError ? cliError.message : `Unexpected error: ${(error as Error)?.stack ?? String(error)}`;
  if (json) {
    logger.out(JSON.stringify({ ok: false, error: { message, hint: cliError?.hint, exitCode } }, null, 2));
  } else if (exitCode !== ExitCode.cancelled) {
    logger.error(message);
    // Beside the error, on stderr: stdout stays for what a run produces.
    if (cliError?.hint) logger.hint(cliError.hint);
  }
  return exitCode;
}

function buildProgram(logger: Logger, setExitCode: (code: number) => void): Commander.Command {
  const program = new Command('create-endpoint')
    .description('Generate API endpoints into a Next.js (App Router) or SvelteKit project.')
    .version(version, '-v, --version')
    .exitOverride()
    // Options after a subcommand belong to it: `add … --dry-run` must not be taken by the program.
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  program
    .argument('[resource...]', 'route paths below the base: todos, admin/users, orgs/[orgId]/members')
    .addOption(new Option('-s, --style <style>', 'framework (detected from package.json when omitted)').choices(frameworkNames))
    .addOption(new Option('-t, --template <template>', `what to generate (default: ${defaults.template})`).choices(templateNames));
  // The default template's own options beside --template; the other templates' after the options of every run.
  addTemplateOptions(program, 'generate', (entry) => entry.name === defaults.template);
  program
    .option('-m, --methods <list>', 'a subset of the methods, e.g. GET,POST')
    .option('--base <path>', 'URL prefix ("" for none)', defaults.base)
    .option('--param <name>', 'item parameter name', defaults.param)
    .option('--singular <word>', "the resource's singular, where inflection gets it wrong (one resource)")
    .addOption(new Option('--lang <lang>', 'the language to write (detected when omitted)').choices(['ts', 'js']));
  addAuthOptions(program);
  addTemplateOptions(program, 'generate', (entry) => entry.name !== defaults.template);
  addOutputOptions(program);
  program.action(async (resources: string[], flags) => {
    const { generateCommand } = await import('./commands/generate.js');
    setExitCode(await generateCommand(resources, flags, logger));
  });

  const add = program
    .command('add')
    .description('add method exports to an existing route file, keeping every byte of it')
    .argument('<route>', 'a route file (app/api/todos/route.ts) or a URL path (/api/todos/[id])')
    .argument('<methods...>', 'methods to add: GET POST PUT PATCH DELETE HEAD OPTIONS (and fallback in SvelteKit)')
    .addOption(new Option('-s, --style <style>', 'framework (from the file name or package.json when omitted)').choices(frameworkNames))
    .addOption(new Option('-t, --template <template>', 'take the bodies from this template (default: CRUD on generated resources, else a 501 placeholder)').choices(templateNames));
  addTemplateOptions(add, 'add', () => true);
  addAuthOptions(add);
  addOutputOptions(add);
  add.action(async (route: string, methods: string[], flags) => {
    const { addCommand } = await import('./commands/add.js');
    setExitCode(await addCommand(route, methods, flags, logger));
  });

  program
    .command('list')
    .description("print the project's route table: methods, URL path and file of every route file")
    .addOption(new Option('-s, --style <style>', 'framework (detected from package.json when omitted)').choices(frameworkNames))
    .option('--cwd <dir>', 'project root (default: nearest package.json)')
    .option('--json', 'print the table as JSON')
    .action(async (flags) => {
      const { listCommand } = await import('./commands/list.js');
      setExitCode(await listCommand(flags, logger));
    });

  const eject = program
    .command('eject')
    .description('copy built-in templates into .create-endpoint/templates, where they override the built-in ones')
    .argument('[template...]', 'templates to copy (default: all)');
  addOutputOptions(eject);
  eject.action(async (names: string[], flags) => {
    const { ejectCommand } = await import('./commands/eject.js');
    setExitCode(await ejectCommand(names, flags, logger));
  });
  return program;
}

/** The own options of the templates `which` picks, from their registry entries: the same flags on the default command and `add` (unless generate-only). */
function addTemplateOptions(command: Commander.Command, which: 'generate' | 'add', picks: (entry: TemplateEntry) => boolean): void {
  for (const spec of templates.filter(picks).flatMap((entry) => Object.values(entry.options))) {
    if (which === 'add' && spec.generateOnly) continue;
    const option = new Option(spec.flags, (which === 'add' ? spec.addDescription : undefined) ?? spec.description);
    if (spec.choices) option.choices(spec.choices);
    if (spec.default !== undefined) option.default(spec.default);
    command.addOption(option);
  }
}

/** `--auth`/`--role`: every template but webhook takes them (model/auth.ts parses them). */
function addAuthOptions(command: Commander.Command): void {
  command
    .option('--auth [spec]', 'guard the handlers: 401 without a signed-in user; a provider (better-auth, authjs, clerk, supabase, locals; detected when omitted) and/or writes (GET and HEAD stay public)')
    .option('--role <name>', 'with --auth: 403 unless the signed-in user has this role');
}

function addOutputOptions(command: Commander.Command): void {
  command
    .option('--cwd <dir>', 'project root (default: nearest package.json)')
    .option('--dry-run', 'print the planned changes as a unified diff; write nothing')
    .option('--check', 'write nothing; exit 1 when the run would change any file')
    .option('--force', 'overwrite generated files that differ (never an existing handler)')
    .option('-y, --yes', 'never prompt: take defaults for what flags leave open')
    .option('--json', 'print one JSON document: every file with its action, and any problems')
    .option('--no-format', 'do not run Prettier on the written files');
}

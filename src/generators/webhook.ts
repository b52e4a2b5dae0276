import type { Generator, GeneratorInput, WebhookProvider } from './generator.js';
import type { RenderedFile } from './rendered.js';
import { siblingSpecifier } from '../frameworks/imports.js';
import { apiUtilsFile, apiUtilsModule, bodyLimitNotes } from './api-utils.js';
import { webhookProviders } from './registry.js';
import { renderRoute, testFileBeside } from './route-renderer.js';
import { serverModuleFile } from './server-module.js';
import { sveltekitEnvFile, type EnvVariable } from './webhook-env.js';
import { ledgerModuleFile, ledgerNotes, renderLedgerFiles, resolveLedger, type ResolvedLedger } from './webhook-ledger.js';

/** The environment variable that holds each provider's signing secret. */
export const webhookSecretEnv: Record<WebhookProvider, string> = {
  standard: 'WEBHOOK_SECRET',
  stripe: 'STRIPE_WEBHOOK_SECRET',
  github: 'GITHUB_WEBHOOK_SECRET',
};

/**
 * GitHub signs each delivery with one secret: while it is being changed, the
 * endpoint also accepts the previous one, from this optional variable.
 */
export const githubPreviousSecretEnv = 'GITHUB_WEBHOOK_SECRET_PREVIOUS';

const providerLabel: Record<WebhookProvider, string> = {
  standard: 'Standard Webhooks',
  stripe: 'Stripe',
  github: 'GitHub',
};

/** The variables a provider's endpoint reads, as SvelteKit 3 env declarations. */
function secretVariables(provider: WebhookProvider): EnvVariable[] {
  const description = {
    standard: 'Standard Webhooks signing secret (whsec_...)',
    stripe: 'Stripe webhook signing secret (whsec_...)',
    github: 'GitHub webhook secret',
  }[provider];
  const variables: EnvVariable[] = [{ name: webhookSecretEnv[provider], description }];
  if (provider === 'github') {
    variables.push({ name: githubPreviousSecretEnv, description: 'The previous GitHub webhook secret', optional: 'set only while the secret is being changed.' });
  }
  return variables;
}

/** Every webhook variable: a new src/env.ts declares them all, so a later run for another provider changes nothing. */
const allSecretVariables = () => webhookProviders.flatMap(secretVariables);

/**
 * Where the route reads its secret: process.env in Next.js, $env/dynamic/private
 * in SvelteKit 2, and in SvelteKit 3 (which dropped dynamic env access) a
 * variable declared in src/env.ts and imported from $app/env/private.
 */
function secretSource(input: GeneratorInput): 'process' | 'dynamic' | 'declared' {
  return input.style.secretSource(input.project);
}

export const webhookGenerator: Generator = {
  allowedMethods: () => ['POST'],
  defaultMethods: () => ['POST'],
  render: renderWebhook,
  notes: webhookNotes,
};

/**
 * A POST endpoint that verifies the provider's signature over the raw body
 * before it parses anything, then dispatches the event on its type. The
 * verification lives in helper modules (one shared, one per provider) so the
 * route keeps only what a user edits: the cases of the switch.
 */
async function renderWebhook(input: GeneratorInput): Promise<RenderedFile[]> {
  const { project, style, resource, templates, provider } = input;
  const sharedFile = serverModuleFile(input, 'webhooks');
  const providerFile = serverModuleFile(input, `webhook-${provider}`);
  // The body reader and error helper of every generated endpoint.
  const utilsFile = apiUtilsFile(input);
  const routePath = resource.collectionFile;

  const envVar = webhookSecretEnv[provider];
  const source = secretSource(input);
  const routeFile = await renderRoute(input, {
    template: 'webhook',
    path: routePath,
    params: resource.parentParams,
    partials: [{ method: 'POST', file: `${provider}.POST.ejs` }],
    locals: ({ from, module }) => ({
      provider,
      envVar,
      endpoint: resource.collectionUrl,
      previousEnvVar: githubPreviousSecretEnv,
      /** The expression that reads an environment variable, the endpoint's secret by default. */
      secret: (name: string = envVar) => {
        if (source === 'declared') return module('$app/env/private')(name);
        if (source === 'dynamic') return `${module('$env/dynamic/private')('env')}.${name}`;
        return `process.env.${name}`;
      },
      shared: from(sharedFile),
      utils: from(utilsFile),
      lib: from(providerFile),
    }),
  });

  const ledger = await resolveLedger(input);
  resolvedLedgers.set(input.resource, ledger);
  const files: RenderedFile[] = [
    routeFile,
    {
      kind: 'module',
      path: sharedFile,
      text: await templates.render('webhook/webhooks.ts.ejs', {
        project,
        utils: siblingSpecifier(project, sharedFile, utilsFile),
        ledger: ledger.kind === 'drizzle' ? siblingSpecifier(project, sharedFile, ledgerModuleFile(input)) : null,
      }),
      ...(ledger.kind === 'drizzle' ? { requires: [ledgerModuleFile(input), ...(ledger.schemaInsert ? [ledger.setup.schemaFile] : [])] } : {}),
    },
    await apiUtilsModule(input),
    {
      kind: 'module',
      path: providerFile,
      text: await templates.render(`webhook/${provider}.ts.ejs`, {
        project,
        shared: style.importSpecifier(project, providerFile, sharedFile),
      }),
    },
  ];
  if (source === 'declared') {
    const env = sveltekitEnvFile(project, secretVariables(provider), allSecretVariables());
    if (env.file) files.push(env.file);
  }
  if (ledger.kind === 'drizzle') {
    files.push(...(await renderLedgerFiles(input, ledger, sharedFile)));
    return files;
  }
  files.push(...(await testFileBeside(input, routePath, 'webhook/endpoint.test.ts.ejs', {
        provider,
        envVar,
        previousEnvVar: githubPreviousSecretEnv,
        secretSource: source,
        parentParams: resource.parentParams.map((p) => ({ name: p.name, array: style.paramType(p).startsWith('string[]') })),
      })));
  return files;
}

/** The delivery ledger each resource of a run was given, for the notes after it. */
const resolvedLedgers = new WeakMap<object, ResolvedLedger>();

function webhookNotes(input: GeneratorInput): string[] {
  const { provider, style } = input;
  const envVar = webhookSecretEnv[provider];
  const source = secretSource(input);
  const where = { process: 'read from process.env', dynamic: 'read through $env/dynamic/private', declared: 'declared in src/env.ts, read from $app/env/private' }[source];
  const notes = [
    `Set ${envVar} to the ${providerLabel[provider]} signing secret${provider === 'standard' ? ' (whsec_…, a key of 24 bytes or more)' : ''} in the server's environment (${where}); without it the endpoint answers 500 and logs why.`,
  ];
  if (provider === 'github') {
    notes.push(`To change the GitHub secret without losing deliveries: set ${githubPreviousSecretEnv} to the old secret and ${envVar} to the new one, then change it on GitHub, then unset ${githubPreviousSecretEnv}.`);
  }
  notes.push(...bodyLimitNotes(input.project));
  const ledger = resolvedLedgers.get(input.resource);
  // A resource not rendered in this process: the note of the default, the in-memory log.
  notes.push(...ledgerNotes(ledger ?? { kind: 'memory', why: 'the default' }));
  if (source === 'declared') {
    const env = sveltekitEnvFile(input.project, secretVariables(provider), allSecretVariables());
    if (env.note) notes.push(env.note);
  }
  const csrf = style.csrfNote(input.project, 'webhook');
  if (csrf !== null) notes.push(csrf);
  return notes;
}


import type { Generator, GeneratorInput, WebhookProvider } from './generator.js';
import type { RenderedFile } from './rendered.js';
import { renderRoute, testFileBeside } from './route-renderer.js';
import { sveltekitEnvFile, type EnvVariable } from './webhook-env.js';

/** The environment variable that holds each provider's signing secret. */
export const webhookSecretEnv: Record<WebhookProvider, string> = {
  standard: 'WEBHOOK_SECRET',
  stripe: 'STRIPE_WEBHOOK_SECRET',
  github: 'GITHUB_WEBHOOK_SECRET',
};

const providerLabel: Record<WebhookProvider, string> = {
  standard: 'Standard Webhooks',
  stripe: 'Stripe',
  github: 'GitHub',
};

const webhookProviders: WebhookProvider[] = ['standard', 'stripe', 'github'];

/** The secret as a SvelteKit 3 env declaration. */
function secretVariable(provider: WebhookProvider): EnvVariable {
  const description = {
    standard: 'Standard Webhooks signing secret (whsec_...)',
    stripe: 'Stripe webhook signing secret (whsec_...)',
    github: 'GitHub webhook secret',
  }[provider];
  return { name: webhookSecretEnv[provider], description };
}

/**
 * Where the route reads its secret: process.env in Next.js, $env/dynamic/private
 * in SvelteKit 2, and in SvelteKit 3 (which dropped dynamic env access) a
 * variable declared in src/env.ts and imported from $app/env/private.
 */
function secretSource(input: GeneratorInput): 'process' | 'dynamic' | 'declared' {
  if (input.style.name !== 'sveltekit') return 'process';
  return input.project.version.major >= 3 ? 'declared' : 'dynamic';
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
  const ext = project.typescript ? 'ts' : 'js';
  const lib = style.serverLibDir(project);
  const sharedFile = `${lib}/webhooks.${ext}`;
  const providerFile = `${lib}/webhook-${provider}.${ext}`;
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
      secret: () => {
        if (source === 'declared') return module('$app/env/private')(envVar);
        if (source === 'dynamic') return `${module('$env/dynamic/private')('env')}.${envVar}`;
        return `process.env.${envVar}`;
      },
      shared: from(sharedFile),
      lib: from(providerFile),
    }),
  });

  const files: RenderedFile[] = [
    routeFile,
    { kind: 'module', path: sharedFile, text: await templates.render('webhook/webhooks.ts.ejs', { project }) },
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
    const env = sveltekitEnvFile(project, secretVariable(provider), webhookProviders.map(secretVariable));
    if (env.file) files.push(env.file);
  }
  files.push(...(await testFileBeside(input, routePath, 'webhook/endpoint.test.ts.ejs', { provider, envVar, secretSource: source })));
  return files;
}

function webhookNotes(input: GeneratorInput): string[] {
  const { provider, style } = input;
  const envVar = webhookSecretEnv[provider];
  const source = secretSource(input);
  const where = { process: 'read from process.env', dynamic: 'read through $env/dynamic/private', declared: 'declared in src/env.ts, read from $app/env/private' }[source];
  const notes = [
    `Set ${envVar} to the ${providerLabel[provider]} signing secret${provider === 'standard' ? ' (whsec_…)' : ''} in the server's environment (${where}); without it the endpoint answers 500 and logs why.`,
  ];
  if (source === 'declared') {
    const env = sveltekitEnvFile(input.project, secretVariable(provider), webhookProviders.map(secretVariable));
    if (env.note) notes.push(env.note);
  }
  if (style.name === 'sveltekit') {
    notes.push(
      'SvelteKit CSRF: in production a cross-origin POST with a form content type (application/x-www-form-urlencoded, multipart/form-data, text/plain) is refused with 403 before it reaches the endpoint, unless csrf.trustedOrigins allows it; have the sender deliver JSON (application/json), which passes.',
    );
  }
  return notes;
}


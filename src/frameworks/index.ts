// The registry of frameworks. cli.ts imports it at start-up for the --style
// choices, so it and the modules it imports load nothing heavy (no EJS,
// Prettier or TypeScript): only their own facts and the handler syntax.
import type { FrameworkName } from '../project/framework.js';
import type { Framework } from './framework.js';
import { next } from './next.js';
import { sveltekit } from './sveltekit.js';

export type { Framework } from './framework.js';

/** One entry per name: the compiler refuses a FrameworkName without its module. */
const frameworks: Record<FrameworkName, Framework> = { next, sveltekit };

/** Every framework, in the order detection, the prompt and --help list them. */
export const frameworkList: readonly Framework[] = Object.values(frameworks);
export const frameworkNames: readonly FrameworkName[] = frameworkList.map((framework) => framework.name);

export function getFramework(name: FrameworkName): Framework {
  return frameworks[name];
}

import { formatFile, RenderedSyntaxError, resetFormatting } from '../render/format.js';
import type { Plan } from './plan.js';

/**
 * The plans that have formatted a file. A plan's first file forgets the
 * Prettier configs read for earlier plans: in one process (the programmatic
 * API) a config may change between two plans.
 */
const plansSeen = new WeakSet<Plan>();

/**
 * Formats a file as formatFile does, for a plan: text that does not parse is
 * an error (nothing is written), and a formatting failure (the unformatted
 * text is kept) becomes a warning of the plan.
 */
export async function formatInto(
  plan: Plan,
  text: string,
  file: string,
  overrides: Record<string, unknown> = {},
  printedAsPrettierDefaults = false,
): Promise<string> {
  if (!plansSeen.has(plan)) {
    plansSeen.add(plan);
    resetFormatting();
  }
  const result = await formatFile(text, plan.root, file, overrides, printedAsPrettierDefaults);
  if (result.syntaxError) throw new RenderedSyntaxError(file, result.syntaxError);
  if (result.warning) plan.problems.push({ level: 'warning', file, message: result.warning });
  return result.text;
}

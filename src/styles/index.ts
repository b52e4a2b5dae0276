import type { StyleName } from '../project/framework.js';
import { nextStyle } from './next.js';
import type { Style } from './style.js';
import { sveltekitStyle } from './sveltekit.js';

export type { Style } from './style.js';

const styles: Record<StyleName, Style> = { next: nextStyle, sveltekit: sveltekitStyle };

export function getStyle(name: StyleName): Style {
  return styles[name];
}

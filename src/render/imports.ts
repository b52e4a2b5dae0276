import type { ImportSpec } from '../model/route-code.js';
import { importDeclaration } from './layout.js';

export type { ImportSpec };

/**
 * Collects the imports that method partials ask for while they render, so a
 * partial is self-contained: full-file generation prints them at the top,
 * `add` hands them to the patcher to merge into the file's own imports.
 */
export class ImportCollector {
  readonly specs: ImportSpec[] = [];

  add(name: string, module: string, typeOnly = false): string {
    if (!this.specs.some((s) => s.name === name && s.module === module && Boolean(s.typeOnly) === typeOnly)) {
      this.specs.push({ module, name, typeOnly });
    }
    return name;
  }

  /** Import declarations, one per module and kind, in the order first asked for; names sorted. */
  print(): string {
    const groups = new Map<string, { module: string; typeOnly: boolean; names: string[] }>();
    for (const spec of this.specs) {
      const key = `${spec.typeOnly ? 'type ' : ''}${spec.module}`;
      const group = groups.get(key) ?? { module: spec.module, typeOnly: Boolean(spec.typeOnly), names: [] };
      group.names.push(spec.name);
      groups.set(key, group);
    }
    return [...groups.values()]
      .map((g) => importDeclaration(g.names.sort(), g.module, g.typeOnly))
      .join('\n');
  }
}

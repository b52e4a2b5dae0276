import { join } from 'node:path';
import { readTextOrNull } from '../util/files.js';
import type { AuthProvider } from '../model/auth.js';
import { declaredRange, dependencyVersion, type PackageJson } from './package-json.js';
import type { ts as Syntax } from 'ts-morph';
import { exportsName, parseModule, typescript } from './module-syntax.js';

/** A module of the project that exports what a guard imports: the better-auth instance, Auth.js's `auth`, Supabase's `createClient`. */
export interface ProjectExport {
  file: string;
  name: string;
}

/** What the project has of each auth library, read from package.json and its files (never run). */
export interface AuthSetup {
  /** The libraries package.json depends on, in the order detection prefers them. */
  installed: AuthProvider[];
  /** The installed major of a library's package, where its API differs between majors. */
  major(provider: AuthProvider): number | null;
  /** The module exporting what the guard of `provider` imports, or null when none is where the library's docs put it. */
  projectExport(provider: 'better-auth' | 'authjs' | 'supabase'): ProjectExport | null;
  /** SvelteKit's `src/app.d.ts`, and what its `App.Locals` declares. */
  appLocals(): AppLocals;
}

export interface AppLocals {
  file: string;
  /** The file's text; null when it does not exist. */
  text: string | null;
  /** Member names of `App.Locals` (`user`, `session`, `auth`, …). */
  members: string[];
}

/** The packages each provider is detected by, per framework where it differs. */
const packages: Record<Exclude<AuthProvider, 'locals'>, string[]> = {
  'better-auth': ['better-auth'],
  authjs: ['next-auth', '@auth/sveltekit'],
  clerk: ['@clerk/nextjs', 'svelte-clerk', 'clerk-sveltekit'],
  supabase: ['@supabase/ssr'],
};

const withJs = (files: string[]) => [...files, ...files.map((f) => f.replace(/\.ts$/, '.js'))];

/** Where each library's docs (and sv's add-ons) put the module a guard imports. */
const exportPlaces = {
  'better-auth': {
    name: 'auth',
    files: withJs(['src/lib/server/auth.ts', 'src/lib/auth.ts', 'lib/auth.ts', 'src/auth.ts', 'auth.ts', 'src/lib/auth/index.ts', 'lib/auth/index.ts', 'src/server/auth.ts', 'server/auth.ts', 'src/utils/auth.ts', 'utils/auth.ts']),
  },
  authjs: { name: 'auth', files: withJs(['auth.ts', 'src/auth.ts', 'lib/auth.ts', 'src/lib/auth.ts']) },
  supabase: {
    name: 'createClient',
    files: withJs(['utils/supabase/server.ts', 'src/utils/supabase/server.ts', 'lib/supabase/server.ts', 'src/lib/supabase/server.ts']),
  },
} as const;

export function readAuthSetup(root: string, packageJson: PackageJson | null): AuthSetup {
  const has = (name: string) => declaredRange(packageJson, name) !== undefined;
  const installed = (Object.keys(packages) as (keyof typeof packages)[]).filter((provider) => packages[provider].some(has));
  return {
    installed,
    major(provider) {
      if (provider === 'locals') return null;
      const name = packages[provider].find(has);
      return name === undefined ? null : (dependencyVersion(root, packageJson, name)?.major ?? null);
    },
    projectExport(provider) {
      const { name, files } = exportPlaces[provider];
      const file = files.find((f) => {
        const text = readTextOrNull(join(root, f));
        return text !== null && exportsName(text, f, name);
      });
      return file === undefined ? null : { file, name };
    },
    appLocals: () => readAppLocals(root),
  };
}

/** Whether package.json depends on the package (`next-auth` rather than `@auth/sveltekit`, `@clerk/nextjs`, …). */
export function dependsOn(packageJson: PackageJson | null, name: string): boolean {
  return declaredRange(packageJson, name) !== undefined;
}

const appDts = 'src/app.d.ts';

function readAppLocals(root: string): AppLocals {
  const text = readTextOrNull(join(root, appDts));
  return { file: appDts, text, members: text === null ? [] : localsMembers(text) };
}

/** The members of `interface Locals` inside `namespace App` (in `declare global` or at the top level). */
function localsMembers(text: string): string[] {
  const ts = typescript();
  const members: string[] = [];
  const visit = (node: Syntax.Node, inApp: boolean): void => {
    if (ts.isModuleDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'App') inApp = true;
    if (inApp && ts.isInterfaceDeclaration(node) && node.name.text === 'Locals') {
      for (const member of node.members) if (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) members.push(member.name.text);
      return;
    }
    ts.forEachChild(node, (child) => visit(child, inApp));
  };
  visit(parseModule(text, appDts), false);
  return members;
}

import pluralize from 'pluralize';
import { avoidClash, isAvailable } from './identifiers.js';

/** Names a resource gives to the code generated for it. */
export interface ResourceNames {
  /** The collection's folder name, e.g. `user-profiles`. */
  plural: string;
  /** camelCase singular for variables: `userProfile`. */
  singular: string;
  /** PascalCase singular for types: `UserProfile`. */
  type: string;
  /** camelCase plural for functions: `userProfiles`. */
  pluralCamel: string;
  /** Human words for messages: `user profile`. */
  label: string;
}

export interface NameOptions {
  /** The user's own singular (`--singular`), in place of the inflected one: `person`, `mouse-trap`. */
  singular?: string;
  /** Further identifiers the resource's code must not take: its route parameters. */
  taken?: Iterable<string>;
}

/**
 * The names of a resource's code. The singular comes from pluralize (its rules,
 * irregulars and uncountables), with the corrections below. Every identifier is
 * kept clear of reserved words, the templates' own names and common globals:
 * `classes` gives the variable `classItem` and the type `Class`, `pages` the
 * type `PageItem` (the engine exports `Page`), `ids` the variable `idItem`.
 */
export function resourceNames(folder: string, options: NameOptions = {}): ResourceNames {
  const words = splitWords(folder);
  const last = words.pop() ?? 'item';
  const own = options.singular === undefined ? null : splitWords(options.singular);
  let singularWords = own ?? [...words, singularOf(last)];
  // "news", "series", "sheep": the type still needs a name apart from the collection.
  if (own === null && singularWords.at(-1) === last) singularWords = [...words, last, 'item'];
  const taken = new Set(options.taken ?? []);
  const singular = avoidClash(safeStart(camel(singularWords)), taken);
  const pluralCamel = safeStart(camel([...words, last]));
  return {
    plural: folder,
    singular,
    type: typeName(pascal(safeStart(camel(singularWords)))),
    pluralCamel,
    label: singularWords.join(' '),
  };
}

/**
 * The type name, and the functions named after it (`parseClassInput`,
 * `getClass`, …), kept apart from the names the resource module imports or
 * declares: `Page`, `Result`, `Record`, `ListQuery` (whose parser would be
 * `parseListQuery`) become `PageItem`, `ResultItem`, ….
 */
function typeName(candidate: string): string {
  let type = candidate;
  const derived = (t: string) => [t, `${t}Input`, `${t}Patch`, `${t}Scope`, ...Object.values(crudFunctionNames(t, ''))];
  while (!derived(type).every((name) => isAvailable(name))) type += 'Item';
  return type;
}

/**
 * The functions a CRUD resource module exports, named after its type and its
 * plural: `parseTodoInput`, `listTodos`, … (the list function is safe by its
 * prefix whatever the plural).
 */
export function crudFunctionNames(type: string, pluralType: string) {
  return {
    parseInput: `parse${type}Input`,
    parsePatch: `parse${type}Patch`,
    parseQuery: `parse${type}Query`,
    list: `list${pluralType}`,
    get: `get${type}`,
    create: `create${type}`,
    replace: `replace${type}`,
    update: `update${type}`,
    remove: `delete${type}`,
  };
}

/**
 * Where pluralize's rules give the wrong singular for a common noun: `caches`
 * would be `cach`, `cookies` `cooky`. Found by test/e2e/nouns.test.ts over
 * WordNet's most used nouns. A name of the API world is uncountable as well.
 */
const corrections: Record<string, string> = {
  ache: 'aches', apache: 'apaches', avalanche: 'avalanches', brioche: 'brioches', cache: 'caches', canvas: 'canvases',
  cliche: 'cliches', creche: 'creches', headache: 'headaches', moustache: 'moustaches', mustache: 'mustaches', niche: 'niches',
  psyche: 'psyches', quiche: 'quiches', microfiche: 'microfiches', pastiche: 'pastiches', douche: 'douches',
  brownie: 'brownies', calorie: 'calories', cookie: 'cookies', genie: 'genies', hippie: 'hippies', newbie: 'newbies',
  pixie: 'pixies', prairie: 'prairies', reverie: 'reveries', rookie: 'rookies', selfie: 'selfies', smoothie: 'smoothies',
  sortie: 'sorties', yuppie: 'yuppies', anomie: 'anomies', camaraderie: 'camaraderies', commie: 'commies', specimen: 'specimens',
  excuse: 'excuses', fuse: 'fuses', muse: 'muses', refuse: 'refuses', recluse: 'recluses', ruse: 'ruses', salve: 'salves',
};
const correctedSingular = new Map(Object.entries(corrections).map(([single, plural]) => [plural, single]));
const uncountable = new Set(['data', 'metadata', 'info', 'feedback', 'media', 'status', ...Object.keys(corrections)]);

/**
 * The corrections are looked up here rather than added to pluralize's rules:
 * pluralize is one shared instance, and a programmatic user's copy must not
 * change because this module was imported.
 */
function singularOf(word: string): string {
  const corrected = correctedSingular.get(word) ?? (uncountable.has(word) ? word : undefined);
  if (corrected !== undefined) return corrected;
  const single = pluralize.singular(word);
  // pluralize maps a lone "s" to "".
  return single === '' ? word : single;
}

function splitWords(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function camel(words: string[]): string {
  return words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
}

function pascal(name: string): string {
  return name[0]!.toUpperCase() + name.slice(1);
}

/** Identifiers cannot start with a digit. */
function safeStart(name: string): string {
  return /^[0-9]/.test(name) ? `r${name}` : name;
}

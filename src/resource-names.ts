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

export function resourceNames(folder: string): ResourceNames {
  const words = folder.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean).map((w) => w.toLowerCase());
  const last = words.pop() ?? 'item';
  let single = singularize(last);
  // "data", "news", "sheep": the type still needs a name apart from the collection.
  const pluralWords = [...words, last];
  const singularWords = [...words, single === last ? `${last}Item` : single];
  single = singularWords.join(' ');
  const singular = safeIdentifier(camel(singularWords));
  return {
    plural: folder,
    singular,
    type: singular[0]!.toUpperCase() + singular.slice(1),
    pluralCamel: safeIdentifier(camel(pluralWords)),
    label: single.replace(/Item$/, ' item').toLowerCase(),
  };
}

/** Words whose singular is the word itself: their type gets an `Item` suffix. */
const uncountable = new Set(['news', 'data', 'metadata', 'media', 'series', 'species', 'sheep', 'info', 'feedback']);

function singularize(word: string): string {
  if (uncountable.has(word)) return word;
  if (/[^aeiou]ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(s|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/ss$|us$|is$/.test(word)) return word;
  // A lone "s" stays a word.
  if (word.endsWith('s') && word.length > 1) return word.slice(0, -1);
  return word;
}

function camel(words: string[]): string {
  return words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
}

/** Identifiers cannot start with a digit. */
function safeIdentifier(name: string): string {
  return /^[0-9]/.test(name) ? `r${name}` : name;
}

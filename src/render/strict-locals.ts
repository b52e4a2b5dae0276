/**
 * Locals that throw when a template reads one that is not there. ejs would
 * print `undefined` into the generated code instead, silently: a template
 * overridden by the user, or a generator that forgot a local, should fail
 * the run, naming the local.
 *
 * `deep` wraps the plain objects read from the locals too (for tables of
 * plain data, such as the field types'); it is off for the top level, whose
 * values include the user's package.json and other objects whose keys may be
 * absent.
 */
export function strictLocals<T extends object>(locals: T, name = 'ctx', deep = false): T {
  return new Proxy(locals, {
    get(target, key, receiver) {
      if (typeof key !== 'string') return Reflect.get(target, key, receiver);
      if (!(key in target)) throw new Error(`Template local ${name}.${key} is missing`);
      const value: unknown = Reflect.get(target, key, receiver);
      return deep && isPlainObject(value) ? strictLocals(value, `${name}.${key}`, true) : value;
    },
  });
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

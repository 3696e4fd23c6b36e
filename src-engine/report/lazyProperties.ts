/**
 * Own enumerable properties computed on their first read (nlme's anova(), ACF, p-values: what R computes
 * only when asked), with one getter function per property name shared by every object.
 *
 * Why not `{ get anova() { … } }` in an object literal: V8 keeps an accessor's getter in the object's
 * map, so a literal whose getter is a new closure each time gives every object a map of its own. Maps
 * live in the old generation; the map points at the young closure, whose context (the fit's model,
 * frame, residuals) then survives every scavenge and is promoted, dead, until the next full collection.
 * A whole fit was promoted per scavenge this way: scavenges of 10 ms and per-fit times swinging 2–5×
 * (docs/performance.md, "Getters in object literals"). A shared getter keeps one map for all objects.
 */
const THUNKS = Symbol('lazy properties');

interface Lazy {
  [THUNKS]: Record<string, { done: boolean; value: unknown; compute: () => unknown }>;
}

const getters = new Map<string, (this: Lazy) => unknown>();

function getterFor(key: string): (this: Lazy) => unknown {
  let g = getters.get(key);
  if (!g) {
    g = function (this: Lazy) {
      const t = this[THUNKS][key];
      if (!t.done) {
        t.value = t.compute();
        t.done = true;
      }
      return t.value;
    };
    getters.set(key, g);
  }
  return g;
}

/**
 * Adds `fields` to `target` as enumerable getters (after its existing keys, in the order given), each
 * computed once on its first read; JSON.stringify and structured clone read them like data. Returns
 * `target` typed with the new fields.
 */
export function withLazy<T extends object, F extends Record<string, () => unknown>>(target: T, fields: F): T & { readonly [K in keyof F]: ReturnType<F[K]> } {
  const o = target as T & Partial<Lazy>;
  let thunks = o[THUNKS];
  if (!thunks) {
    thunks = {};
    Object.defineProperty(o, THUNKS, { value: thunks });
  }
  for (const key of Object.keys(fields)) {
    thunks[key] = { done: false, value: undefined, compute: fields[key] };
    Object.defineProperty(o, key, { get: getterFor(key), enumerable: true, configurable: true });
  }
  return o as T & { readonly [K in keyof F]: ReturnType<F[K]> };
}

/**
 * The hardening tables (matrix.ts, recipes.ts, subjects.ts) are written one file an area: accounts, bases, market,
 * oversight, spaces. This joins an area's parts into one table.
 */

/** Every key any of the records has. */
type KeysOfEach<U> = U extends unknown ? keyof U & string : never;
type ValuesOfEach<U> = U extends Record<string, infer V> ? V : never;

/** The areas' records as one; a key two areas both give is a mistake, refused when the suite loads. */
export function assembled<A extends Record<string, Record<string, unknown>>>(
  areas: A,
): Record<KeysOfEach<A[keyof A]>, ValuesOfEach<A[keyof A]>> {
  const all: Record<string, unknown> = {};
  const areaOf = new Map<string, string>();
  for (const [area, entries] of Object.entries(areas)) {
    for (const [key, value] of Object.entries(entries)) {
      if (areaOf.has(key)) throw new Error(`${key} is in both ${areaOf.get(key)} and ${area}`);
      areaOf.set(key, area);
      all[key] = value;
    }
  }
  return all as Record<KeysOfEach<A[keyof A]>, ValuesOfEach<A[keyof A]>>;
}

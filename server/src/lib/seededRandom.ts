/**
 * mulberry32: a tiny seeded generator of numbers in [0, 1). For what must repeat run after run without the data
 * generator's streams (seed/generate/random.ts): property tests, benchmark workloads, the demo's history.
 */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
